import { availableParallelism } from 'node:os'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    // Vitest's default is one worker fewer than the cores: one file at a time on CI's two. Much of
    // a file's time is spent waiting (on Chromium, on HTTP, on a child process), so two at a time
    // keep both cores busy. End-to-end files take their turn with the rest: a project limited to
    // one file at a time would be run only after every other file had finished.
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
