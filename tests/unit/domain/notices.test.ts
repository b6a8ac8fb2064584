import { describe, expect, it } from 'vitest'
import { earlierSuspensions, emptySuspension, suspensionPayload, thisSuspension, type SuspensionDraft } from '../../../src/domain/suspension-notice'
import { BUNDLED_COUNTY_CALENDAR } from '../../../src/domain/default-content/county-calendar'
import { currentStep, emptyPermanentExclusion, noticeDeadlines, outcomePayload, permanentExclusionPayload, type PermanentExclusionDraft } from '../../../src/domain/permanent-exclusion'
import type { SchoolCalendar } from '../../../src/domain/school-calendar'
import { permanentExclusionSchema, permanentExclusionUpdateSchema } from '../../../src/domain/submissions'
import { leicestershire2025to26 } from './leicestershire-2025-26'

const BANK_HOLIDAYS = BUNDLED_COUNTY_CALENDAR.bankHolidays

const referrer = { name: 'Jo Head', jobTitle: 'Head teacher', settingName: 'Ashby Primary', phone: '', email: '' }
const offset = () => '+00:00'
const date = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}

function suspension(): SuspensionDraft {
  const draft = emptySuspension()
  draft.pupil = { name: 'Sam Pupil', dateOfBirth: date('2013-04-02'), yearGroup: 'year-8', upn: '' }
  draft.startDate = date('2026-11-05')
  draft.lengthUnit = 'sessions'
  draft.lengthAmount = '3'
  draft.reasonCodes = ['PA', 'DB']
  draft.description = 'What happened.'
  draft.sen = 'none'
  draft.parentsNotified = { date: date('2026-11-05'), time: '9:05', how: 'Phone' }
  return draft
}

