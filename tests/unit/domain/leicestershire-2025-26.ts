import { BUNDLED_COUNTY_CALENDAR } from '../../../src/domain/default-content/county-calendar'
import type { SchoolCalendar } from '../../../src/domain/school-calendar'

const BANK_HOLIDAYS = BUNDLED_COUNTY_CALENDAR.bankHolidays

/**
 * Test data only: a realistic Leicestershire-pattern school year, 2025 to 2026 (the app ships
 * no term dates; each setting enters its own). No term after Summer 2026 is entered, so a
 * school day after Wed 22 Jul 2026 is outside the term dates entered.
 */
export const AUTUMN = 'Autumn 2025'
export const SPRING = 'Spring 2026'
export const SUMMER = 'Summer 2026'
export const YEAR = '2025 to 2026'

export const leicestershire2025to26: SchoolCalendar = {
  bankHolidays: BANK_HOLIDAYS,
  terms: [
    { name: AUTUMN, start: '2025-09-01', end: '2025-12-19', halfTerm: { start: '2025-10-20', end: '2025-10-24' } },
    { name: SPRING, start: '2026-01-05', end: '2026-03-27', halfTerm: { start: '2026-02-16', end: '2026-02-20' } },
    { name: SUMMER, start: '2026-04-13', end: '2026-07-22', halfTerm: { start: '2026-05-26', end: '2026-05-29' } },
  ],
  insetDays: ['2025-09-01', '2025-09-02', '2026-01-05'],
}

/*
 * The school days of this calendar, numbered by hand: the hand working behind every expected
 * value in term-boundaries.test.ts. Gn is the nth school day of the year; An, Sn, Un the nth of
 * the autumn, spring and summer term. Weeks are Monday to Friday (Mon 1 Sep 2025 is a Monday).
 * "Within n school days of X" / "n school days after X" is the school day n places after X's
 * own place (X not counted); "the 6th school day" of something starting on day Gk is G(k+5).
 *
 * AUTUMN 2025 (73 school days). Mon 1, Tue 2 Sep: INSET. Half term Mon 20 - Fri 24 Oct.
 *   G1-G3    A1-A3    Wed 3, Thu 4, Fri 5 Sep
 *   G4-G8    A4-A8    Mon 8 - Fri 12 Sep
 *   G9-G13   A9-A13   15-19 Sep
 *   G14-G18  A14-A18  22-26 Sep
 *   G19-G23  A19-A23  Mon 29 Sep, Tue 30 Sep, Wed 1, Thu 2, Fri 3 Oct
 *   G24-G28  A24-A28  Mon 6 - Fri 10 Oct                       (G28 Fri 10 Oct)
 *   G29-G33  A29-A33  Mon 13 - Fri 17 Oct                      (last 6 before half term: G28-G33)
 *   ---- half term 20-24 Oct ----
 *   G34-G38  A34-A38  Mon 27 - Fri 31 Oct
 *   G39-G43  A39-A43  Mon 3 - Fri 7 Nov
 *   G44-G48  A44-A48  Mon 10 - Fri 14 Nov
 *   G49-G53  A49-A53  Mon 17 - Fri 21 Nov
 *   G54-G58  A54-A58  Mon 24 - Fri 28 Nov
 *   G59-G63  A59-A63  Mon 1 - Fri 5 Dec
 *   G64-G68  A64-A68  Mon 8 - Fri 12 Dec                       (G68 Fri 12 Dec)
 *   G69-G73  A69-A73  Mon 15 - Fri 19 Dec                      (last 6 before Christmas: G68-G73)
 *   ---- Christmas: 22 Dec - 5 Jan (25, 26 Dec, 1 Jan bank holidays; Mon 5 Jan INSET) ----
 *
 * SPRING 2026 (54 school days). Mon 5 Jan: INSET. Half term Mon 16 - Fri 20 Feb.
 *   G74-G77    S1-S4    Tue 6, Wed 7, Thu 8, Fri 9 Jan
 *   G78-G82    S5-S9    Mon 12 - Fri 16 Jan
 *   G83-G87    S10-S14  Mon 19 - Fri 23 Jan
 *   G88-G92    S15-S19  Mon 26 - Fri 30 Jan
 *   G93-G97    S20-S24  Mon 2 - Fri 6 Feb                       (G97 Fri 6 Feb)
 *   G98-G102   S25-S29  Mon 9 - Fri 13 Feb                      (last 6 before half term: G97-G102)
 *   ---- half term 16-20 Feb ----
 *   G103-G107  S30-S34  Mon 23 - Fri 27 Feb
 *   G108-G112  S35-S39  Mon 2 - Fri 6 Mar
 *   G113-G117  S40-S44  Mon 9 - Fri 13 Mar
 *   G118-G122  S45-S49  Mon 16 - Fri 20 Mar                     (G122 Fri 20 Mar)
 *   G123-G127  S50-S54  Mon 23 - Fri 27 Mar                     (last 6 before Easter: G122-G127)
 *   ---- Easter: 28 Mar - 12 Apr (Good Friday 3 Apr, Easter Monday 6 Apr) ----
 *
 * SUMMER 2026 (67 school days). Mon 4 May, Mon 25 May bank holidays. Half term Tue 26 - Fri 29 May.
 *   G128-G132  U1-U5    Mon 13 - Fri 17 Apr
 *   G133-G137  U6-U10   Mon 20 - Fri 24 Apr
 *   G138-G142  U11-U15  Mon 27, Tue 28, Wed 29, Thu 30 Apr, Fri 1 May
 *   ---- Mon 4 May bank holiday ----
 *   G143-G146  U16-U19  Tue 5, Wed 6, Thu 7, Fri 8 May
 *   G147-G151  U20-U24  Mon 11 - Fri 15 May                     (G151 Fri 15 May)
 *   G152-G156  U25-U29  Mon 18 - Fri 22 May                     (last 6 before the break: G151-G156)
 *   ---- Mon 25 May bank holiday, half term 26-29 May ----
 *   G157-G161  U30-U34  Mon 1 - Fri 5 Jun
 *   G162-G166  U35-U39  Mon 8 - Fri 12 Jun
 *   G167-G171  U40-U44  Mon 15 - Fri 19 Jun
 *   G172-G176  U45-U49  Mon 22 - Fri 26 Jun
 *   G177-G181  U50-U54  Mon 29 Jun, Tue 30 Jun, Wed 1, Thu 2, Fri 3 Jul
 *   G182-G186  U55-U59  Mon 6 - Fri 10 Jul
 *   G187-G191  U60-U64  Mon 13 - Fri 17 Jul                     (G189 Wed 15 Jul)
 *   G192-G194  U65-U67  Mon 20, Tue 21, Wed 22 Jul              (last 6 before the summer: G189-G194)
 *   ---- G195 onwards: outside the term dates entered ----
 *
 * Worked examples: 50 school days after Fri 10 Oct (G28) is G78, Mon 12 Jan 2026; 15 after
 * Fri 19 Dec (G73) is G88, Mon 26 Jan; 50 after Fri 20 Mar (G122) is G172, Mon 22 Jun; 50
 * after any day from Fri 15 May (G151) is past G194: outside the term dates entered.
 */
