import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { Term } from '../../src/domain/school-calendar'
import { readSettingCalendar, useCalendarStore, type SettingCalendar } from '../../src/stores/calendar'
import { useContentStore } from '../../src/stores/content'

// Test data only.
const OWN_TERM: Term = { name: 'Autumn term', start: '2025-09-03', end: '2025-12-17' }
const COUNTY_TERM: Term = { name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19', halfTerm: { start: '2025-10-20', end: '2025-10-24' } }

describe('the calendar a setting chose, as stored', () => {
  it.each<[string, Partial<SettingCalendar> | undefined, SettingCalendar]>([
    ['nothing stored: a new device', undefined, { source: 'county', terms: [], insetDays: [] }],
    ['stored before the choice, with own terms', { terms: [OWN_TERM], insetDays: ['2025-09-01'] }, { source: 'setting', terms: [OWN_TERM], insetDays: ['2025-09-01'] }],
    ['stored before the choice, without terms', { terms: [], insetDays: ['2025-09-01'] }, { source: 'county', terms: [], insetDays: ['2025-09-01'] }],
    ['stored before the choice, terms only', { terms: [OWN_TERM] }, { source: 'setting', terms: [OWN_TERM], insetDays: [] }],
    ['the county chosen, own terms kept', { source: 'county', terms: [OWN_TERM], insetDays: [] }, { source: 'county', terms: [OWN_TERM], insetDays: [] }],
    ['own terms chosen, none entered', { source: 'setting', terms: [], insetDays: [] }, { source: 'setting', terms: [], insetDays: [] }],
  ])('%s', (_name, stored, read) => {
    expect(readSettingCalendar(stored)).toEqual(read)
  })
})

describe('the calendar deadlines count with', () => {
  it('takes the county’s terms from the content, at once when new content arrives, or the setting’s own', async () => {
    setActivePinia(createPinia())
    const content = useContentStore()
    content.loaded = { content: defaultContent, stored: false }
    const store = useCalendarStore()
    await store.save({ source: 'county', terms: [OWN_TERM], insetDays: ['2025-09-02'] })
    expect(store.calendar.terms).toEqual([])
    expect(store.calendar.source).toBe('county')

    content.loaded = { content: { ...defaultContent, countyCalendar: { terms: [COUNTY_TERM], bankHolidays: ['2025-12-25'] } }, stored: false }
    expect(store.calendar).toEqual({ source: 'county', terms: [COUNTY_TERM], insetDays: ['2025-09-02'], bankHolidays: ['2025-12-25'] })

    await store.save({ ...store.entered, source: 'setting' })
    expect(store.calendar).toEqual({ source: 'setting', terms: [OWN_TERM], insetDays: ['2025-09-02'], bankHolidays: ['2025-12-25'] })
  })
})
