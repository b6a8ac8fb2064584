import { type Ref } from 'vue'
import { useAutosave } from '../../composables/useAutosave'
import { hoursAndMinutes } from '../../domain/dates'

/** ISO offset (+01:00) of this device's clock on a date: what "10:30" meant where it was typed. */
export function localOffset(isoDate: string): string {
  const minutes = -new Date(`${isoDate}T12:00:00`).getTimezoneOffset()
  const sign = minutes >= 0 ? '+' : '-'
  const absolute = Math.abs(minutes)
  return `${sign}${hoursAndMinutes(Math.floor(absolute / 60), absolute % 60)}`
}

export function useNoticeDraft<T extends object>(id: Ref<string>, kind: 'suspension' | 'permanent-exclusion') {
  return useAutosave<T>(id, kind)
}
