import { afterEach, describe, expect, it } from 'vitest'
import { type ContentStore } from '../../server/store/content-store'
import type { IntakeStore } from '../../server/store/intake-store'
import { STORES } from './stores'

// A UK summer evening after 23:00 UTC is already the next day in the UK.
const AT = '2026-07-01T23:30:00.000Z'
const LATER = '2026-07-02T09:00:00.000Z'
const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ schemaVersion: 1, version: '2000-01-01.1', ...extra })

describe.each(STORES)('$name store: content versions', ({ open, openTwo }) => {
  const opened: IntakeStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  const newStore = async (): Promise<ContentStore> => {
    const store = await open()
    opened.push(store)
    return store.content
  }

  it('keeps each published version with its note, publisher and what it restored, newest first, and stamps its version', async () => {
    const store = await newStore()
    expect(await store.latestContent()).toBeUndefined()
    expect(await store.contentVersions()).toEqual([])
    const first = await store.publishContent(body({ a: 1 }), AT, { note: 'First' })
    const second = await store.publishContent(body({ a: 2 }), LATER, { note: 'Second', by: 'officer-1' })
    const restored = await store.publishContent(body({ a: 1 }), LATER, { note: `Restored version ${first}`, by: 'officer-1', restoredFrom: first })
    expect(await store.contentVersions()).toEqual([
      { id: restored, publishedAt: LATER, note: `Restored version ${first}`, publishedBy: 'officer-1', restoredFrom: first },
      { id: second, publishedAt: LATER, note: 'Second', publishedBy: 'officer-1' },
      { id: first, publishedAt: AT, note: 'First' },
    ])
    const latest = (await store.latestContent())!
    expect(latest.id).toBe(restored)
    expect(JSON.parse(latest.body)).toEqual({ schemaVersion: 1, version: `2026-07-02.${restored}`, a: 1 })
    const one = (await store.contentVersion(first))!
    expect(JSON.parse(one.body).version).toBe(`2026-07-02.${first}`)
    expect(one).toMatchObject({ id: first, note: 'First', publishedAt: AT })
    expect(await store.contentVersion(first + 1000)).toBeUndefined()
  })

  it('keeps a body that is not JSON as it was sent (the content source refuses it)', async () => {
    const store = await newStore()
    const id = await store.publishContent('{ not json', AT, { note: 'Broken' })
    expect((await store.contentVersion(id))!.body).toBe('{ not json')
  })

  it('publishes the first content once, however many instances start on a new database at once', async () => {
    const stores = (await openTwo()).map((store) => {
      opened.push(store)
      return store.content
    })
    const ids = await Promise.all([...stores, ...stores].map((store, index) => store.publishFirstContent(body({ from: index }), AT, { note: 'First start' })))
    expect(ids.filter((id) => id !== undefined)).toHaveLength(1)
    expect(await stores[0]!.contentVersions()).toHaveLength(1)
    expect(await stores[1]!.publishFirstContent(body(), AT, { note: 'Again' })).toBeUndefined()
  })

  it('keeps one shared draft: saved over, read back, discarded', async () => {
    const store = await newStore()
    expect(await store.contentDraft()).toBeUndefined()
    await store.saveContentDraft(body({ a: 1 }), AT, 'officer-1')
    await store.saveContentDraft(body({ a: 2 }), LATER, 'officer-2')
    expect(await store.contentDraft()).toEqual({ body: body({ a: 2 }), updatedAt: LATER, updatedBy: 'officer-2' })
    await store.discardContentDraft()
    expect(await store.contentDraft()).toBeUndefined()
    await store.discardContentDraft()
    expect(await store.contentDraft()).toBeUndefined()
  })

  it('saves a draft only over the one read, so that two officers saving at once lose nothing', async () => {
    const store = await newStore()
    // Two officers read "no draft" at once: the first to save creates it, the second must read again.
    expect(await store.saveContentDraft(body({ a: 1 }), AT, 'officer-1', null)).toBe(true)
    expect(await store.saveContentDraft(body({ b: 1 }), AT, 'officer-2', null)).toBe(false)
    const read = (await store.contentDraft())!
    expect(read).toEqual({ body: body({ a: 1 }), updatedAt: AT, updatedBy: 'officer-1' })
    // Both read the same draft; the second save finds it changed.
    expect(await store.saveContentDraft(body({ a: 1, b: 1 }), LATER, 'officer-2', read)).toBe(true)
    expect(await store.saveContentDraft(body({ a: 2 }), LATER, 'officer-1', read)).toBe(false)
    expect((await store.contentDraft())!.body).toBe(body({ a: 1, b: 1 }))
    // Publishing discards only the draft it published: a change saved meanwhile stays.
    expect(await store.discardContentDraft(read)).toBe(false)
    expect(await store.discardContentDraft((await store.contentDraft())!)).toBe(true)
    expect(await store.contentDraft()).toBeUndefined()
  })

  it('gives the newest version’s id without its body, and nothing before the first', async () => {
    const store = await newStore()
    expect(await store.latestContentId()).toBeUndefined()
    await store.publishContent(body(), AT, { note: 'First' })
    const second = await store.publishContent(body({ a: 1 }), LATER, { note: 'Second' })
    expect(await store.latestContentId()).toBe(second)
  })
})
