import { describe, expect, it } from 'vitest'
import { defaultContent } from '../../../src/domain/default-content/default-content'
import { BUNDLED_CONTENT_VERSION } from '../../../src/domain/default-content/version'
import { checkContent } from '../../../src/domain/content-schema'
import { compareContentVersions } from '../../../src/domain/content-version'
import { FORUM_IDS } from '../../../src/domain/forums'
import { NEEDS } from '../../../src/domain/needs'

const allText = JSON.stringify(defaultContent)
const serviceNamed = (fragment: string) => defaultContent.services.find((service) => service.name.includes(fragment))

describe('the bundled content', () => {
  it('passes its own schema, so the service can publish it too', () => {
    expect(checkContent(defaultContent)).toEqual({ ok: true, content: defaultContent })
    expect(defaultContent.version).toBe(BUNDLED_CONTENT_VERSION)
  })

  it('has the four forums', () => {
    expect(defaultContent.forums.map((forum) => forum.id)).toEqual([...FORUM_IDS])
  })

  // DOMAIN.md's contact table: every number, on the right service.
  it.each([
    ['Inclusion Service', '0116 305 2071'],
    ['Education effectiveness partners', '0116 305 3365'],
    ['Governor Development Service', '0116 305 6503'],
    ['Oakfield', '07725 204134'],
    ['Legal Service', '0116 305 6012'],
    ['Learn-AT', '01858 383155'],
    ['SENA', '0116 305 6600'],
    ['First Response', '0116 305 5500'],
    ['Early years SEND duty desk', '0116 305 7136'],
  ])('%s: %s', (name, number) => {
    expect(serviceNamed(name)?.phones.map((phone) => phone.number)).toContain(number)
  })

  it.each([
    'LEAMIS', 'Early Years', 'Secondary Education and Inclusion Partnerships', 'Educational Psychology Service',
    'Specialist Teaching Service', 'Children and Family Wellbeing Service', 'DWP', 'Health', 'Virtual School',
    'Special schools and resource bases', 'County Inclusion Team', 'Leicestershire Teaching School Alliance',
    'Early years inclusion and childcare service',
  ])('lists %s', (name) => {
    expect(serviceNamed(name)).toBeDefined()
  })

  it('ships only the one sourced email address and no invented web addresses', () => {
    expect(allText.match(/[\w.+-]+@[\w.-]+/g)).toEqual(['inclusionpupilsupport@leics.gov.uk'])
    expect(allText).not.toMatch(/https?:|www\./)
  })

  it('names the same services as attending the forums in the guidance and in the directory', () => {
    const attending = defaultContent.forumGuidance
      .find((section) => section.id === 'attending-services')!
      .blocks.flatMap((block) => (block.type === 'contacts' ? block.serviceIds : []))
    const saysItAttends = defaultContent.services
      .filter((service) => [service.offers, ...service.notes].includes('Attends the inclusion forums.'))
      .map((service) => service.id)
    expect([...attending].sort()).toEqual([...saysItAttends].sort())
  })

  it('offers a filter result for every need', () => {
    for (const need of NEEDS) expect(defaultContent.services.some((service) => service.needs.includes(need))).toBe(true)
  })
})

describe('checkContent', () => {
  const broken = (change: (copy: typeof defaultContent) => void) => {
    const copy = structuredClone(defaultContent)
    change(copy)
    return checkContent(copy)
  }

  it('names the problem and where it is', () => {
    const result = broken((copy) => (copy.services[0]!.phones[0]!.number = 'call us'))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problems[0]).toMatch(/^services\.0\.phones\.0\.number: /)
  })

  it.each([
    ['a missing forum', (copy: typeof defaultContent) => copy.forums.pop()],
    ['a duplicated forum', (copy: typeof defaultContent) => (copy.forums[1] = copy.forums[0]!)],
    ['a duplicate service id', (copy: typeof defaultContent) => (copy.services[1]!.id = copy.services[0]!.id)],
    ['a contact that is not in the directory', (copy: typeof defaultContent) => copy.exclusionGuidance[0]!.blocks.push({ type: 'contacts', serviceIds: ['nobody'] })],
    ['an unknown need', (copy: typeof defaultContent) => ((copy.services[0]!.needs as string[]).push('weather'))],
    ['a bad version', (copy: typeof defaultContent) => (copy.version = 'latest')],
    ['an empty name', (copy: typeof defaultContent) => (copy.services[0]!.name = ' ')],
  ])('rejects %s', (_name, change) => {
    expect(broken(change).ok).toBe(false)
  })

  it('rejects what is not content at all', () => {
    expect(checkContent(null).ok).toBe(false)
    expect(checkContent({ schemaVersion: 2 }).ok).toBe(false)
  })
})

describe('compareContentVersions', () => {
  it.each([
    ['2026-11-24.1', '2026-11-23.1', 1],
    ['2026-11-23.10', '2026-11-23.9', 1],
    ['2026-11-23.1', '2026-11-23.1', 0],
    ['2025-12-31.5', '2026-01-01.1', -1],
  ])('%s against %s', (a, b, sign) => {
    expect(Math.sign(compareContentVersions(a, b))).toBe(sign)
  })
})
