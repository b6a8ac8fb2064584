import { compareIsoText } from './dates'
import { schoolYearOf, type Term } from './school-calendar'

/**
 * The rules of the Inclusion Service's suspension levels: the rate per 100 pupils, the
 * threshold at or above which a setting's levels count as high, and which county term "this
 * term" is. Pure: today is passed in.
 *
 * Rates are kept as whole tenths (4.1 per 100 pupils is 41) so that a rate shown to one
 * decimal place and a threshold typed to one decimal place compare exactly as they read.
 */

/** The threshold the Inclusion Service sets; either part may be unset. */
export interface Threshold {
  /** Suspensions per 100 pupils in a term, in tenths (3.0 is 30), for settings whose roll is entered. */
  rateTenths?: number
  /** Suspensions in a term, for settings whose roll is not entered. */
  suspensions?: number
}

export interface TermLevel {
  suspensions: number
  /** Pupils on roll, where entered. */
  roll?: number
}

/** Suspensions per 100 pupils, in tenths, rounded half up; none when the roll is not known. */
export function rateTenths(suspensions: number, roll: number | undefined): number | undefined {
  if (roll === undefined || roll <= 0) return undefined
  return Math.round((suspensions * 1000) / roll)
}

/** "4.1" from 41. */
export function formatTenths(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`
}

export function hasThreshold(threshold: Threshold): boolean {
  return threshold.rateTenths !== undefined || threshold.suspensions !== undefined
}

/**
 * High: with a roll, a rate at or above the rate threshold; without one, a count at or above
 * the count threshold. A setting with no suspensions is never high.
 */
export function isHigh(level: TermLevel, threshold: Threshold): boolean {
  if (level.suspensions === 0) return false
  const rate = rateTenths(level.suspensions, level.roll)
  if (rate !== undefined) return threshold.rateTenths !== undefined && rate >= threshold.rateTenths
  return threshold.suspensions !== undefined && level.suspensions >= threshold.suspensions
}

/** The threshold in words, for the levels page. */
export function describeThreshold(threshold: Threshold): string[] {
  const lines: string[] = []
  if (threshold.rateTenths !== undefined) lines.push(`${formatTenths(threshold.rateTenths)} or more suspensions per 100 pupils in a term`)
  if (threshold.suspensions !== undefined) {
    lines.push(`${threshold.suspensions} or more ${threshold.suspensions === 1 ? 'suspension' : 'suspensions'} in a term, where the setting’s roll is not entered`)
  }
  return lines
}

/** Why a setting counts as high, for Today: "9 suspensions this term, 4.1 per 100 pupils (threshold 3.0)". */
export function highSummary(level: TermLevel, threshold: Threshold): string {
  const count = `${level.suspensions} ${level.suspensions === 1 ? 'suspension' : 'suspensions'} this term`
  const rate = rateTenths(level.suspensions, level.roll)
  if (rate !== undefined) return `${count}, ${formatTenths(rate)} per 100 pupils (threshold ${formatTenths(threshold.rateTenths ?? 0)})`
  return `${count}, roll not entered (threshold ${threshold.suspensions ?? 0} suspensions)`
}

export const RATE_LIMITS = { lowestTenths: 1, highestTenths: 10_000 } as const
export const COUNT_LIMITS = { lowest: 1, highest: 10_000 } as const

export type ThresholdField = 'rate' | 'count'

/** The threshold form as typed: empty boxes leave that part unset. */
export function readThreshold(typed: { rate: string; count: string }): { threshold: Threshold; problems: Partial<Record<ThresholdField, string>> } {
  const problems: Partial<Record<ThresholdField, string>> = {}
  const threshold: Threshold = {}
  const rate = typed.rate.trim()
  if (rate !== '') {
    if (!/^\d+(\.\d+)?$/.test(rate)) problems.rate = 'Enter the rate as a number, like 3.5'
    else if (!/^\d+(\.\d)?$/.test(rate)) problems.rate = 'Enter the rate to 1 decimal place at most, like 3.5'
    else {
      const [whole, tenth = '0'] = rate.split('.')
      const tenths = Number(whole) * 10 + Number(tenth)
      if (tenths < RATE_LIMITS.lowestTenths || tenths > RATE_LIMITS.highestTenths) problems.rate = 'The rate must be between 0.1 and 1000.0'
      else threshold.rateTenths = tenths
    }
  }
  const count = typed.count.trim()
  if (count !== '') {
    if (!/^\d+$/.test(count)) problems.count = 'Enter the number of suspensions as a whole number, like 5'
    else if (Number(count) < COUNT_LIMITS.lowest || Number(count) > COUNT_LIMITS.highest) problems.count = 'The number of suspensions must be between 1 and 10,000'
    else threshold.suspensions = Number(count)
  }
  return { threshold, problems }
}

export const ROLL_LIMITS = { lowest: 1, highest: 10_000 } as const

/** A setting's roll as typed: the number, or the GOV.UK message. */
export function readRoll(typed: string): { roll: number } | { problem: string } {
  const text = typed.trim().replace(/,/g, '')
  if (text === '') return { problem: 'Enter the number of pupils on roll' }
  if (!/^\d+$/.test(text)) return { problem: 'The number of pupils on roll must be a whole number, like 420' }
  const roll = Number(text)
  if (roll < ROLL_LIMITS.lowest || roll > ROLL_LIMITS.highest) return { problem: 'The number of pupils on roll must be between 1 and 10,000' }
  return { roll }
}

export type ThisTerm =
  | { kind: 'in-term'; term: Term }
  /** Between terms: the most recent term that started before today. */
  | { kind: 'holiday'; term: Term }
  | { kind: 'none' }

/**
 * Which county term "this term" is on `today` (ISO). The term containing today; in a holiday,
 * the most recent term that started before today, as long as the county calendar carries on
 * past today (a later term is entered) or that term is in today's school year. Otherwise
 * the terms entered do not reach today and none is guessed.
 */
export function thisTerm(terms: readonly Term[], today: string): ThisTerm {
  const containing = terms.find((term) => term.start <= today && today <= term.end)
  if (containing) return { kind: 'in-term', term: containing }
  const started = terms.filter((term) => term.start < today).sort((a, b) => compareIsoText(b.start, a.start))[0]
  if (!started) return { kind: 'none' }
  const later = terms.some((term) => term.start > today)
  if (later || schoolYearOf(started.start) === schoolYearOf(today)) return { kind: 'holiday', term: started }
  return { kind: 'none' }
}

export interface RankedLevel extends TermLevel {
  name: string
  high: boolean
}

/** The levels page's order: high first, then the highest rate, then the most suspensions, then by name. */
export function compareLevels(a: RankedLevel, b: RankedLevel): number {
  if (a.high !== b.high) return a.high ? -1 : 1
  const [rateA, rateB] = [rateTenths(a.suspensions, a.roll) ?? -1, rateTenths(b.suspensions, b.roll) ?? -1]
  return rateB - rateA || b.suspensions - a.suspensions || a.name.localeCompare(b.name)
}
