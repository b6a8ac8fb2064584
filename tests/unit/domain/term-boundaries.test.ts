import { describe, expect, it } from 'vitest'
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../../../src/domain/dates'
import {
  formatSchoolDays, governingBoardDuty, permanentExclusionDeadlines, suspensionDates, suspensionTotals, yearLimit,
  type BoardDuty, type SuspensionRecord,
} from '../../../src/domain/exclusion-rules'
import { isSchoolDay, nthSchoolDay, placeOf, schoolDaysAfter, type Reached } from '../../../src/domain/school-calendar'
import { AUTUMN as A, leicestershire2025to26 as calendar, SPRING as S, SUMMER as U, YEAR } from './leicestershire-2025-26'

/*
 * A whole school year of exclusion rules at the term boundaries (DOMAIN.md, "Exclusions:
 * national rules" and "The school year"). Every expected value is worked out by hand from the
 * numbered school days in leicestershire-2025-26.ts and written out literally: nothing here
 * counts school days.
 */

const OUT = 'outside-term-dates'
const d = (iso: string): CalendarDate => parseIsoDate(iso)!
const show = (date: Reached): string => (typeof date === 'string' ? date : formatIsoDate(date))

type Terms = readonly (readonly [string, number])[]
type ExpectedDuty =
  | { kind: 'representations-only' }
  | { kind: 'consider-if-representations'; within: 50; by: string; term: string }
  | { kind: 'must-consider'; within: 15; by: string; because: 'over-15-days-in-term'; term: string }
  | { kind: 'must-consider'; within: 15; by: string; because: 'public-exam-missed' }
  | { kind: 'needs-term-dates'; outsideTermDates: number; meanwhile: ExpectedDuty }

/** Representations only: 5 days or fewer in every term the suspension touches. */
const rep: ExpectedDuty = { kind: 'representations-only' }
/** Over 5 (and none over 15) in `term`: consider within 50 school days of the notice, if parents make representations. */
const cir = (by: string, term: string): ExpectedDuty => ({ kind: 'consider-if-representations', within: 50, by, term })
/** Over 15 in `term`: must consider within 15 school days of the notice. */
const must = (by: string, term: string): ExpectedDuty => ({ kind: 'must-consider', within: 15, by, because: 'over-15-days-in-term', term })
const exam = (by: string): ExpectedDuty => ({ kind: 'must-consider', within: 15, by, because: 'public-exam-missed' })
const needs = (outsideTermDates: number, meanwhile: ExpectedDuty): ExpectedDuty => ({ kind: 'needs-term-dates', outsideTermDates, meanwhile })

/** The code's duty with its dates as ISO strings (or the marker), to compare with the literal expectation. */
function shownDuty(duty: BoardDuty): unknown {
  if (duty.kind === 'needs-term-dates') return { ...duty, meanwhile: shownDuty(duty.meanwhile) }
  if ('by' in duty) return { ...duty, by: show(duty.by) }
  return duty
}

const sum = (terms: Terms) => terms.reduce((total, [, days]) => total + days, 0)

/**
 * [start (a school day, so firstDay = start), days, lastDay, returnsOn, returnsAfternoon,
 *  fullTimeEducationFrom (null: absent), [term, days][], outsideTermDates, board duty with the notice given on the first day]
 */
type Row = readonly [string, number, string, string, boolean, string | null, Terms, number, ExpectedDuty]

