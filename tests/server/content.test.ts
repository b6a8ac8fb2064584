import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { checkContent } from '../../src/domain/content-schema'
import { startServer, type RunningServer } from './test-server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

describe('GET /api/content', () => {
  it('publishes valid content with an ETag, to be revalidated every time', async () => {
    const response = await fetch(`${server.url}/api/content`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    const body = await response.json()
    expect(checkContent(body).ok).toBe(true)
    expect(body.version).toBe(defaultContent.version)
  })

  it('answers 304 with no body to a client that has this version', async () => {
    const etag = (await fetch(`${server.url}/api/content`)).headers.get('etag')!
    const response = await fetch(`${server.url}/api/content`, { headers: { 'If-None-Match': `"other", ${etag}` } })
    expect(response.status).toBe(304)
    expect(await response.text()).toBe('')
  })

  it('sends the whole content to a client with an old ETag', async () => {
    const response = await fetch(`${server.url}/api/content`, { headers: { 'If-None-Match': '"old"' } })
    expect(response.status).toBe(200)
    expect((await response.json()).version).toBe(defaultContent.version)
  })
})
