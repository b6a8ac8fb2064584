import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultContent } from '../../src/domain/default-content/default-content'
import DirectoryPage from '../../src/pages/directory/DirectoryPage.vue'
import { mountPage } from './mount-page'

afterEach(() => {
  document.body.innerHTML = ''
})

const shownNames = (page: Awaited<ReturnType<typeof mountPage>>) => page.findAll('#directory-results h2').map((h) => h.text())
const openDirectory = () => mountPage(DirectoryPage, '/directory', (page) => shownNames(page).length > 0)

describe('the support services directory', () => {
  it('lists every service with tap-to-call phone links', async () => {
    const page = await openDirectory()
    expect(shownNames(page)).toHaveLength(defaultContent.services.length)
    expect(page.find('[role="status"]').text()).toBe(`${defaultContent.services.length} services`)
    expect(page.find('a[href="tel:01163052071"]').text()).toBe('0116 305 2071')
  })

  it('narrows the list as the user types', async () => {
    const page = await openDirectory()
    await page.find('#directory-search').setValue('autism')
    // The list follows once typing pauses, not on the key itself.
    expect(shownNames(page)).toHaveLength(defaultContent.services.length)
    await vi.waitFor(() => expect(shownNames(page)).toEqual(['Specialist Teaching Service, including the Autism Outreach Team']))
    expect(page.find('[role="status"]').text()).toBe('1 service')
  })

  it('filters by need, and says so when nothing matches', async () => {
    const page = await openDirectory()
    await page.find('#need-governors').setValue(true)
    expect(shownNames(page)).toEqual(['Governor Development Service (GDS)'])

    await page.find('#directory-search').setValue('autism')
    await vi.waitFor(() => expect(shownNames(page)).toEqual([]))
    expect(page.find('[role="status"]').text()).toContain('No services match')

    await page.find('button').trigger('click') // Clear search and filters
    await vi.waitFor(() => expect(shownNames(page)).toHaveLength(defaultContent.services.length))
    expect((page.find('#directory-search').element as HTMLInputElement).value).toBe('')
  })
})
