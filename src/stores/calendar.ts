import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { BANK_HOLIDAYS } from '../content/bank-holidays'
import type { SchoolCalendar, Term } from '../domain/school-calendar'

export interface SettingCalendar {
  terms: Term[]
  insetDays: string[]
}

const KEY = 'schoolCalendar'

/** The setting's school calendar: its term dates and INSET days (entered in Settings) and the bank holidays. */
export const useCalendarStore = defineStore('calendar', () => {
  const entered = shallowRef<SettingCalendar>({ terms: [], insetDays: [] })
  let loading: Promise<void> | undefined
  const database = () => import('../db/database').then(({ appDatabase }) => appDatabase())

  const calendar = computed<SchoolCalendar>(() => ({ bankHolidays: BANK_HOLIDAYS, terms: entered.value.terms, insetDays: entered.value.insetDays }))

  function ensureLoaded(): Promise<void> {
    loading ??= database().then(async (db) => {
      const stored = (await db.settings.get(KEY))?.value as SettingCalendar | undefined
      if (stored) entered.value = stored
    })
    return loading
  }

  async function save(next: SettingCalendar): Promise<void> {
    await (await database()).settings.put({ key: KEY, value: next })
    entered.value = next
  }

  return { entered, calendar, ensureLoaded, save }
})