describe('suspensionPayload', () => {
  it('builds a notice the service accepts, with the time where it was typed', () => {
    const result = suspensionPayload(suspension(), referrer, 'census-2024', () => '+01:00')
    expect(result).toEqual({
      ok: true,
      payload: {
        pupil: { name: 'Sam Pupil', dateOfBirth: '2013-04-02', yearGroup: 'year-8' },
        startDate: '2026-11-05',
        length: { unit: 'sessions', amount: 3 },
        reasons: { listVersion: 'census-2024', codes: ['PA', 'DB'] },
        description: 'What happened.',
        sen: 'none',
        childInNeed: false,
        childProtectionPlan: false,
        lookedAfter: false,
        parentsNotified: { at: '2026-11-05T09:05:00+01:00', how: 'Phone' },
        referrer: { name: 'Jo Head', jobTitle: 'Head teacher' },
      },
    })
  })

  it.each([
    ['no reasons', (draft: SuspensionDraft) => (draft.reasonCodes = []), 'reasonCodes: Select at least one reason'],
    ['four reasons', (draft: SuspensionDraft) => (draft.reasonCodes = ['PA', 'DB', 'DM', 'TH']), 'reasonCodes: Select no more than three reasons'],
    ['46 days', (draft: SuspensionDraft) => Object.assign(draft, { lengthUnit: 'days', lengthAmount: '46' }), 'lengthAmount: Enter the length as a whole number of school days from 1 to 45'],
    ['a time that is not one', (draft: SuspensionDraft) => (draft.parentsNotified.time = '25:00'), 'parentsNotified-time: Parents notified: enter the time like 09:30'],
    ['no parents notified', (draft: SuspensionDraft) => (draft.parentsNotified = { date: { day: '', month: '', year: '' }, time: '', how: '' }), 'parentsNotified: Enter when: parents notified'],
  ])('explains %s', (_name, change, message) => {
    const draft = suspension()
    change(draft)
    const result = suspensionPayload(draft, referrer, 'census-2024', offset)
    expect(!result.ok && result.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([message])
  })

  it('puts what only the schema finds against the field it is about', () => {
    const draft = suspension()
    draft.pupil.upn = 'A12'
    draft.description = 'x'.repeat(20_001)
    const result = suspensionPayload(draft, referrer, 'census-2024', offset)
    expect(!result.ok && result.problems).toEqual([
      { field: 'pupilUpn', message: 'Unique pupil number: a UPN is a letter, 11 digits and a final digit or letter' },
      { field: 'description', message: 'What happened: at most 20000 characters' },
    ])
  })

  it('sends an afternoon start, and asks for a confirmation past 45 days', () => {
    const draft = suspension()
    draft.startsAfternoon = true
    const result = suspensionPayload(draft, referrer, 'census-2024', offset)
    expect(result.ok && result.payload.startsAfternoon).toBe(true)
    const overLimit = suspensionPayload(draft, referrer, 'census-2024', offset, true)
    expect(!overLimit.ok && overLimit.problems.map((problem) => problem.field)).toEqual(['confirmedOverLimit'])
    draft.confirmedOverLimit = true
    expect(suspensionPayload(draft, referrer, 'census-2024', offset, true).ok).toBe(true)
  })

  it.each([
    ['an empty row', { startDate: { day: '', month: '', year: '' }, days: '' }, ['earlier-0-start', 'earlier-0-days']],
    ['a date that is not one', { startDate: date('2026-02-30'), days: '2' }, ['earlier-0-start']],
    ['days that are not a number of school days', { startDate: date('2026-10-01'), days: 'two' }, ['earlier-0-days']],
    ['a quarter day', { startDate: date('2026-10-01'), days: '1.25' }, ['earlier-0-days']],
    ['46 days', { startDate: date('2026-10-01'), days: '46' }, ['earlier-0-days']],
  ])('refuses an earlier suspension with %s', (_name, row, fields) => {
    const draft = suspension()
    draft.earlierSuspensions = [row]
    const result = suspensionPayload(draft, referrer, 'census-2024', offset)
    expect(!result.ok && result.problems.map((problem) => problem.field)).toEqual(fields)
  })

  it('counts this suspension and complete earlier rows towards the totals, and names each incomplete row', () => {
    const draft = suspension()
    draft.earlierSuspensions = [{ startDate: date('2026-10-01'), days: '2' }, { startDate: date('2026-10-08'), days: '' }]
    expect(thisSuspension(draft)).toEqual({ startDate: { year: 2026, month: 11, day: 5 }, days: 1.5, startsAfternoon: false })
    expect(earlierSuspensions(draft)).toEqual({
      records: [{ startDate: { year: 2026, month: 10, day: 1 }, days: 2 }],
      problems: [{ field: 'earlier-1-days', message: 'Enter the school days of earlier suspension 2 as a number from 0.5 to 45, like 2 or 2.5' }],
    })
  })
})

const weekdaysOnly: SchoolCalendar = { bankHolidays: BANK_HOLIDAYS }
const WEEKDAYS = 'Weekdays less bank holidays: your setting’s term dates had not been added, so school holidays were not taken off'
/** The day the notice is sent: Thursday 5 November 2026, the day the exclusion starts. */
const TODAY = '2026-11-05'

function exclusion(): PermanentExclusionDraft {
  const draft = emptyPermanentExclusion()
  Object.assign(draft, {
    pupil: { name: 'Jo Pupil', dateOfBirth: date('2012-01-01'), yearGroup: 'year-9', upn: '' },
    effectiveDate: date('2026-11-05'),
    reasonCodes: ['PA'],
    description: 'What happened.',
    sen: 'ehcp',
    dutyDeskCall: { at: '2026-11-05T09:15:00+00:00', spokeTo: 'Duty officer' },
    seipContact: { at: '2026-11-05T09:40:00+00:00', who: 'SEIP lead' },
    discussion: { incident: 'The incident.', supportOptions: '', process: '', nextSteps: '' },
    parentsNotified: { date: date('2026-11-05'), time: '15:00', how: 'In person' },
  })
  return draft
}

describe('a permanent exclusion, step by step', () => {
  it('moves through contact, discussion, decision and outcome', () => {
    const draft = emptyPermanentExclusion()
    expect(currentStep(draft)).toBe('contact')
    draft.dutyDeskCall.at = 'x'
    draft.seipContact.at = 'y'
    expect(currentStep(draft)).toBe('discussion')
    draft.discussion.incident = 'The incident.'
    expect(currentStep(draft)).toBe('decision')
    draft.noticeKey = 'notice'
    expect(currentStep(draft)).toBe('outcome')
    draft.outcomeKey = 'outcome'
    expect(currentStep(draft)).toBe('done')
    expect(currentStep({ ...emptyPermanentExclusion(), dutyDeskCall: { at: 'x', spokeTo: '' }, seipContact: { at: 'y', who: '' }, discussion: { incident: 'i', supportOptions: '', process: '', nextSteps: '' }, decision: { choice: 'withdraw', at: 'z' } })).toBe('withdrawn')
  })

  it('builds a notice the service accepts', () => {
    expect(permanentExclusionPayload(exclusion(), referrer, 'census-2024', offset, weekdaysOnly, TODAY)).toEqual({
      ok: true,
      payload: {
        pupil: { name: 'Jo Pupil', dateOfBirth: '2012-01-01', yearGroup: 'year-9' },
        reasons: { listVersion: 'census-2024', codes: ['PA'] },
        description: 'What happened.',
        sen: 'ehcp',
        childInNeed: false,
        childProtectionPlan: false,
        lookedAfter: false,
        effectiveDate: '2026-11-05',
        dutyDeskCall: { at: '2026-11-05T09:15:00+00:00', spokeTo: 'Duty officer' },
        seipContact: { at: '2026-11-05T09:40:00+00:00', who: 'SEIP lead' },
        discussion: { incident: 'The incident.' },
        parentsNotified: { at: '2026-11-05T15:00:00+00:00', how: 'In person' },
        referrer: { name: 'Jo Head', jobTitle: 'Head teacher' },
        // Weekdays from Thu 5 Nov 2026: the 6th school day is Thu 12 Nov (5, 6, 9, 10, 11, 12); 15 school
        // days after the notice (the parents told on 5 Nov, not counted) is Thu 26 Nov (6, 9-13, 16-20, 23-26).
        deadlines: { educationFrom: '2026-11-12', boardConsiderBy: '2026-11-26', basis: 'weekdays-and-bank-holidays', calendar: WEEKDAYS },
      },
    })
  })

  it('sends when the social worker and the virtual school head were told, and checks each time', () => {
    const draft = exclusion()
    draft.socialWorkerNotified = { date: date('2026-11-05'), time: '15:30' }
    draft.virtualSchoolHeadNotified = { date: date('2026-11-05'), time: '4pm' }
    const refused = permanentExclusionPayload(draft, referrer, 'census-2024', offset, weekdaysOnly, TODAY)
    expect(!refused.ok && refused.problems).toEqual([{ field: 'virtualSchoolHeadNotified-time', message: 'Virtual school head notified: enter the time like 09:30' }])
    draft.virtualSchoolHeadNotified.time = '16:00'
    const result = permanentExclusionPayload(draft, referrer, 'census-2024', offset, weekdaysOnly, TODAY)
    expect(result.ok && [result.payload.socialWorkerNotified, result.payload.virtualSchoolHeadNotified]).toEqual([
      { at: '2026-11-05T15:30:00+00:00' },
      { at: '2026-11-05T16:00:00+00:00' },
    ])
  })

  it('accepts a draft begun before the social worker was asked about', () => {
    const draft = exclusion()
    delete draft.socialWorkerNotified
    delete draft.virtualSchoolHeadNotified
    const result = permanentExclusionPayload(draft, referrer, 'census-2024', offset, weekdaysOnly, TODAY)
    expect(result.ok && result.payload.socialWorkerNotified).toBeUndefined()
  })

  it('needs who was spoken to at the duty desk and the SEIP', () => {
    const draft = exclusion()
    draft.dutyDeskCall.spokeTo = ''
    draft.seipContact.who = ''
    const result = permanentExclusionPayload(draft, referrer, 'census-2024', offset, weekdaysOnly, TODAY)
    expect(!result.ok && result.problems.map((problem) => problem.field)).toEqual(['dutyDeskSpokeTo', 'seipWho'])
  })

  it('needs the alternative outcome when rescinded', () => {
    const draft = exclusion()
    draft.outcome = { result: 'rescinded', alternativeOutcome: '', decidedOn: date('2026-11-20'), boardDecision: { day: '', month: '', year: '' } }
    expect(outcomePayload(draft, weekdaysOnly, TODAY)).toEqual({ ok: false, problems: [{ field: 'alternativeOutcome', message: 'Enter the alternative outcome' }] })
    draft.outcome.alternativeOutcome = 'A managed move'
    expect(outcomePayload(draft, weekdaysOnly, TODAY)).toEqual({ ok: true, payload: { outcome: 'rescinded', alternativeOutcome: 'A managed move', decidedOn: '2026-11-20' } })
  })

  it('sends the deadlines the page shows, counted from the parents’ notice rather than the day it is sent', () => {
    const draft = exclusion()
    draft.parentsNotified.date = date('2026-11-06')
    const shown = noticeDeadlines(draft, weekdaysOnly, '2026-11-09')!
    const sent = permanentExclusionPayload(draft, referrer, 'census-2024', offset, weekdaysOnly, '2026-11-09')
    // 15 school days after Fri 6 Nov 2026: 9-13, 16-20, 23-27 Nov: Fri 27 Nov.
    expect(shown).toMatchObject({ localAuthorityEducationFrom: { year: 2026, month: 11, day: 12 }, boardConsiderBy: { year: 2026, month: 11, day: 27 } })
    expect(sent.ok && sent.payload.deadlines).toEqual({ educationFrom: '2026-11-12', boardConsiderBy: '2026-11-27', basis: 'weekdays-and-bank-holidays', calendar: WEEKDAYS })
  })

  it('counts from the day the decision was made, or today, until the parents’ notice is entered', () => {
    const draft = exclusion()
    draft.parentsNotified.date = { day: '', month: '', year: '' }
    // Today, Mon 9 Nov 2026: 15 school days after is Mon 30 Nov (10-13, 16-20, 23-27, 30).
    expect(noticeDeadlines(draft, weekdaysOnly, '2026-11-09')?.boardConsiderBy).toEqual({ year: 2026, month: 11, day: 30 })
    // Decided on Thu 5 Nov 2026: Thu 26 Nov, whatever today is.
    draft.decision = { choice: 'continue', at: '2026-11-05T16:00:00+00:00' }
    expect(noticeDeadlines(draft, weekdaysOnly, '2026-11-09')?.boardConsiderBy).toEqual({ year: 2026, month: 11, day: 26 })
    draft.effectiveDate = { day: '', month: '', year: '' }
    expect(noticeDeadlines(draft, weekdaysOnly, '2026-11-09')).toBeUndefined()
  })

  it('sends a deadline past the term dates entered as outside-term-dates, and names the calendar', () => {
    const sent = permanentExclusionPayload(exclusion(), referrer, 'census-2024', offset, leicestershire2025to26, TODAY)
    expect(sent.ok && sent.payload.deadlines).toEqual({
      educationFrom: 'outside-term-dates',
      boardConsiderBy: 'outside-term-dates',
      basis: 'term-dates',
      calendar: 'Your setting’s term dates (Autumn 2025 to Summer 2026), INSET days and bank holidays',
    })
  })

  it('sends the board’s decision with the outcome, and the parents’ review deadline from it', () => {
    const draft = exclusion()
    draft.outcome = { result: 'upheld', alternativeOutcome: '', decidedOn: date('2026-11-06'), boardDecision: date('2026-11-20') }
    // 15 school days after Fri 20 Nov 2026: 23-27 Nov, 30 Nov-4 Dec, 7-11 Dec: Fri 11 Dec.
    expect(outcomePayload(draft, weekdaysOnly, '2026-11-23')).toEqual({
      ok: true,
      payload: {
        outcome: 'upheld',
        decidedOn: '2026-11-06',
        deadlines: { boardDecidedOn: '2026-11-20', independentReviewBy: '2026-12-11', basis: 'weekdays-and-bank-holidays', calendar: WEEKDAYS },
      },
    })
    draft.outcome.boardDecision = { day: '20', month: '11', year: '' }
    expect(outcomePayload(draft, weekdaysOnly, '2026-11-23')).toEqual({ ok: false, problems: [{ field: 'boardDecision', message: 'Date the governing board decided must include a year' }] })
  })
})

describe('the deadlines in the notice', () => {
  const notice = () => {
    const sent = permanentExclusionPayload(exclusion(), referrer, 'census-2024', offset, weekdaysOnly, TODAY)
    if (!sent.ok) throw new Error('The notice should build')
    return sent.payload
  }

  it('are optional: a notice queued on a device before they travelled is still accepted', () => {
    const { deadlines: _deadlines, ...queuedEarlier } = notice()
    expect(permanentExclusionSchema.safeParse(queuedEarlier).success).toBe(true)
    expect(permanentExclusionUpdateSchema.safeParse({ outcome: 'upheld', decidedOn: '2026-11-06' }).success).toBe(true)
  })

  it.each([
    ['a date that is not one', { educationFrom: '2026-11-31' }, 'deadlines.educationFrom'],
    ['a marker that is not the one', { boardConsiderBy: 'unknown' }, 'deadlines.boardConsiderBy'],
    ['a basis that is not one', { basis: 'guessed' }, 'deadlines.basis'],
    ['a calendar of 201 characters', { calendar: 'x'.repeat(201) }, 'deadlines.calendar'],
  ])('refuses %s', (_name, change, path) => {
    const payload = notice()
    const checked = permanentExclusionSchema.safeParse({ ...payload, deadlines: { ...payload.deadlines, ...change } })
    expect(checked.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path])
  })
})
