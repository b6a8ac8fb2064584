import { afterEach, describe, expect, it } from 'vitest'
import type { Content } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { ContentStore } from '../../server/store/content-store'
import type { IntakeStore } from '../../server/store/intake-store'
import { checkedEdit, editDraft, GONE, parseContent } from '../../server/workspace/content-draft'
import { STORES } from './stores'

const AT = '2026-12-02T10:00:00.000Z'
const addService = (id: string) => (content: Content): Content => ({
  ...content,
  services: [...content.services, { id, name: `Test service ${id}`, offers: 'A test entry.', phones: [], topics: [], needs: [], notes: [] }],
})

/** The store as one instance sees it, with `meanwhile` run once just before its first save: another officer's save, on another instance. */
function savingMeanwhile(store: ContentStore, meanwhile: () => Promise<unknown>): ContentStore {
  let first = true
  return Object.assign(Object.create(store) as ContentStore, {
    async saveContentDraft(...args: Parameters<ContentStore['saveContentDraft']>) {
      if (first) {
        first = false
        await meanwhile()
      }
      return store.saveContentDraft(...args)
    },
  })
}

describe.each(STORES)('$name store: two officers editing the content draft at once', ({ openTwo }) => {
  const opened: IntakeStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })

  it.each([
    ['with no draft yet', false],
    ['with a draft already', true],
  ])('keeps both changes when one saves between the other’s reading and saving, %s', async (_, drafted) => {
    const [one, other] = await openTwo()
    opened.push(one, other)
    await one.content.publishContent(JSON.stringify(defaultContent), AT, { note: 'First' })
    if (drafted) await one.content.saveContentDraft(JSON.stringify(addService('earlier')(defaultContent)), AT, 'officer-c')

    const edits: string[] = []
    const store = savingMeanwhile(one.content, () => editDraft(other.content, addService('from-b'), AT, 'officer-b'))
    const result = await editDraft(store, (content) => (edits.push(content.services.map((service) => service.id).join(' ')), addService('from-a')(content)), AT, 'officer-a')

    expect(result).toEqual({ saved: true })
    // Applied twice: to the draft first read, then again to the draft with B's change.
    expect(edits).toHaveLength(2)
    const ids = parseContent((await one.content.contentDraft())!.body)!.services.map((service) => service.id)
    expect(ids.filter((id) => ['earlier', 'from-a', 'from-b'].includes(id))).toEqual(drafted ? ['earlier', 'from-b', 'from-a'] : ['from-b', 'from-a'])
  })

  it('stops with the edit’s problem, saving nothing: a service removed meanwhile is gone, a draft that breaks the schema is refused', async () => {
    const [one, other] = await openTwo()
    opened.push(one, other)
    await one.content.publishContent(JSON.stringify(defaultContent), AT, { note: 'First' })
    expect(await editDraft(one.content, () => ({ problem: GONE }), AT, 'officer-a')).toEqual({ problem: GONE })
    const withoutServices = checkedEdit((content) => ({ ...content, services: [] }))
    expect(await editDraft(one.content, withoutServices, AT, 'officer-a')).toEqual({ problem: 'The directory must keep at least one service' })
    expect(await other.content.contentDraft()).toBeUndefined()
  })
})
