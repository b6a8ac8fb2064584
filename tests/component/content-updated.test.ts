import { afterEach, describe, expect, it, vi } from 'vitest'
import ContentUpdated from '../../src/components/ContentUpdated.vue'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { useContentStore } from '../../src/stores/content'
import { mountPage, settle } from './mount-page'

/** The service answering GET /api/content: with a body, a new version; without, 304. */
function serviceAnswers(version?: string): void {
  vi.stubGlobal('fetch', async () =>
    version
      ? new Response(JSON.stringify({ ...defaultContent, version }), { status: 200, headers: { 'Content-Type': 'application/json', ETag: `"${version}"` } })
      : new Response(null, { status: 304 }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('“Information updated on …”', () => {
  it('says so on the next page after a new version arrived, once, and not for an unchanged one', async () => {
    const page = await mountPage(ContentUpdated, '/forums')
    const router = page.vm.$router
    const said = () => page.find('[data-testid="content-updated"]').text()
    const content = useContentStore()

    serviceAnswers('2027-03-03.7')
    expect(await content.refresh()).toBe('updated')
    await settle()
    // The page being read does not change under the reader.
    expect(said()).toBe('')

    await router.push('/directory')
    await settle()
    expect(said()).toBe('Information updated on 3 March 2027')

    await router.push('/which-forum')
    await settle()
    expect(said()).toBe('')

    serviceAnswers()
    expect(await content.refresh()).toBe('unchanged')
    await router.push('/forums')
    await settle()
    expect(said()).toBe('')
  })

  it('is a status region from the start, so that screen readers announce it', async () => {
    const page = await mountPage(ContentUpdated, '/forums')
    expect(page.find('[data-testid="content-updated"]').attributes('role')).toBe('status')
  })
})
