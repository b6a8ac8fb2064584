import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../server/app'
import { DatabaseContent } from '../../server/content-source'
import { PostgresStore } from '../../server/store/postgres/postgres-store'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { createDatabase } from './postgres-server'

// Several instances serve the content published in their database, all the same version.
const quiet = { info: () => {}, warn: () => {} }
let url: string
let stores: PostgresStore[]
let folder: string

beforeEach(async () => {
  url = await createDatabase(inject('postgresUrl'))
  stores = [await PostgresStore.open(url), await PostgresStore.open(url)]
  folder = mkdtempSync(join(tmpdir(), 'content-'))
})
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()))
  rmSync(folder, { recursive: true, force: true })
})

async function instances() {
  const sources = await Promise.all(stores.map((store) => DatabaseContent.open(store.content, quiet, 60_000)))
  const apps = await Promise.all(sources.map((source) => buildApp({ content: () => source.current() })))
  const get = (index: number) => apps[index]!.inject({ method: 'GET', url: '/api/content' })
  return { sources, get, close: () => Promise.all([...apps.map((app) => app.close()), ...sources.map((source) => source.stop())]) }
}

describe('content shared by several instances', () => {
  it('publishes the bundled content once, and every instance serves the same version with the same ETag', async () => {
    const running = await instances()
    try {
      const [first, second] = [await running.get(0), await running.get(1)]
      expect(first.json()).toEqual({ ...defaultContent, version: first.json().version })
      expect(second.headers.etag).toBe(first.headers.etag)
      expect((await stores[0]!.content.contentVersions()).map((version) => version.note)).toEqual(['The content the service ships with'])
      expect((await running.get(1)).statusCode).toBe(200)
    } finally {
      await running.close()
    }
  })

  it('serves a newly published version on every instance, and keeps the last good one when a version fails the schema', async () => {
    const running = await instances()
    try {
      const before = (await running.get(0)).headers.etag
      await stores[0]!.content.publishContent(JSON.stringify({ ...defaultContent, whatToBring: ['A newer list'] }), new Date().toISOString(), { note: 'A newer list' })
      await Promise.all(running.sources.map((source) => source.refresh()))
      const [first, second] = [await running.get(0), await running.get(1)]
      expect(first.json().whatToBring).toEqual(['A newer list'])
      const newer = first.json().version
      expect(second.headers.etag).toBe(first.headers.etag)
      expect(first.headers.etag).not.toBe(before)

      await stores[1]!.content.publishContent(JSON.stringify({ version: 'broken' }), new Date().toISOString(), { note: 'Broken' })
      await Promise.all(running.sources.map((source) => source.refresh()))
      expect((await running.get(0)).json().version).toBe(newer)
    } finally {
      await running.close()
    }
  })

  it('starts with the bundled content when the database goes away as it opens, and serves the database’s once it is back', async () => {
    const id = await stores[0]!.content.publishContent(JSON.stringify(defaultContent), new Date().toISOString(), { note: 'First' })
    const published = JSON.parse((await stores[0]!.content.contentVersion(id))!.body).version
    let reachable = false
    const warnings: string[] = []
    const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    const flaky = {
      latestContent: () => (reachable ? stores[0]!.content.latestContent() : refused()),
      latestContentId: () => (reachable ? stores[0]!.content.latestContentId() : refused()),
      publishFirstContent: () => Promise.reject(new Error('not expected')),
    }
    const source = await DatabaseContent.open(flaky, { info: () => {}, warn: (_data, message) => void warnings.push(message) }, 60_000)
    try {
      expect(source.current().version).toBe(defaultContent.version)
      expect(warnings).toEqual(['content could not be read from the database: keeping the current content'])
      reachable = true
      await source.refresh()
      expect(source.current().version).toBe(published)
    } finally {
      source.stop()
    }
  })

  it('publishes from the command line only what fits the app’s schema', async () => {
    const run = (file: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'publish-content', '--file', file], {
        env: { ...process.env, DATABASE_URL: url, DATA_DIR: folder },
      }).then(
        (done) => ({ code: 0, output: done.stdout }),
        (failed: { code: number; stderr: string }) => ({ code: failed.code, output: failed.stderr }),
      )
    const good = join(folder, 'good.json')
    writeFileSync(good, JSON.stringify({ ...defaultContent, whatToBring: ['From the command line'] }))
    const done = await run(good)
    const latest = (await stores[0]!.content.latestContent())!
    const version = JSON.parse(latest.body).version
    expect(done).toMatchObject({ code: 0, output: expect.stringContaining(`Published content version ${version} (version ${latest.id} `) })
    expect(JSON.parse(latest.body).whatToBring).toEqual(['From the command line'])
    expect((await stores[0]!.content.contentVersion(latest.id))!.note).toBe('Published from good.json')

    const bad = join(folder, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...defaultContent, forums: 'none' }))
    expect(await run(bad)).toMatchObject({ code: 2, output: expect.stringContaining('Not published') })
    expect((await stores[0]!.content.latestContent())!.id).toBe(latest.id)
  })
})
