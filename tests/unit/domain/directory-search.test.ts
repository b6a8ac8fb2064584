import { describe, expect, it } from 'vitest'
import { defaultContent } from '../../../src/domain/default-content/default-content'
import { searchServices, words } from '../../../src/domain/directory-search'
import type { Need } from '../../../src/domain/needs'

const services = defaultContent.services
const names = (query: string, needs: Need[] = []) => searchServices(services, query, needs).map((service) => service.id)

describe('searchServices', () => {
  it('lists every service, in directory order, for an empty search', () => {
    expect(names('')).toEqual(services.map((service) => service.id))
  })

  it.each([
    ['legal', 'legal-service'],
    ['autism', 'specialist-teaching-service'],
    ['EHCP', 'sena-team'],
    ['gov', 'governor-development-service'],
    ['north west', 'county-inclusion-team'],
    ['SEIP', 'seips'],
    ['eef', 'learn-at-teaching-school'],
    ['exclusions', 'inclusion-service'],
    ['exclusions', 'seips'],
    ['excluded', 'oakfield-short-stay-school'],
    ['autistic', 'specialist-teaching-service'],
    ['governor', 'governor-development-service'],
    ['0116 305 6012', 'legal-service'],
    ['01858383155', 'learn-at-teaching-school'],
  ])('finds %s in %s', (query, id) => {
    expect(names(query)).toContain(id)
  })

  it('ranks name matches first', () => {
    expect(names('inclusion')[0]).toBe('inclusion-service')
  })

  it('does not stretch a match to a different word', () => {
    expect(names('legislative')).toEqual(names('legislative').filter((id) => id === 'legal-service'))
    expect(names('including')).not.toContain('inclusion-service')
  })

  it('needs every word to match', () => {
    expect(names('autism governors')).toEqual([])
  })

  it('ignores case, accents and punctuation', () => {
    expect(names('SÉNA,')).toEqual(names('sena'))
  })

  it('filters by need, any of those chosen', () => {
    expect(names('', ['legal'])).toEqual(['legal-service'])
    expect(names('', ['governors', 'legal']).sort()).toEqual(['governor-development-service', 'legal-service'])
    expect(names('', ['early-years'])).toEqual(['early-years', 'early-years-inclusion-and-childcare-service', 'early-years-send-duty-desk'])
  })

  it('combines a search with a filter', () => {
    expect(names('duty', ['early-years'])).toEqual(['early-years-send-duty-desk'])
  })

  it('splits text into plain words', () => {
    expect(words('Legal Service – education & employment')).toEqual(['legal', 'service', 'education', 'employment'])
  })
})
