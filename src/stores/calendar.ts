import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { countyCalendarOf } from '../domain/default-content/county-calendar'
import type { SchoolCalendar, Term, TermDatesSource } from '../domain/school-calendar'
import { useContentStore } from './content'

/** What the setting chose in Settings, Term dates. */
export interface SettingCalendar {
  /** The county calendar (the default: most settings are maintained schools) or its own terms. */
  source: TermDatesSource
  /** Its own terms, kept when it switches to the county calendar so that switching back loses nothing. */
  terms: Term[]
  /** INSET days count with either. */
  insetDays: string[]
}

const KEY = 'schoolCalendar'

/**
 * A calendar stored before the choice existed: a setting that had entered its own terms
 * keeps them; one that had not gets the county calendar.
 */
export function readSettingCalendar(stored: Partial<SettingCalendar> | undefined): SettingCalendar {
  const terms = stored?.terms ?? []
  return { source: stored?.source ?? (terms.length > 0 ? 'setting' : 'county'), terms, insetDays: stored?.insetDays ?? [] }
}

/**
 * The setting's school calendar: the county's terms (from the content, so a newly published
 * year counts at once) or its own, with its INSET days and the bank holidays.
 */
export const useCalendarStore = defineStore('calendar', () => {
  const content = useContentStore()
  const entered = shallowRef<SettingCalendar>(readSettingCalendar(undefined))
  /**
   * The device's content and the setting's choice are both read: until then `calendar` is the
   * bundled one, and dates worked out with it would say that no term dates are known.
   */
  const loaded = shallowRef(false)
  let loading: Promise<void> | undefined
  const database = () => import('../db/database').then(({ appDatabase }) => appDatabase())

  const county = computed(() => countyCalendarOf(content.content))
  const calendar = computed<SchoolCalendar>(() => ({
    bankHolidays: county.value.bankHolidays,
    terms: entered.value.source === 'county' ? county.value.terms : entered.value.terms,
    insetDays: entered.value.insetDays,
    source: entered.value.source,
  }))

  function ensureLoaded(): Promise<void> {
    loading ??= Promise.all([
      content.ensureContent(),
      database().then(async (db) => {
        entered.value = readSettingCalendar((await db.settings.get(KEY))?.value as Partial<SettingCalendar> | undefined)
      }),
    ]).then(() => {
      loaded.value = true
    })
    return loading
  }

  async function save(next: SettingCalendar): Promise<void> {
    await (await database()).settings.put({ key: KEY, value: next })
    entered.value = next
  }

  return { entered, loaded, county, calendar, ensureLoaded, save }
})