// ---- The last six school days before October half term: Fri 10 Oct (G28) to Fri 17 Oct (G33). Back Mon 27 Oct (G34).
const october: Row[] = [
  ['2025-10-10', 0.5, '2025-10-10', '2025-10-10', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-10', 1, '2025-10-10', '2025-10-13', false, null, [[A, 1]], 0, rep],
  ['2025-10-10', 1.5, '2025-10-13', '2025-10-13', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-10', 5, '2025-10-16', '2025-10-17', false, null, [[A, 5]], 0, rep],
  ['2025-10-10', 6, '2025-10-17', '2025-10-27', false, '2025-10-17', [[A, 6]], 0, cir('2026-01-12', A)],
  ['2025-10-10', 15, '2025-11-06', '2025-11-07', false, '2025-10-17', [[A, 15]], 0, cir('2026-01-12', A)],
  ['2025-10-10', 16, '2025-11-07', '2025-11-10', false, '2025-10-17', [[A, 16]], 0, must('2025-11-07', A)],

  ['2025-10-13', 0.5, '2025-10-13', '2025-10-13', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-13', 1, '2025-10-13', '2025-10-14', false, null, [[A, 1]], 0, rep],
  ['2025-10-13', 1.5, '2025-10-14', '2025-10-14', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-13', 5, '2025-10-17', '2025-10-27', false, null, [[A, 5]], 0, rep],
  ['2025-10-13', 6, '2025-10-27', '2025-10-28', false, '2025-10-27', [[A, 6]], 0, cir('2026-01-13', A)],
  ['2025-10-13', 15, '2025-11-07', '2025-11-10', false, '2025-10-27', [[A, 15]], 0, cir('2026-01-13', A)],
  ['2025-10-13', 16, '2025-11-10', '2025-11-11', false, '2025-10-27', [[A, 16]], 0, must('2025-11-10', A)],

  ['2025-10-14', 0.5, '2025-10-14', '2025-10-14', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-14', 1, '2025-10-14', '2025-10-15', false, null, [[A, 1]], 0, rep],
  ['2025-10-14', 1.5, '2025-10-15', '2025-10-15', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-14', 5, '2025-10-27', '2025-10-28', false, null, [[A, 5]], 0, rep],
  ['2025-10-14', 6, '2025-10-28', '2025-10-29', false, '2025-10-28', [[A, 6]], 0, cir('2026-01-14', A)],
  ['2025-10-14', 15, '2025-11-10', '2025-11-11', false, '2025-10-28', [[A, 15]], 0, cir('2026-01-14', A)],
  ['2025-10-14', 16, '2025-11-11', '2025-11-12', false, '2025-10-28', [[A, 16]], 0, must('2025-11-11', A)],

  ['2025-10-15', 0.5, '2025-10-15', '2025-10-15', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-15', 1, '2025-10-15', '2025-10-16', false, null, [[A, 1]], 0, rep],
  ['2025-10-15', 1.5, '2025-10-16', '2025-10-16', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-15', 5, '2025-10-28', '2025-10-29', false, null, [[A, 5]], 0, rep],
  ['2025-10-15', 6, '2025-10-29', '2025-10-30', false, '2025-10-29', [[A, 6]], 0, cir('2026-01-15', A)],
  ['2025-10-15', 15, '2025-11-11', '2025-11-12', false, '2025-10-29', [[A, 15]], 0, cir('2026-01-15', A)],
  ['2025-10-15', 16, '2025-11-12', '2025-11-13', false, '2025-10-29', [[A, 16]], 0, must('2025-11-12', A)],

  ['2025-10-16', 0.5, '2025-10-16', '2025-10-16', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-16', 1, '2025-10-16', '2025-10-17', false, null, [[A, 1]], 0, rep],
  ['2025-10-16', 1.5, '2025-10-17', '2025-10-17', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-16', 5, '2025-10-29', '2025-10-30', false, null, [[A, 5]], 0, rep],
  ['2025-10-16', 6, '2025-10-30', '2025-10-31', false, '2025-10-30', [[A, 6]], 0, cir('2026-01-16', A)],
  ['2025-10-16', 15, '2025-11-12', '2025-11-13', false, '2025-10-30', [[A, 15]], 0, cir('2026-01-16', A)],
  ['2025-10-16', 16, '2025-11-13', '2025-11-14', false, '2025-10-30', [[A, 16]], 0, must('2025-11-13', A)],

  ['2025-10-17', 0.5, '2025-10-17', '2025-10-17', true, null, [[A, 0.5]], 0, rep],
  ['2025-10-17', 1, '2025-10-17', '2025-10-27', false, null, [[A, 1]], 0, rep],
  ['2025-10-17', 1.5, '2025-10-27', '2025-10-27', true, null, [[A, 1.5]], 0, rep],
  ['2025-10-17', 5, '2025-10-30', '2025-10-31', false, null, [[A, 5]], 0, rep],
  ['2025-10-17', 6, '2025-10-31', '2025-11-03', false, '2025-10-31', [[A, 6]], 0, cir('2026-01-19', A)],
  ['2025-10-17', 15, '2025-11-13', '2025-11-14', false, '2025-10-31', [[A, 15]], 0, cir('2026-01-19', A)],
  ['2025-10-17', 16, '2025-11-14', '2025-11-17', false, '2025-10-31', [[A, 16]], 0, must('2025-11-14', A)],
]

// ---- The last six school days of the autumn term: Fri 12 Dec (G68) to Fri 19 Dec (G73). Back Tue 6 Jan 2026 (G74):
// each day counts in the term it falls in, so a suspension over Christmas adds to both terms.
const christmas: Row[] = [
  ['2025-12-12', 0.5, '2025-12-12', '2025-12-12', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-12', 1, '2025-12-12', '2025-12-15', false, null, [[A, 1]], 0, rep],
  ['2025-12-12', 1.5, '2025-12-15', '2025-12-15', true, null, [[A, 1.5]], 0, rep],
  ['2025-12-12', 5, '2025-12-18', '2025-12-19', false, null, [[A, 5]], 0, rep],
  ['2025-12-12', 6, '2025-12-19', '2026-01-06', false, '2025-12-19', [[A, 6]], 0, cir('2026-03-16', A)],
  ['2025-12-12', 15, '2026-01-16', '2026-01-19', false, '2025-12-19', [[A, 6], [S, 9]], 0, cir('2026-03-16', A)],
  ['2025-12-12', 16, '2026-01-19', '2026-01-20', false, '2025-12-19', [[A, 6], [S, 10]], 0, cir('2026-03-16', A)],

  ['2025-12-15', 0.5, '2025-12-15', '2025-12-15', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-15', 1, '2025-12-15', '2025-12-16', false, null, [[A, 1]], 0, rep],
  ['2025-12-15', 1.5, '2025-12-16', '2025-12-16', true, null, [[A, 1.5]], 0, rep],
  ['2025-12-15', 5, '2025-12-19', '2026-01-06', false, null, [[A, 5]], 0, rep],
  ['2025-12-15', 6, '2026-01-06', '2026-01-07', false, '2026-01-06', [[A, 5], [S, 1]], 0, rep],
  ['2025-12-15', 15, '2026-01-19', '2026-01-20', false, '2026-01-06', [[A, 5], [S, 10]], 0, cir('2026-03-17', S)],
  ['2025-12-15', 16, '2026-01-20', '2026-01-21', false, '2026-01-06', [[A, 5], [S, 11]], 0, cir('2026-03-17', S)],

  ['2025-12-16', 0.5, '2025-12-16', '2025-12-16', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-16', 1, '2025-12-16', '2025-12-17', false, null, [[A, 1]], 0, rep],
  ['2025-12-16', 1.5, '2025-12-17', '2025-12-17', true, null, [[A, 1.5]], 0, rep],
  ['2025-12-16', 5, '2026-01-06', '2026-01-07', false, null, [[A, 4], [S, 1]], 0, rep],
  ['2025-12-16', 6, '2026-01-07', '2026-01-08', false, '2026-01-07', [[A, 4], [S, 2]], 0, rep],
  ['2025-12-16', 15, '2026-01-20', '2026-01-21', false, '2026-01-07', [[A, 4], [S, 11]], 0, cir('2026-03-18', S)],
  ['2025-12-16', 16, '2026-01-21', '2026-01-22', false, '2026-01-07', [[A, 4], [S, 12]], 0, cir('2026-03-18', S)],

  ['2025-12-17', 0.5, '2025-12-17', '2025-12-17', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-17', 1, '2025-12-17', '2025-12-18', false, null, [[A, 1]], 0, rep],
  ['2025-12-17', 1.5, '2025-12-18', '2025-12-18', true, null, [[A, 1.5]], 0, rep],
  ['2025-12-17', 5, '2026-01-07', '2026-01-08', false, null, [[A, 3], [S, 2]], 0, rep],
  ['2025-12-17', 6, '2026-01-08', '2026-01-09', false, '2026-01-08', [[A, 3], [S, 3]], 0, rep],
  ['2025-12-17', 15, '2026-01-21', '2026-01-22', false, '2026-01-08', [[A, 3], [S, 12]], 0, cir('2026-03-19', S)],
  ['2025-12-17', 16, '2026-01-22', '2026-01-23', false, '2026-01-08', [[A, 3], [S, 13]], 0, cir('2026-03-19', S)],

  ['2025-12-18', 0.5, '2025-12-18', '2025-12-18', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-18', 1, '2025-12-18', '2025-12-19', false, null, [[A, 1]], 0, rep],
  ['2025-12-18', 1.5, '2025-12-19', '2025-12-19', true, null, [[A, 1.5]], 0, rep],
  ['2025-12-18', 5, '2026-01-08', '2026-01-09', false, null, [[A, 2], [S, 3]], 0, rep],
  ['2025-12-18', 6, '2026-01-09', '2026-01-12', false, '2026-01-09', [[A, 2], [S, 4]], 0, rep],
  ['2025-12-18', 15, '2026-01-22', '2026-01-23', false, '2026-01-09', [[A, 2], [S, 13]], 0, cir('2026-03-20', S)],
  ['2025-12-18', 16, '2026-01-23', '2026-01-26', false, '2026-01-09', [[A, 2], [S, 14]], 0, cir('2026-03-20', S)],

  ['2025-12-19', 0.5, '2025-12-19', '2025-12-19', true, null, [[A, 0.5]], 0, rep],
  ['2025-12-19', 1, '2025-12-19', '2026-01-06', false, null, [[A, 1]], 0, rep],
  ['2025-12-19', 1.5, '2026-01-06', '2026-01-06', true, null, [[A, 1], [S, 0.5]], 0, rep],
  ['2025-12-19', 5, '2026-01-09', '2026-01-12', false, null, [[A, 1], [S, 4]], 0, rep],
  ['2025-12-19', 6, '2026-01-12', '2026-01-13', false, '2026-01-12', [[A, 1], [S, 5]], 0, rep],
  ['2025-12-19', 15, '2026-01-23', '2026-01-26', false, '2026-01-12', [[A, 1], [S, 14]], 0, cir('2026-03-23', S)],
  ['2025-12-19', 16, '2026-01-26', '2026-01-27', false, '2026-01-12', [[A, 1], [S, 15]], 0, cir('2026-03-23', S)],
]

// ---- The last six school days before February half term: Fri 6 Feb (G97) to Fri 13 Feb (G102). Back Mon 23 Feb (G103).
const february: Row[] = [
  ['2026-02-06', 0.5, '2026-02-06', '2026-02-06', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-06', 1, '2026-02-06', '2026-02-09', false, null, [[S, 1]], 0, rep],
  ['2026-02-06', 1.5, '2026-02-09', '2026-02-09', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-06', 5, '2026-02-12', '2026-02-13', false, null, [[S, 5]], 0, rep],
  ['2026-02-06', 6, '2026-02-13', '2026-02-23', false, '2026-02-13', [[S, 6]], 0, cir('2026-05-11', S)],
  ['2026-02-06', 15, '2026-03-05', '2026-03-06', false, '2026-02-13', [[S, 15]], 0, cir('2026-05-11', S)],
  ['2026-02-06', 16, '2026-03-06', '2026-03-09', false, '2026-02-13', [[S, 16]], 0, must('2026-03-06', S)],

  ['2026-02-09', 0.5, '2026-02-09', '2026-02-09', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-09', 1, '2026-02-09', '2026-02-10', false, null, [[S, 1]], 0, rep],
  ['2026-02-09', 1.5, '2026-02-10', '2026-02-10', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-09', 5, '2026-02-13', '2026-02-23', false, null, [[S, 5]], 0, rep],
  ['2026-02-09', 6, '2026-02-23', '2026-02-24', false, '2026-02-23', [[S, 6]], 0, cir('2026-05-12', S)],
  ['2026-02-09', 15, '2026-03-06', '2026-03-09', false, '2026-02-23', [[S, 15]], 0, cir('2026-05-12', S)],
  ['2026-02-09', 16, '2026-03-09', '2026-03-10', false, '2026-02-23', [[S, 16]], 0, must('2026-03-09', S)],

  ['2026-02-10', 0.5, '2026-02-10', '2026-02-10', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-10', 1, '2026-02-10', '2026-02-11', false, null, [[S, 1]], 0, rep],
  ['2026-02-10', 1.5, '2026-02-11', '2026-02-11', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-10', 5, '2026-02-23', '2026-02-24', false, null, [[S, 5]], 0, rep],
  ['2026-02-10', 6, '2026-02-24', '2026-02-25', false, '2026-02-24', [[S, 6]], 0, cir('2026-05-13', S)],
  ['2026-02-10', 15, '2026-03-09', '2026-03-10', false, '2026-02-24', [[S, 15]], 0, cir('2026-05-13', S)],
  ['2026-02-10', 16, '2026-03-10', '2026-03-11', false, '2026-02-24', [[S, 16]], 0, must('2026-03-10', S)],

  ['2026-02-11', 0.5, '2026-02-11', '2026-02-11', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-11', 1, '2026-02-11', '2026-02-12', false, null, [[S, 1]], 0, rep],
  ['2026-02-11', 1.5, '2026-02-12', '2026-02-12', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-11', 5, '2026-02-24', '2026-02-25', false, null, [[S, 5]], 0, rep],
  ['2026-02-11', 6, '2026-02-25', '2026-02-26', false, '2026-02-25', [[S, 6]], 0, cir('2026-05-14', S)],
  ['2026-02-11', 15, '2026-03-10', '2026-03-11', false, '2026-02-25', [[S, 15]], 0, cir('2026-05-14', S)],
  ['2026-02-11', 16, '2026-03-11', '2026-03-12', false, '2026-02-25', [[S, 16]], 0, must('2026-03-11', S)],

  ['2026-02-12', 0.5, '2026-02-12', '2026-02-12', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-12', 1, '2026-02-12', '2026-02-13', false, null, [[S, 1]], 0, rep],
  ['2026-02-12', 1.5, '2026-02-13', '2026-02-13', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-12', 5, '2026-02-25', '2026-02-26', false, null, [[S, 5]], 0, rep],
  ['2026-02-12', 6, '2026-02-26', '2026-02-27', false, '2026-02-26', [[S, 6]], 0, cir('2026-05-15', S)],
  ['2026-02-12', 15, '2026-03-11', '2026-03-12', false, '2026-02-26', [[S, 15]], 0, cir('2026-05-15', S)],
  ['2026-02-12', 16, '2026-03-12', '2026-03-13', false, '2026-02-26', [[S, 16]], 0, must('2026-03-12', S)],

  ['2026-02-13', 0.5, '2026-02-13', '2026-02-13', true, null, [[S, 0.5]], 0, rep],
  ['2026-02-13', 1, '2026-02-13', '2026-02-23', false, null, [[S, 1]], 0, rep],
  ['2026-02-13', 1.5, '2026-02-23', '2026-02-23', true, null, [[S, 1.5]], 0, rep],
  ['2026-02-13', 5, '2026-02-26', '2026-02-27', false, null, [[S, 5]], 0, rep],
  ['2026-02-13', 6, '2026-02-27', '2026-03-02', false, '2026-02-27', [[S, 6]], 0, cir('2026-05-18', S)],
  ['2026-02-13', 15, '2026-03-12', '2026-03-13', false, '2026-02-27', [[S, 15]], 0, cir('2026-05-18', S)],
  ['2026-02-13', 16, '2026-03-13', '2026-03-16', false, '2026-02-27', [[S, 16]], 0, must('2026-03-13', S)],
]

// ---- The last six school days of the spring term: Fri 20 Mar (G122) to Fri 27 Mar (G127). Back Mon 13 Apr (G128);
// Good Friday and Easter Monday fall in the holiday. 16 days from Fri 27 Mar also cross the 4 May bank holiday.
const easter: Row[] = [
  ['2026-03-20', 0.5, '2026-03-20', '2026-03-20', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-20', 1, '2026-03-20', '2026-03-23', false, null, [[S, 1]], 0, rep],
  ['2026-03-20', 1.5, '2026-03-23', '2026-03-23', true, null, [[S, 1.5]], 0, rep],
  ['2026-03-20', 5, '2026-03-26', '2026-03-27', false, null, [[S, 5]], 0, rep],
  ['2026-03-20', 6, '2026-03-27', '2026-04-13', false, '2026-03-27', [[S, 6]], 0, cir('2026-06-22', S)],
  ['2026-03-20', 15, '2026-04-23', '2026-04-24', false, '2026-03-27', [[S, 6], [U, 9]], 0, cir('2026-06-22', S)],
  ['2026-03-20', 16, '2026-04-24', '2026-04-27', false, '2026-03-27', [[S, 6], [U, 10]], 0, cir('2026-06-22', S)],

  ['2026-03-23', 0.5, '2026-03-23', '2026-03-23', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-23', 1, '2026-03-23', '2026-03-24', false, null, [[S, 1]], 0, rep],
  ['2026-03-23', 1.5, '2026-03-24', '2026-03-24', true, null, [[S, 1.5]], 0, rep],
  ['2026-03-23', 5, '2026-03-27', '2026-04-13', false, null, [[S, 5]], 0, rep],
  ['2026-03-23', 6, '2026-04-13', '2026-04-14', false, '2026-04-13', [[S, 5], [U, 1]], 0, rep],
  ['2026-03-23', 15, '2026-04-24', '2026-04-27', false, '2026-04-13', [[S, 5], [U, 10]], 0, cir('2026-06-23', U)],
  ['2026-03-23', 16, '2026-04-27', '2026-04-28', false, '2026-04-13', [[S, 5], [U, 11]], 0, cir('2026-06-23', U)],

  ['2026-03-24', 0.5, '2026-03-24', '2026-03-24', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-24', 1, '2026-03-24', '2026-03-25', false, null, [[S, 1]], 0, rep],
  ['2026-03-24', 1.5, '2026-03-25', '2026-03-25', true, null, [[S, 1.5]], 0, rep],
  ['2026-03-24', 5, '2026-04-13', '2026-04-14', false, null, [[S, 4], [U, 1]], 0, rep],
  ['2026-03-24', 6, '2026-04-14', '2026-04-15', false, '2026-04-14', [[S, 4], [U, 2]], 0, rep],
  ['2026-03-24', 15, '2026-04-27', '2026-04-28', false, '2026-04-14', [[S, 4], [U, 11]], 0, cir('2026-06-24', U)],
  ['2026-03-24', 16, '2026-04-28', '2026-04-29', false, '2026-04-14', [[S, 4], [U, 12]], 0, cir('2026-06-24', U)],

  ['2026-03-25', 0.5, '2026-03-25', '2026-03-25', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-25', 1, '2026-03-25', '2026-03-26', false, null, [[S, 1]], 0, rep],
  ['2026-03-25', 1.5, '2026-03-26', '2026-03-26', true, null, [[S, 1.5]], 0, rep],
  ['2026-03-25', 5, '2026-04-14', '2026-04-15', false, null, [[S, 3], [U, 2]], 0, rep],
  ['2026-03-25', 6, '2026-04-15', '2026-04-16', false, '2026-04-15', [[S, 3], [U, 3]], 0, rep],
  ['2026-03-25', 15, '2026-04-28', '2026-04-29', false, '2026-04-15', [[S, 3], [U, 12]], 0, cir('2026-06-25', U)],
  ['2026-03-25', 16, '2026-04-29', '2026-04-30', false, '2026-04-15', [[S, 3], [U, 13]], 0, cir('2026-06-25', U)],

  ['2026-03-26', 0.5, '2026-03-26', '2026-03-26', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-26', 1, '2026-03-26', '2026-03-27', false, null, [[S, 1]], 0, rep],
  ['2026-03-26', 1.5, '2026-03-27', '2026-03-27', true, null, [[S, 1.5]], 0, rep],
  ['2026-03-26', 5, '2026-04-15', '2026-04-16', false, null, [[S, 2], [U, 3]], 0, rep],
  ['2026-03-26', 6, '2026-04-16', '2026-04-17', false, '2026-04-16', [[S, 2], [U, 4]], 0, rep],
  ['2026-03-26', 15, '2026-04-29', '2026-04-30', false, '2026-04-16', [[S, 2], [U, 13]], 0, cir('2026-06-26', U)],
  ['2026-03-26', 16, '2026-04-30', '2026-05-01', false, '2026-04-16', [[S, 2], [U, 14]], 0, cir('2026-06-26', U)],

  ['2026-03-27', 0.5, '2026-03-27', '2026-03-27', true, null, [[S, 0.5]], 0, rep],
  ['2026-03-27', 1, '2026-03-27', '2026-04-13', false, null, [[S, 1]], 0, rep],
  ['2026-03-27', 1.5, '2026-04-13', '2026-04-13', true, null, [[S, 1], [U, 0.5]], 0, rep],
  ['2026-03-27', 5, '2026-04-16', '2026-04-17', false, null, [[S, 1], [U, 4]], 0, rep],
  ['2026-03-27', 6, '2026-04-17', '2026-04-20', false, '2026-04-17', [[S, 1], [U, 5]], 0, rep],
  ['2026-03-27', 15, '2026-04-30', '2026-05-01', false, '2026-04-17', [[S, 1], [U, 14]], 0, cir('2026-06-29', U)],
  ['2026-03-27', 16, '2026-05-01', '2026-05-05', false, '2026-04-17', [[S, 1], [U, 15]], 0, cir('2026-06-29', U)],
]

// ---- The last six school days before the May break: Fri 15 May (G151) to Fri 22 May (G156). Mon 25 May is a bank
// holiday and half term runs Tue 26 - Fri 29 May: back Mon 1 Jun (G157). 50 school days after any of these
// notices is past Wed 22 Jul (G194): outside the term dates entered.
const may: Row[] = [
  ['2026-05-15', 0.5, '2026-05-15', '2026-05-15', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-15', 1, '2026-05-15', '2026-05-18', false, null, [[U, 1]], 0, rep],
  ['2026-05-15', 1.5, '2026-05-18', '2026-05-18', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-15', 5, '2026-05-21', '2026-05-22', false, null, [[U, 5]], 0, rep],
  ['2026-05-15', 6, '2026-05-22', '2026-06-01', false, '2026-05-22', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-15', 15, '2026-06-11', '2026-06-12', false, '2026-05-22', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-15', 16, '2026-06-12', '2026-06-15', false, '2026-05-22', [[U, 16]], 0, must('2026-06-12', U)],

  ['2026-05-18', 0.5, '2026-05-18', '2026-05-18', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-18', 1, '2026-05-18', '2026-05-19', false, null, [[U, 1]], 0, rep],
  ['2026-05-18', 1.5, '2026-05-19', '2026-05-19', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-18', 5, '2026-05-22', '2026-06-01', false, null, [[U, 5]], 0, rep],
  ['2026-05-18', 6, '2026-06-01', '2026-06-02', false, '2026-06-01', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-18', 15, '2026-06-12', '2026-06-15', false, '2026-06-01', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-18', 16, '2026-06-15', '2026-06-16', false, '2026-06-01', [[U, 16]], 0, must('2026-06-15', U)],

  ['2026-05-19', 0.5, '2026-05-19', '2026-05-19', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-19', 1, '2026-05-19', '2026-05-20', false, null, [[U, 1]], 0, rep],
  ['2026-05-19', 1.5, '2026-05-20', '2026-05-20', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-19', 5, '2026-06-01', '2026-06-02', false, null, [[U, 5]], 0, rep],
  ['2026-05-19', 6, '2026-06-02', '2026-06-03', false, '2026-06-02', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-19', 15, '2026-06-15', '2026-06-16', false, '2026-06-02', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-19', 16, '2026-06-16', '2026-06-17', false, '2026-06-02', [[U, 16]], 0, must('2026-06-16', U)],

  ['2026-05-20', 0.5, '2026-05-20', '2026-05-20', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-20', 1, '2026-05-20', '2026-05-21', false, null, [[U, 1]], 0, rep],
  ['2026-05-20', 1.5, '2026-05-21', '2026-05-21', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-20', 5, '2026-06-02', '2026-06-03', false, null, [[U, 5]], 0, rep],
  ['2026-05-20', 6, '2026-06-03', '2026-06-04', false, '2026-06-03', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-20', 15, '2026-06-16', '2026-06-17', false, '2026-06-03', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-20', 16, '2026-06-17', '2026-06-18', false, '2026-06-03', [[U, 16]], 0, must('2026-06-17', U)],

  ['2026-05-21', 0.5, '2026-05-21', '2026-05-21', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-21', 1, '2026-05-21', '2026-05-22', false, null, [[U, 1]], 0, rep],
  ['2026-05-21', 1.5, '2026-05-22', '2026-05-22', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-21', 5, '2026-06-03', '2026-06-04', false, null, [[U, 5]], 0, rep],
  ['2026-05-21', 6, '2026-06-04', '2026-06-05', false, '2026-06-04', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-21', 15, '2026-06-17', '2026-06-18', false, '2026-06-04', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-21', 16, '2026-06-18', '2026-06-19', false, '2026-06-04', [[U, 16]], 0, must('2026-06-18', U)],

  ['2026-05-22', 0.5, '2026-05-22', '2026-05-22', true, null, [[U, 0.5]], 0, rep],
  ['2026-05-22', 1, '2026-05-22', '2026-06-01', false, null, [[U, 1]], 0, rep],
  ['2026-05-22', 1.5, '2026-06-01', '2026-06-01', true, null, [[U, 1.5]], 0, rep],
  ['2026-05-22', 5, '2026-06-04', '2026-06-05', false, null, [[U, 5]], 0, rep],
  ['2026-05-22', 6, '2026-06-05', '2026-06-08', false, '2026-06-05', [[U, 6]], 0, cir(OUT, U)],
  ['2026-05-22', 15, '2026-06-18', '2026-06-19', false, '2026-06-05', [[U, 15]], 0, cir(OUT, U)],
  ['2026-05-22', 16, '2026-06-19', '2026-06-22', false, '2026-06-05', [[U, 16]], 0, must('2026-06-19', U)],
]

// ---- The last six school days of the summer term, the last term entered: Wed 15 Jul (G189) to Wed 22 Jul (G194).
// Days after 22 Jul belong to no known term: they are counted as outside the term dates entered, never guessed,
// and a duty they could raise waits for the next term's dates.
const summer: Row[] = [
  ['2026-07-15', 0.5, '2026-07-15', '2026-07-15', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-15', 1, '2026-07-15', '2026-07-16', false, null, [[U, 1]], 0, rep],
  ['2026-07-15', 1.5, '2026-07-16', '2026-07-16', true, null, [[U, 1.5]], 0, rep],
  ['2026-07-15', 5, '2026-07-21', '2026-07-22', false, null, [[U, 5]], 0, rep],
  ['2026-07-15', 6, '2026-07-22', OUT, false, '2026-07-22', [[U, 6]], 0, cir(OUT, U)],
  ['2026-07-15', 15, OUT, OUT, false, '2026-07-22', [[U, 6]], 9, needs(9, cir(OUT, U))],
  ['2026-07-15', 16, OUT, OUT, false, '2026-07-22', [[U, 6]], 10, needs(10, cir(OUT, U))],

  ['2026-07-16', 0.5, '2026-07-16', '2026-07-16', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-16', 1, '2026-07-16', '2026-07-17', false, null, [[U, 1]], 0, rep],
  ['2026-07-16', 1.5, '2026-07-17', '2026-07-17', true, null, [[U, 1.5]], 0, rep],
  ['2026-07-16', 5, '2026-07-22', OUT, false, null, [[U, 5]], 0, rep],
  ['2026-07-16', 6, OUT, OUT, false, OUT, [[U, 5]], 1, needs(1, rep)],
  ['2026-07-16', 15, OUT, OUT, false, OUT, [[U, 5]], 10, needs(10, rep)],
  ['2026-07-16', 16, OUT, OUT, false, OUT, [[U, 5]], 11, needs(11, rep)],

  ['2026-07-17', 0.5, '2026-07-17', '2026-07-17', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-17', 1, '2026-07-17', '2026-07-20', false, null, [[U, 1]], 0, rep],
  ['2026-07-17', 1.5, '2026-07-20', '2026-07-20', true, null, [[U, 1.5]], 0, rep],
  ['2026-07-17', 5, OUT, OUT, false, null, [[U, 4]], 1, needs(1, rep)],
  ['2026-07-17', 6, OUT, OUT, false, OUT, [[U, 4]], 2, needs(2, rep)],
  ['2026-07-17', 15, OUT, OUT, false, OUT, [[U, 4]], 11, needs(11, rep)],
  ['2026-07-17', 16, OUT, OUT, false, OUT, [[U, 4]], 12, needs(12, rep)],

  ['2026-07-20', 0.5, '2026-07-20', '2026-07-20', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-20', 1, '2026-07-20', '2026-07-21', false, null, [[U, 1]], 0, rep],
  ['2026-07-20', 1.5, '2026-07-21', '2026-07-21', true, null, [[U, 1.5]], 0, rep],
  ['2026-07-20', 5, OUT, OUT, false, null, [[U, 3]], 2, needs(2, rep)],
  ['2026-07-20', 6, OUT, OUT, false, OUT, [[U, 3]], 3, needs(3, rep)],
  ['2026-07-20', 15, OUT, OUT, false, OUT, [[U, 3]], 12, needs(12, rep)],
  ['2026-07-20', 16, OUT, OUT, false, OUT, [[U, 3]], 13, needs(13, rep)],

  ['2026-07-21', 0.5, '2026-07-21', '2026-07-21', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-21', 1, '2026-07-21', '2026-07-22', false, null, [[U, 1]], 0, rep],
  ['2026-07-21', 1.5, '2026-07-22', '2026-07-22', true, null, [[U, 1.5]], 0, rep],
  ['2026-07-21', 5, OUT, OUT, false, null, [[U, 2]], 3, needs(3, rep)],
  ['2026-07-21', 6, OUT, OUT, false, OUT, [[U, 2]], 4, needs(4, rep)],
  ['2026-07-21', 15, OUT, OUT, false, OUT, [[U, 2]], 13, needs(13, rep)],
  ['2026-07-21', 16, OUT, OUT, false, OUT, [[U, 2]], 14, needs(14, rep)],

  ['2026-07-22', 0.5, '2026-07-22', '2026-07-22', true, null, [[U, 0.5]], 0, rep],
  ['2026-07-22', 1, '2026-07-22', OUT, false, null, [[U, 1]], 0, rep],
  ['2026-07-22', 1.5, OUT, OUT, true, null, [[U, 1]], 0.5, needs(0.5, rep)],
  ['2026-07-22', 5, OUT, OUT, false, null, [[U, 1]], 4, needs(4, rep)],
  ['2026-07-22', 6, OUT, OUT, false, OUT, [[U, 1]], 5, needs(5, rep)],
  ['2026-07-22', 15, OUT, OUT, false, OUT, [[U, 1]], 14, needs(14, rep)],
  ['2026-07-22', 16, OUT, OUT, false, OUT, [[U, 1]], 15, needs(15, rep)],
]

const holidays = { 'October half term': october, Christmas: christmas, 'February half term': february, Easter: easter, 'the May bank holiday and half term': may, 'the summer (end of the term dates entered)': summer }

describe.each(Object.entries(holidays))('suspensions starting on the last six school days before %s', (_holiday, rows) => {
  it.each(rows)('from %s for %s days', (start, days, lastDay, returnsOn, returnsAfternoon, fullTime, terms, outside, duty) => {
    const record: SuspensionRecord = { startDate: d(start), days }
    const dates = suspensionDates(calendar, record)
    expect({
      firstDay: show(dates.firstDay),
      startMoved: dates.startMoved,
      lastDay: show(dates.lastDay),
      returnsOn: show(dates.returnsOn),
      returnsAfternoon: dates.returnsAfternoon,
      fullTimeEducationFrom: 'fullTimeEducationFrom' in dates ? show(dates.fullTimeEducationFrom!) : null,
      basis: dates.basis,
    }).toEqual({ firstDay: start, startMoved: false, lastDay, returnsOn, returnsAfternoon, fullTimeEducationFrom: fullTime, basis: 'term-dates' })

    const totals = suspensionTotals(calendar, record, [])
    expect({
      terms: totals.terms.map((term) => [term.name, term.days]),
      years: totals.years.map((year) => [year.name, year.days]),
      outsideTermDates: totals.outsideTermDates,
      othersOutsideTermDates: totals.othersOutsideTermDates,
      yearLimit: yearLimit(totals),
    }).toEqual({ terms, years: [[YEAR, sum(terms)]], outsideTermDates: outside, othersOutsideTermDates: 0, yearLimit: 'within' })

    expect(shownDuty(governingBoardDuty(calendar, d(start), totals, false))).toEqual(duty)
  })
})

/** A suspension with everything spelt out: its start need not be a school day, the notice date is given, and others may count with it. */
interface Case {
  name: string
  start: string
  days: number
  afternoon?: boolean
  notice: string
  others?: readonly (readonly [string, number])[]
  publicExam?: boolean
  first: string
  moved: boolean
  last: string
  returns: string
  returnsPm: boolean
  fullTime: string | null
  terms: Terms
  outside: number
  othersOutside?: number
  year?: number
  limit?: 'within' | 'reached' | 'exceeded'
  duty: ExpectedDuty
}

const cases: Case[] = [
  // Across the 4 May and 25 May bank holidays.
  { name: '1 day on Fri 1 May: back Tue 5 May, after the bank holiday', start: '2026-05-01', days: 1, notice: '2026-05-01', first: '2026-05-01', moved: false, last: '2026-05-01', returns: '2026-05-05', returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },
  { name: '1.5 days on Fri 1 May: back the afternoon of Tue 5 May', start: '2026-05-01', days: 1.5, notice: '2026-05-01', first: '2026-05-01', moved: false, last: '2026-05-05', returns: '2026-05-05', returnsPm: true, fullTime: null, terms: [[U, 1.5]], outside: 0, duty: rep },
  { name: '5 days from Thu 30 Apr over the 4 May bank holiday', start: '2026-04-30', days: 5, notice: '2026-04-30', first: '2026-04-30', moved: false, last: '2026-05-07', returns: '2026-05-08', returnsPm: false, fullTime: null, terms: [[U, 5]], outside: 0, duty: rep },
  { name: '6 days from Mon 27 Apr: the 6th day is Tue 5 May', start: '2026-04-27', days: 6, notice: '2026-04-27', first: '2026-04-27', moved: false, last: '2026-05-05', returns: '2026-05-06', returnsPm: false, fullTime: '2026-05-05', terms: [[U, 6]], outside: 0, duty: cir('2026-07-14', U) },
  { name: '16 days from Mon 20 Apr over the 4 May bank holiday', start: '2026-04-20', days: 16, notice: '2026-04-20', first: '2026-04-20', moved: false, last: '2026-05-12', returns: '2026-05-13', returnsPm: false, fullTime: '2026-04-27', terms: [[U, 16]], outside: 0, duty: must('2026-05-12', U) },
  { name: '16 days from Tue 5 May, the day after the bank holiday, over the May break', start: '2026-05-05', days: 16, notice: '2026-05-05', first: '2026-05-05', moved: false, last: '2026-06-02', returns: '2026-06-03', returnsPm: false, fullTime: '2026-05-12', terms: [[U, 16]], outside: 0, duty: must('2026-06-02', U) },
  { name: 'starting on the 4 May bank holiday: moved to Tue 5 May', start: '2026-05-04', days: 1, notice: '2026-05-01', first: '2026-05-05', moved: true, last: '2026-05-05', returns: '2026-05-06', returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },
  { name: 'starting on the 25 May bank holiday: moved past half term to Mon 1 Jun', start: '2026-05-25', days: 2, notice: '2026-05-22', first: '2026-06-01', moved: true, last: '2026-06-02', returns: '2026-06-03', returnsPm: false, fullTime: null, terms: [[U, 2]], outside: 0, duty: rep },
  { name: '2 days from Fri 22 May: the 2nd day is Mon 1 Jun', start: '2026-05-22', days: 2, notice: '2026-05-22', first: '2026-05-22', moved: false, last: '2026-06-01', returns: '2026-06-02', returnsPm: false, fullTime: null, terms: [[U, 2]], outside: 0, duty: rep },

  // Afternoon starts: the first day loses only its afternoon.
  { name: 'the afternoon of the last day of autumn (1 session): back the morning of the first spring school day', start: '2025-12-19', days: 0.5, afternoon: true, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2025-12-19', returns: '2026-01-06', returnsPm: false, fullTime: null, terms: [[A, 0.5]], outside: 0, duty: rep },
  { name: '1 day from the afternoon of Fri 19 Dec: back the afternoon of Tue 6 Jan', start: '2025-12-19', days: 1, afternoon: true, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2026-01-06', returns: '2026-01-06', returnsPm: true, fullTime: null, terms: [[A, 0.5], [S, 0.5]], outside: 0, duty: rep },
  { name: '1.5 days from the afternoon of Thu 18 Dec: back the morning of Tue 6 Jan', start: '2025-12-18', days: 1.5, afternoon: true, notice: '2025-12-18', first: '2025-12-18', moved: false, last: '2025-12-19', returns: '2026-01-06', returnsPm: false, fullTime: null, terms: [[A, 1.5]], outside: 0, duty: rep },
  { name: '2 days from the afternoon of Fri 19 Dec: back the afternoon of Wed 7 Jan', start: '2025-12-19', days: 2, afternoon: true, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2026-01-07', returns: '2026-01-07', returnsPm: true, fullTime: null, terms: [[A, 0.5], [S, 1.5]], outside: 0, duty: rep },
  { name: '1 day from the afternoon of Wed 15 Oct', start: '2025-10-15', days: 1, afternoon: true, notice: '2025-10-15', first: '2025-10-15', moved: false, last: '2025-10-16', returns: '2025-10-16', returnsPm: true, fullTime: null, terms: [[A, 1]], outside: 0, duty: rep },
  { name: '1.5 days from the afternoon of Fri 17 Oct: back the morning of Tue 28 Oct', start: '2025-10-17', days: 1.5, afternoon: true, notice: '2025-10-17', first: '2025-10-17', moved: false, last: '2025-10-27', returns: '2025-10-28', returnsPm: false, fullTime: null, terms: [[A, 1.5]], outside: 0, duty: rep },
  { name: '5 days from the afternoon of Mon 13 Oct: back the afternoon of Mon 27 Oct', start: '2025-10-13', days: 5, afternoon: true, notice: '2025-10-13', first: '2025-10-13', moved: false, last: '2025-10-27', returns: '2025-10-27', returnsPm: true, fullTime: null, terms: [[A, 5]], outside: 0, duty: rep },
  { name: '1 day from the afternoon of Fri 13 Feb: back the afternoon of Mon 23 Feb', start: '2026-02-13', days: 1, afternoon: true, notice: '2026-02-13', first: '2026-02-13', moved: false, last: '2026-02-23', returns: '2026-02-23', returnsPm: true, fullTime: null, terms: [[S, 1]], outside: 0, duty: rep },
  { name: 'the afternoon of Fri 27 Mar (1 session): back the morning of Mon 13 Apr', start: '2026-03-27', days: 0.5, afternoon: true, notice: '2026-03-27', first: '2026-03-27', moved: false, last: '2026-03-27', returns: '2026-04-13', returnsPm: false, fullTime: null, terms: [[S, 0.5]], outside: 0, duty: rep },
  { name: '1 day from the afternoon of Fri 22 May: back the afternoon of Mon 1 Jun', start: '2026-05-22', days: 1, afternoon: true, notice: '2026-05-22', first: '2026-05-22', moved: false, last: '2026-06-01', returns: '2026-06-01', returnsPm: true, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },
  { name: 'the afternoon of Wed 22 Jul (1 session): the morning back is outside the term dates', start: '2026-07-22', days: 0.5, afternoon: true, notice: '2026-07-22', first: '2026-07-22', moved: false, last: '2026-07-22', returns: OUT, returnsPm: false, fullTime: null, terms: [[U, 0.5]], outside: 0, duty: rep },
  { name: '1 day from the afternoon of Wed 22 Jul: its second half is outside the term dates', start: '2026-07-22', days: 1, afternoon: true, notice: '2026-07-22', first: '2026-07-22', moved: false, last: OUT, returns: OUT, returnsPm: true, fullTime: null, terms: [[U, 0.5]], outside: 0.5, duty: needs(0.5, rep) },

  // Starts on a day that is not a school day: moved to the next school day.
  { name: 'starting on Sat 11 Oct', start: '2025-10-11', days: 1, notice: '2025-10-10', first: '2025-10-13', moved: true, last: '2025-10-13', returns: '2025-10-14', returnsPm: false, fullTime: null, terms: [[A, 1]], outside: 0, duty: rep },
  { name: 'starting on the INSET day Mon 1 Sep', start: '2025-09-01', days: 1, notice: '2025-09-01', first: '2025-09-03', moved: true, last: '2025-09-03', returns: '2025-09-04', returnsPm: false, fullTime: null, terms: [[A, 1]], outside: 0, duty: rep },
  { name: '5 days starting on the INSET day Tue 2 Sep', start: '2025-09-02', days: 5, notice: '2025-09-02', first: '2025-09-03', moved: true, last: '2025-09-09', returns: '2025-09-10', returnsPm: false, fullTime: null, terms: [[A, 5]], outside: 0, duty: rep },
  { name: 'starting on the INSET day Mon 5 Jan', start: '2026-01-05', days: 1, notice: '2025-12-19', first: '2026-01-06', moved: true, last: '2026-01-06', returns: '2026-01-07', returnsPm: false, fullTime: null, terms: [[S, 1]], outside: 0, duty: rep },
  { name: 'starting in half term, Wed 22 Oct', start: '2025-10-22', days: 1, notice: '2025-10-17', first: '2025-10-27', moved: true, last: '2025-10-27', returns: '2025-10-28', returnsPm: false, fullTime: null, terms: [[A, 1]], outside: 0, duty: rep },
  { name: '6 days starting Sat 20 Dec: all in spring, notice Fri 19 Dec', start: '2025-12-20', days: 6, notice: '2025-12-19', first: '2026-01-06', moved: true, last: '2026-01-13', returns: '2026-01-14', returnsPm: false, fullTime: '2026-01-13', terms: [[S, 6]], outside: 0, duty: cir('2026-03-23', S) },
  { name: 'starting on Good Friday, 3 Apr', start: '2026-04-03', days: 1, notice: '2026-03-27', first: '2026-04-13', moved: true, last: '2026-04-13', returns: '2026-04-14', returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },
  { name: '16 days starting on Easter Monday, 6 Apr, notice Fri 27 Mar', start: '2026-04-06', days: 16, notice: '2026-03-27', first: '2026-04-13', moved: true, last: '2026-05-05', returns: '2026-05-06', returnsPm: false, fullTime: '2026-04-20', terms: [[U, 16]], outside: 0, duty: must('2026-05-01', U) },
  { name: 'starting on Sat 18 Jul', start: '2026-07-18', days: 1, notice: '2026-07-17', first: '2026-07-20', moved: true, last: '2026-07-20', returns: '2026-07-21', returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },

  // The term-boundary faults the issue found.
  { name: '(a) 17 days from Fri 19 Dec: 16 in spring takes the pupil over 15 days in the spring term', start: '2025-12-19', days: 17, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2026-01-27', returns: '2026-01-28', returnsPm: false, fullTime: '2026-01-12', terms: [[A, 1], [S, 16]], outside: 0, duty: must('2026-01-26', S) },
  { name: '(a) 16 days from Fri 19 Dec: 15 in spring is not over 15', start: '2025-12-19', days: 16, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2026-01-26', returns: '2026-01-27', returnsPm: false, fullTime: '2026-01-12', terms: [[A, 1], [S, 15]], outside: 0, duty: cir('2026-03-23', S) },
  { name: '(a) 7 days from Fri 19 Dec: 6 in spring is over 5', start: '2025-12-19', days: 7, notice: '2025-12-19', first: '2025-12-19', moved: false, last: '2026-01-13', returns: '2026-01-14', returnsPm: false, fullTime: '2026-01-12', terms: [[A, 1], [S, 6]], outside: 0, duty: cir('2026-03-23', S) },
  { name: '(a) 17 days from Fri 27 Mar: 16 in summer takes the pupil over 15 days in the summer term', start: '2026-03-27', days: 17, notice: '2026-03-27', first: '2026-03-27', moved: false, last: '2026-05-05', returns: '2026-05-06', returnsPm: false, fullTime: '2026-04-17', terms: [[S, 1], [U, 16]], outside: 0, duty: must('2026-05-01', U) },
  { name: '(b) 8 days from Mon 20 Jul: 3 placed in summer, 5 outside the term dates', start: '2026-07-20', days: 8, notice: '2026-07-20', first: '2026-07-20', moved: false, last: OUT, returns: OUT, returnsPm: false, fullTime: OUT, terms: [[U, 3]], outside: 5, duty: needs(5, rep) },
  { name: '(b) 6 days from Wed 15 Jul: the 6th day, Wed 22 Jul, is known; the return is not', start: '2026-07-15', days: 6, notice: '2026-07-15', first: '2026-07-15', moved: false, last: '2026-07-22', returns: OUT, returnsPm: false, fullTime: '2026-07-22', terms: [[U, 6]], outside: 0, duty: cir(OUT, U) },
  { name: '(c) 1 day on Wed 22 Jul: every day inside the terms, the return beyond them', start: '2026-07-22', days: 1, notice: '2026-07-22', first: '2026-07-22', moved: false, last: '2026-07-22', returns: OUT, returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: rep },

  // Other suspensions count with this one in each term it touches.
  { name: '15 days from Mon 2 Feb after 1 day on Mon 12 Jan: 16 in spring', start: '2026-02-02', days: 15, notice: '2026-02-02', others: [['2026-01-12', 1]], first: '2026-02-02', moved: false, last: '2026-02-27', returns: '2026-03-02', returnsPm: false, fullTime: '2026-02-09', terms: [[S, 16]], outside: 0, year: 16, duty: must('2026-03-02', S) },
  { name: '1 day on Mon 9 Mar after 15 days from Mon 2 Feb: 16 in spring, the board’s 15 days run over Easter', start: '2026-03-09', days: 1, notice: '2026-03-09', others: [['2026-02-02', 15]], first: '2026-03-09', moved: false, last: '2026-03-09', returns: '2026-03-10', returnsPm: false, fullTime: null, terms: [[S, 16]], outside: 0, year: 16, duty: must('2026-04-13', S) },
  { name: '5 days from Mon 2 Mar after two half days in January: 6 in spring', start: '2026-03-02', days: 5, notice: '2026-03-02', others: [['2026-01-12', 0.5], ['2026-01-13', 0.5]], first: '2026-03-02', moved: false, last: '2026-03-06', returns: '2026-03-09', returnsPm: false, fullTime: null, terms: [[S, 6]], outside: 0, year: 6, duty: cir('2026-06-02', S) },
  { name: '6 days from Fri 19 Dec after 5 days from Mon 1 Dec: 6 in autumn, 5 in spring', start: '2025-12-19', days: 6, notice: '2025-12-19', others: [['2025-12-01', 5]], first: '2025-12-19', moved: false, last: '2026-01-12', returns: '2026-01-13', returnsPm: false, fullTime: '2026-01-12', terms: [[A, 6], [S, 5]], outside: 0, year: 11, duty: cir('2026-03-23', A) },
  { name: '6 days from Fri 19 Dec after 1 day on Mon 8 Dec: 2 in autumn, 5 in spring', start: '2025-12-19', days: 6, notice: '2025-12-19', others: [['2025-12-08', 1]], first: '2025-12-19', moved: false, last: '2026-01-12', returns: '2026-01-13', returnsPm: false, fullTime: '2026-01-12', terms: [[A, 2], [S, 5]], outside: 0, year: 7, duty: rep },
  { name: '1 day on Fri 19 Dec after 15 days from Mon 10 Nov: 16 in autumn', start: '2025-12-19', days: 1, notice: '2025-12-19', others: [['2025-11-10', 15]], first: '2025-12-19', moved: false, last: '2025-12-19', returns: '2026-01-06', returnsPm: false, fullTime: null, terms: [[A, 16]], outside: 0, year: 16, duty: must('2026-01-26', A) },
  { name: '1 day on Mon 1 Jun after 44 days in the year: 45 reached', start: '2026-06-01', days: 1, notice: '2026-06-01', others: [['2025-11-03', 15], ['2026-01-12', 15], ['2026-04-20', 14]], first: '2026-06-01', moved: false, last: '2026-06-01', returns: '2026-06-02', returnsPm: false, fullTime: null, terms: [[U, 15]], outside: 0, year: 45, limit: 'reached', duty: cir(OUT, U) },
  { name: '1.5 days on Mon 1 Jun after 44 days in the year: 45 exceeded, and over 15 in summer', start: '2026-06-01', days: 1.5, notice: '2026-06-01', others: [['2025-11-03', 15], ['2026-01-12', 15], ['2026-04-20', 14]], first: '2026-06-01', moved: false, last: '2026-06-02', returns: '2026-06-02', returnsPm: true, fullTime: null, terms: [[U, 15.5]], outside: 0, year: 45.5, limit: 'exceeded', duty: must('2026-06-22', U) },
  { name: 'half a day on Mon 1 Jun after 44 days in the year: within 45', start: '2026-06-01', days: 0.5, notice: '2026-06-01', others: [['2025-11-03', 15], ['2026-01-12', 15], ['2026-04-20', 14]], first: '2026-06-01', moved: false, last: '2026-06-01', returns: '2026-06-01', returnsPm: true, fullTime: null, terms: [[U, 14.5]], outside: 0, year: 44.5, limit: 'within', duty: cir(OUT, U) },
  { name: '1 day on Mon 1 Jun with 5 days from Mon 20 Jul: the other’s 2 days outside do not make this one wait', start: '2026-06-01', days: 1, notice: '2026-06-01', others: [['2026-07-20', 5]], first: '2026-06-01', moved: false, last: '2026-06-01', returns: '2026-06-02', returnsPm: false, fullTime: null, terms: [[U, 4]], outside: 0, othersOutside: 2, year: 4, duty: rep },

  // A public exam or national test missed: the board must consider within 15 school days whatever the count.
  { name: 'public exam missed, 1 day on Mon 18 May', start: '2026-05-18', days: 1, notice: '2026-05-18', publicExam: true, first: '2026-05-18', moved: false, last: '2026-05-18', returns: '2026-05-19', returnsPm: false, fullTime: null, terms: [[U, 1]], outside: 0, duty: exam('2026-06-15') },
  { name: 'public exam missed, 8 days from Mon 20 Jul: must consider, by a day outside the term dates', start: '2026-07-20', days: 8, notice: '2026-07-20', publicExam: true, first: '2026-07-20', moved: false, last: OUT, returns: OUT, returnsPm: false, fullTime: OUT, terms: [[U, 3]], outside: 5, duty: exam(OUT) },
]

describe('suspensions across bank holidays, from afternoons and non-school days, with other suspensions, and the faults the issue found', () => {
  it.each(cases)('$name', (c) => {
    const record: SuspensionRecord = { startDate: d(c.start), days: c.days, ...(c.afternoon ? { startsAfternoon: true } : {}) }
    const dates = suspensionDates(calendar, record)
    expect({
      firstDay: show(dates.firstDay),
      startMoved: dates.startMoved,
      lastDay: show(dates.lastDay),
      returnsOn: show(dates.returnsOn),
      returnsAfternoon: dates.returnsAfternoon,
      fullTimeEducationFrom: 'fullTimeEducationFrom' in dates ? show(dates.fullTimeEducationFrom!) : null,
    }).toEqual({ firstDay: c.first, startMoved: c.moved, lastDay: c.last, returnsOn: c.returns, returnsAfternoon: c.returnsPm, fullTimeEducationFrom: c.fullTime })

    const others = (c.others ?? []).map(([start, days]): SuspensionRecord => ({ startDate: d(start), days }))
    const totals = suspensionTotals(calendar, record, others)
    expect({
      terms: totals.terms.map((term) => [term.name, term.days]),
      years: totals.years.map((year) => [year.name, year.days]),
      outsideTermDates: totals.outsideTermDates,
      othersOutsideTermDates: totals.othersOutsideTermDates,
      yearLimit: yearLimit(totals),
    }).toEqual({
      terms: c.terms,
      years: [[YEAR, c.year ?? sum(c.terms)]],
      outsideTermDates: c.outside,
      othersOutsideTermDates: c.othersOutside ?? 0,
      yearLimit: c.limit ?? 'within',
    })

    expect(shownDuty(governingBoardDuty(calendar, d(c.notice), totals, c.publicExam ?? false))).toEqual(c.duty)
  })
})

/**
 * [effective date, notice date, board's decision (null: not yet), the LA's education from (6th school day, the
 *  effective date day 1 when a school day), the board by (15th school day after the notice), independent review by
 *  (15th school day after the decision; null: absent)]
 */
type Exclusion = readonly [string, string, string | null, string, string, string | null]

const permanentExclusions: Exclusion[] = [
  // Before October half term.
  ['2025-10-13', '2025-10-13', '2025-11-10', '2025-10-27', '2025-11-10', '2025-12-01'],
  ['2025-10-15', '2025-10-15', null, '2025-10-29', '2025-11-12', null],
  ['2025-10-17', '2025-10-17', '2025-11-14', '2025-10-31', '2025-11-14', '2025-12-05'],
  // The last week of the autumn term: education and the board's deadline fall in January.
  ['2025-12-15', '2025-12-15', null, '2026-01-06', '2026-01-20', null],
  ['2025-12-15', '2025-12-15', '2026-01-20', '2026-01-06', '2026-01-20', '2026-02-10'],
  ['2025-12-16', '2025-12-16', '2026-01-21', '2026-01-07', '2026-01-21', '2026-02-11'],
  ['2025-12-17', '2025-12-17', '2026-01-22', '2026-01-08', '2026-01-22', '2026-02-12'],
  ['2025-12-18', '2025-12-18', '2026-01-23', '2026-01-09', '2026-01-23', '2026-02-13'],
  ['2025-12-19', '2025-12-19', '2026-01-26', '2026-01-12', '2026-01-26', '2026-02-23'],
  ['2025-12-15', '2025-12-12', null, '2026-01-06', '2026-01-19', null],
  ['2025-12-20', '2025-12-19', null, '2026-01-13', '2026-01-26', null],
  ['2026-01-05', '2025-12-19', null, '2026-01-13', '2026-01-26', null],
  // Before February half term.
  ['2026-02-09', '2026-02-09', '2026-03-09', '2026-02-23', '2026-03-09', '2026-04-13'],
  ['2026-02-13', '2026-02-13', '2026-03-13', '2026-02-27', '2026-03-13', '2026-04-17'],
  // The last week of the spring term: over Easter, and the review over the 4 May bank holiday.
  ['2026-03-23', '2026-03-23', '2026-04-27', '2026-04-13', '2026-04-27', '2026-05-19'],
  ['2026-03-24', '2026-03-24', '2026-04-28', '2026-04-14', '2026-04-28', '2026-05-20'],
  ['2026-03-25', '2026-03-25', null, '2026-04-15', '2026-04-29', null],
  ['2026-03-25', '2026-03-25', '2026-04-29', '2026-04-15', '2026-04-29', '2026-05-21'],
  ['2026-03-26', '2026-03-26', '2026-04-30', '2026-04-16', '2026-04-30', '2026-05-22'],
  ['2026-03-27', '2026-03-27', '2026-05-01', '2026-04-17', '2026-05-01', '2026-06-01'],
  // The May bank holidays and half term.
  ['2026-05-04', '2026-05-01', null, '2026-05-12', '2026-06-01', null],
  ['2026-05-18', '2026-05-18', '2026-06-15', '2026-06-01', '2026-06-15', '2026-07-06'],
  ['2026-05-22', '2026-05-22', '2026-06-19', '2026-06-05', '2026-06-19', '2026-07-10'],
  // Windows running up to and past Wed 22 Jul 2026, the last day entered.
  ['2026-06-15', '2026-06-15', '2026-06-30', '2026-06-22', '2026-07-06', '2026-07-21'],
  ['2026-06-16', '2026-06-16', '2026-07-01', '2026-06-23', '2026-07-07', '2026-07-22'],
  ['2026-06-17', '2026-06-17', '2026-07-02', '2026-06-24', '2026-07-08', OUT],
  ['2026-06-22', '2026-06-22', '2026-07-13', '2026-06-29', '2026-07-13', OUT], // (d) the board decided Mon 13 Jul
  ['2026-07-01', '2026-07-01', null, '2026-07-08', '2026-07-22', null],
  ['2026-07-02', '2026-07-02', null, '2026-07-09', OUT, null],
  ['2026-07-13', '2026-07-13', null, '2026-07-20', OUT, null],
  // The last week of the summer term.
  ['2026-07-15', '2026-07-15', null, '2026-07-22', OUT, null],
  ['2026-07-16', '2026-07-16', '2026-07-20', OUT, OUT, OUT],
  ['2026-07-17', '2026-07-17', null, OUT, OUT, null],
  ['2026-07-20', '2026-07-20', '2026-07-21', OUT, OUT, OUT],
  ['2026-07-21', '2026-07-21', null, OUT, OUT, null],
  ['2026-07-22', '2026-07-22', '2026-07-22', OUT, OUT, OUT],
]

describe('permanent exclusions', () => {
  it.each(permanentExclusions)('effective %s, notice %s, board decided %s', (effective, notice, decided, educationFrom, boardBy, reviewBy) => {
    const deadlines = permanentExclusionDeadlines(calendar, d(effective), d(notice), decided === null ? undefined : d(decided))
    expect({
      localAuthorityEducationFrom: show(deadlines.localAuthorityEducationFrom),
      boardConsiderBy: show(deadlines.boardConsiderBy),
      independentReviewBy: 'independentReviewBy' in deadlines ? show(deadlines.independentReviewBy!) : null,
      basis: deadlines.basis,
    }).toEqual({ localAuthorityEducationFrom: educationFrom, boardConsiderBy: boardBy, independentReviewBy: reviewBy, basis: 'term-dates' })
  })
})

describe('the calendar itself', () => {
  it.each([
    ['2025-09-01', false], // INSET
    ['2025-09-02', false], // INSET
    ['2025-09-03', true],
    ['2025-10-11', false], // Saturday
    ['2025-10-17', true],
    ['2025-10-20', false], // half term
    ['2025-10-24', false], // half term
    ['2025-10-27', true],
    ['2025-12-19', true],
    ['2025-12-22', false], // Christmas holiday, outside any term
    ['2026-01-05', false], // INSET
    ['2026-01-06', true],
    ['2026-02-13', true],
    ['2026-02-16', false],
    ['2026-02-23', true],
    ['2026-03-27', true],
    ['2026-04-03', false], // Good Friday
    ['2026-04-13', true],
    ['2026-05-01', true],
    ['2026-05-04', false], // bank holiday in term
    ['2026-05-05', true],
    ['2026-05-22', true],
    ['2026-05-25', false], // bank holiday
    ['2026-05-29', false], // half term
    ['2026-06-01', true],
    ['2026-07-22', true],
    ['2026-07-23', false], // after the last term entered
  ] as const)('%s is a school day: %s', (date, expected) => {
    expect(isSchoolDay(calendar, d(date))).toBe(expected)
  })

  it.each([
    ['2025-09-03', A],
    ['2025-12-19', A],
    ['2026-01-06', S],
    ['2026-03-27', S],
    ['2026-04-13', U],
    ['2026-07-22', U],
  ] as const)('%s counts in %s, school year 2025 to 2026', (date, term) => {
    const place = placeOf(calendar, d(date))
    expect([place.term.name, place.term.confirmed, place.year.name]).toEqual([term, true, YEAR])
  })

  it.each([
    ['2025-10-10', 6, '2025-10-17'],
    ['2025-10-13', 6, '2025-10-27'],
    ['2025-12-15', 6, '2026-01-06'],
    ['2025-12-20', 1, '2026-01-06'],
    ['2026-03-23', 6, '2026-04-13'],
    ['2026-05-21', 2, '2026-05-22'],
    ['2026-05-21', 3, '2026-06-01'],
    ['2026-07-15', 6, '2026-07-22'],
  ] as const)('from %s, school day %i is %s', (start, n, expected) => {
    expect(formatIsoDate(nthSchoolDay(calendar, d(start), n))).toBe(expected)
  })

  it.each([
    ['2025-10-17', 1, '2025-10-27'],
    ['2025-12-19', 1, '2026-01-06'],
    ['2025-12-19', 15, '2026-01-26'],
    ['2026-03-27', 15, '2026-05-01'],
    ['2026-05-22', 1, '2026-06-01'],
    ['2026-07-01', 15, '2026-07-22'],
  ] as const)('from %s, %i school days after is %s', (date, n, expected) => {
    expect(formatIsoDate(schoolDaysAfter(calendar, d(date), n))).toBe(expected)
  })

  it('does not guess a school day after the last term entered', () => {
    expect(() => schoolDaysAfter(calendar, d('2026-07-22'), 1)).toThrow(/outside the term dates entered/)
    expect(() => nthSchoolDay(calendar, d('2026-07-16'), 6)).toThrow(/outside the term dates entered/)
  })
})

describe('school days in words', () => {
  it.each([
    [0.5, 'half a school day'],
    [1, '1 school day'],
    [1.5, '1.5 school days'],
    [2, '2 school days'],
    [2.5, '2.5 school days'],
    [5, '5 school days'],
    [15, '15 school days'],
    [16, '16 school days'],
    [45, '45 school days'],
  ] as const)('%s: %s', (days, words) => {
    expect(formatSchoolDays(days)).toBe(words)
  })
})
