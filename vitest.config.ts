import { availableParallelism } from 'node:os'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** The server files that take longest: the fuzz test and the crash tests, minutes between them. */
const STARTED_FIRST = /tests\/server\/(hostile-input|crash|crash-postgres)\.test\.ts$/

/**
 * Vitest's own order, but with the longest server files first. On a fresh machine Vitest starts
 * the biggest files first, and these are small: left to the end, the fuzz test ran on its own
 * for nearly three minutes while the other worker sat idle.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    return [...sorted.filter((file) => STARTED_FIRST.test(file.moduleId)), ...sorted.filter((file) => !STARTED_FIRST.test(file.moduleId))]
  }
}

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    // Vitest's default is one worker fewer than the cores: one file at a time on CI's two. Much of
    // a file's time is spent waiting (on Chromium, on HTTP, on a child process), so two at a time
    // keep both cores busy. End-to-end files take their turn with the rest: a project limited to
    // one file at a time would be run only after every other file had finished.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    projects: [
      // Unit and server files share their worker's loaded modules (isolate: false): each sets up its
      // own service, store and data, and loading Fastify, zod and the routes for every file cost more than the tests.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        extends: true,
        plugins: [vue()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          // A real IndexedDB and real crypto: seconds, not Vitest's default five, on a busy CI machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          setupFiles: ['fake-indexeddb/auto'],
          // A PostgreSQL server of the tests' own, for the stores' contract tests and the crash test.
          globalSetup: ['tests/server/global-setup.ts'],
          // Real HTTP, real databases and child processes: seconds, not Vitest's default five, on a busy CI machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
