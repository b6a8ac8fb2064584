import { describe, expect, it } from 'vitest'
import { formatLongDate } from '../../../src/domain/dates'
import {
  CASE_STEP_LABELS, CASE_STEPS, caseState, deviceProgress, isCaseStep, stepDetailsFromForm, stepProblems, taskStatus,
  type CaseStep, type RecordedStep, type StepDetails,
} from '../../../src/domain/exclusion-case'

/*
 * One permanent exclusion, worked by hand. The head phones the duty desk on Wednesday
 * 2 December 2026, the day the exclusion starts, and continues with it that evening. Counting
 * weekdays (no term dates here), the 6th school day is Wednesday 9 December 2026:
 * Wed 2, Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
 */
const TODAY = '2026-12-04'

let minute = 0
const NINE_AM = Date.UTC(2026, 11, 2, 9)
/** A record of a step, each one a minute after the last (from 9am on Wednesday 2 December 2026) unless told when. */
function record<Step extends CaseStep>(step: Step, details: StepDetails[Step], recordedAt?: string): RecordedStep {
  minute += 1
  return { step, details, recordedBy: 'officer-1', recordedAt: recordedAt ?? new Date(NINE_AM + minute * 60_000).toISOString() } as RecordedStep
}

const call = () => record('duty-desk-call', { at: '2026-12-02' })
const seip = () => record('seip-involved', { on: '2026-12-02', who: 'Pat from the North SEIP' })
const continues = () => record('school-decision', { decision: 'continue', on: '2026-12-02' })
const withdraws = () => record('school-decision', { decision: 'withdraw', on: '2026-12-02' })
const confirmed = () => record('decision-confirmed', { on: '2026-12-03' })
const upheld = () => record('outcome', { outcome: 'upheld', on: '2026-12-03' })
const rescinded = () => record('outcome', { outcome: 'rescinded', on: '2026-12-03', alternativeOutcome: 'A managed move to Oak Academy' })
const education = () => record('education-in-place', { provider: 'Oakfield Short Stay School', startDate: '2026-12-09' })
const chair = () => record('chair-notified', { on: '2026-12-04' })
const gds = () => record('gds-told', { on: '2026-12-04' })

const BEFORE_DECISION: CaseStep[] = ['duty-desk-call', 'seip-involved', 'school-decision']
const AFTER_CONTINUE: CaseStep[] = [...BEFORE_DECISION, 'decision-confirmed', 'outcome', 'education-in-place']

describe('the steps', () => {
  it('are in the seed’s order, each with a label', () => {
    expect(CASE_STEPS).toEqual(['duty-desk-call', 'seip-involved', 'school-decision', 'decision-confirmed', 'outcome', 'education-in-place', 'chair-notified', 'gds-told'])
    expect(Object.keys(CASE_STEP_LABELS)).toEqual([...CASE_STEPS])
    expect(CASE_STEPS.every(isCaseStep)).toBe(true)
    expect([isCaseStep('outcomes'), isCaseStep(undefined)]).toEqual([false, false])
  })
})

describe('caseState', () => {
  it.each<[string, () => RecordedStep[], string, CaseStep[]]>([
    ['nothing recorded', () => [], 'open', BEFORE_DECISION],
    ['the call and the SEIP (each may be corrected)', () => [call(), seip()], 'open', BEFORE_DECISION],
    ['the school continues', () => [call(), continues()], 'open', AFTER_CONTINUE],
    ['continues, upheld', () => [call(), continues(), upheld()], 'open', [...CASE_STEPS]],
    ['upheld, education and chair but not GDS', () => [continues(), upheld(), education(), chair()], 'open', [...CASE_STEPS]],
    ['upheld, education, chair and GDS', () => [continues(), upheld(), education(), chair(), gds()], 'complete', [...CASE_STEPS]],
    ['the school withdraws: only its decision and its confirmation, and corrections', () => [call(), withdraws()], 'withdrawn', ['duty-desk-call', 'school-decision', 'decision-confirmed']],
    ['rescinded: no education, chair or GDS', () => [continues(), rescinded()], 'rescinded', ['school-decision', 'decision-confirmed', 'outcome']],
    ['rescinded after education was arranged: it stays, correctable', () => [continues(), education(), rescinded()], 'rescinded', ['school-decision', 'decision-confirmed', 'outcome', 'education-in-place']],
  ])('%s → %s', (_name, steps, status, available) => {
    const state = caseState(steps())
    expect(state.status).toBe(status)
    expect(state.available).toEqual(available)
  })

  it('keeps the latest record of each step as done', () => {
    const first = record('duty-desk-call', { at: '2026-12-01' })
    const corrected = record('duty-desk-call', { at: '2026-12-02' })
    expect(caseState([first, corrected]).done['duty-desk-call']).toBe(corrected)
  })

  it.each<[string, () => RecordedStep[], string]>([
    ['withdrawn, then corrected to continue', () => [withdraws(), continues()], 'open'],
    ['continuing, then corrected to withdrawn', () => [continues(), upheld(), withdraws()], 'withdrawn'],
    ['rescinded, then corrected to upheld', () => [continues(), rescinded(), upheld()], 'open'],
    ['upheld and complete, then corrected to rescinded', () => [continues(), upheld(), education(), chair(), gds(), rescinded()], 'rescinded'],
  ])('a correction wins: %s → %s', (_name, steps, status) => {
    expect(caseState(steps()).status).toBe(status)
  })

  it('drops from done what a correction rules out, and brings it back if corrected again', () => {
    const steps = [continues(), upheld(), chair(), gds(), rescinded()]
    expect(Object.keys(caseState(steps).done)).toEqual(['school-decision', 'outcome'])
    expect(Object.keys(caseState([...steps, upheld()]).done)).toEqual(['school-decision', 'outcome', 'chair-notified', 'gds-told'])
  })

  it('orders records by when they were recorded, offsets included, and by the order given when two share a moment', () => {
    // 17:00 UTC is after 17:30 at +01:00 (16:30 UTC), though the text sorts the other way.
    const late = record('school-decision', { decision: 'withdraw', on: '2026-12-02' }, '2026-12-02T17:00:00+00:00')
    const early = record('school-decision', { decision: 'continue', on: '2026-12-02' }, '2026-12-02T17:30:00+01:00')
    expect(caseState([late, early]).status).toBe('withdrawn')
    const same = '2026-12-02T17:00:00+00:00'
    expect(caseState([record('school-decision', { decision: 'continue', on: '2026-12-02' }, same), record('school-decision', { decision: 'withdraw', on: '2026-12-02' }, same)]).status).toBe('withdrawn')
  })
})

describe('taskStatus', () => {
  const statuses = (steps: RecordedStep[]) => {
    const state = caseState(steps)
    return Object.fromEntries(CASE_STEPS.map((step) => [step, taskStatus(step, state)]))
  }

  it.each<[string, () => RecordedStep[], Record<CaseStep, string>]>([
    ['a new case', () => [], {
      'duty-desk-call': 'not-yet-started', 'seip-involved': 'not-yet-started', 'school-decision': 'not-yet-started', 'decision-confirmed': 'cannot-start-yet',
      outcome: 'cannot-start-yet', 'education-in-place': 'cannot-start-yet', 'chair-notified': 'cannot-start-yet', 'gds-told': 'cannot-start-yet',
    }],
    ['continuing, outcome not yet known', () => [call(), continues()], {
      'duty-desk-call': 'completed', 'seip-involved': 'not-yet-started', 'school-decision': 'completed', 'decision-confirmed': 'not-yet-started',
      outcome: 'not-yet-started', 'education-in-place': 'not-yet-started', 'chair-notified': 'cannot-start-yet', 'gds-told': 'cannot-start-yet',
    }],
    ['upheld', () => [call(), seip(), continues(), confirmed(), upheld(), education()], {
      'duty-desk-call': 'completed', 'seip-involved': 'completed', 'school-decision': 'completed', 'decision-confirmed': 'completed',
      outcome: 'completed', 'education-in-place': 'completed', 'chair-notified': 'not-yet-started', 'gds-told': 'not-yet-started',
    }],
    ['withdrawn', () => [call(), withdraws()], {
      'duty-desk-call': 'completed', 'seip-involved': 'not-applicable', 'school-decision': 'completed', 'decision-confirmed': 'not-yet-started',
      outcome: 'not-applicable', 'education-in-place': 'not-applicable', 'chair-notified': 'not-applicable', 'gds-told': 'not-applicable',
    }],
    ['rescinded', () => [call(), seip(), continues(), confirmed(), rescinded()], {
      'duty-desk-call': 'completed', 'seip-involved': 'completed', 'school-decision': 'completed', 'decision-confirmed': 'completed',
      outcome: 'completed', 'education-in-place': 'not-applicable', 'chair-notified': 'not-applicable', 'gds-told': 'not-applicable',
    }],
  ])('%s', (_name, steps, expected) => {
    expect(statuses(steps())).toEqual(expected)
  })
})

describe('stepProblems: whether a step may be recorded now', () => {
  it.each<[CaseStep, () => RecordedStep[], string]>([
    ['decision-confirmed', () => [call()], 'Record the school’s decision first'],
    ['outcome', () => [call(), seip()], 'Record the school’s decision first'],
    ['education-in-place', () => [], 'Record the school’s decision first'],
    ['chair-notified', () => [], 'Record the school’s decision first'],
    ['chair-notified', () => [continues()], 'Record the outcome first'],
    ['gds-told', () => [continues()], 'Record the outcome first'],
    ['chair-notified', () => [continues(), rescinded()], 'Only an upheld exclusion has its chair of governors notified'],
    ['gds-told', () => [continues(), rescinded()], 'Only an upheld exclusion has the Governor Development Service told'],
    ['outcome', () => [withdraws()], 'The school withdrew this exclusion: no further steps'],
    ['education-in-place', () => [withdraws()], 'The school withdrew this exclusion: no further steps'],
    ['chair-notified', () => [continues(), upheld(), withdraws()], 'The school withdrew this exclusion: no further steps'],
    ['seip-involved', () => [withdraws()], 'The school withdrew this exclusion: no further steps'],
    ['education-in-place', () => [continues(), rescinded()], 'The exclusion was rescinded: no further steps'],
    ['duty-desk-call', () => [continues(), rescinded()], 'The exclusion was rescinded: no further steps'],
  ])('%s after %#: %s', (step, steps, message) => {
    expect(stepProblems(step, {}, steps())).toEqual([{ path: '(step)', message }])
  })

  it.each<[CaseStep, () => RecordedStep[], unknown]>([
    ['school-decision', () => [withdraws()], { decision: 'continue', on: '2026-12-02' }],
    ['decision-confirmed', () => [withdraws()], { on: '2026-12-03' }],
    ['duty-desk-call', () => [call(), withdraws()], { at: '2026-12-01' }],
    ['outcome', () => [continues(), rescinded()], { outcome: 'upheld', on: '2026-12-03' }],
    ['chair-notified', () => [continues(), upheld(), education(), chair(), gds()], { on: '2026-12-03' }],
  ])('lets %s be corrected after %#', (step, steps, details) => {
    expect(stepProblems(step, details, steps())).toEqual([])
  })
})

describe('stepProblems: the details', () => {
  const open = () => [call(), continues(), upheld()]
  it.each<[string, CaseStep, unknown, { path: string; message: string }[]]>([
    ['a good call', 'duty-desk-call', { at: '2026-12-02' }, []],
    ['no date', 'duty-desk-call', {}, [{ path: 'at', message: 'Enter the date the call was received' }]],
    ['an empty date', 'chair-notified', { on: '' }, [{ path: 'on', message: 'Enter the date the chair of governors was notified' }]],
    ['31 February', 'gds-told', { on: '2027-02-31' }, [{ path: 'on', message: 'Enter a real date' }]],
    ['a date in another format', 'decision-confirmed', { on: '3/12/2026' }, [{ path: 'on', message: 'Enter a real date' }]],
    ['no SEIP contact named', 'seip-involved', { on: '2026-12-02', who: '  ' }, [{ path: 'who', message: 'Enter who was involved at the SEIP' }]],
    ['201 characters', 'seip-involved', { on: '2026-12-02', who: 'x'.repeat(201) }, [{ path: 'who', message: 'Who was involved must be 200 characters or fewer' }]],
    ['no decision', 'school-decision', { on: '2026-12-02' }, [{ path: 'decision', message: 'Select whether the school is continuing with the exclusion or withdrawing it' }]],
    ['rescinded without the alternative', 'outcome', { outcome: 'rescinded', on: '2026-12-03' }, [{ path: 'alternativeOutcome', message: 'Enter the alternative outcome' }]],
    ['rescinded on 30 February, without the alternative: both at once', 'outcome', { outcome: 'rescinded', on: '2026-02-30' }, [
      { path: 'on', message: 'Enter a real date' },
      { path: 'alternativeOutcome', message: 'Enter the alternative outcome' },
    ]],
    ['upheld with an alternative', 'outcome', { outcome: 'upheld', on: '2026-12-03', alternativeOutcome: 'A managed move' }, [{ path: 'alternativeOutcome', message: 'An upheld exclusion has no alternative outcome' }]],
    ['an alternative of 20,001 characters', 'outcome', { outcome: 'rescinded', on: '2026-12-03', alternativeOutcome: 'x'.repeat(20_001) }, [{ path: 'alternativeOutcome', message: 'The alternative outcome must be 20,000 characters or fewer' }]],
    ['no provider', 'education-in-place', { startDate: '2026-12-09' }, [{ path: 'provider', message: 'Enter who provides the education' }]],
    ['not an object', 'gds-told', '2026-12-04', [{ path: '(body)', message: 'Send the details of the step' }]],
  ])('%s', (_name, step, details, problems) => {
    expect(stepProblems(step, details, open(), TODAY)).toEqual(problems)
  })

  it.each<[CaseStep, unknown, { path: string; message: string }[]]>([
    ['chair-notified', { on: '2026-12-04' }, []],
    ['chair-notified', { on: '2026-12-05' }, [{ path: 'on', message: 'Date the chair of governors was notified must be today or in the past' }]],
    ['duty-desk-call', { at: '2027-01-01' }, [{ path: 'at', message: 'Date the call was received must be today or in the past' }]],
    ['education-in-place', { provider: 'Oakfield Short Stay School', startDate: '2026-12-09' }, []],
  ])('against today, Friday 4 December 2026: %s %o', (step, details, problems) => {
    expect(stepProblems(step, details, [call(), continues(), upheld()], TODAY)).toEqual(problems)
  })

  it('checks no date against today when today is not given', () => {
    expect(stepProblems('gds-told', { on: '2027-01-01' }, [continues(), upheld()])).toEqual([])
  })
})

describe('stepDetailsFromForm', () => {
  const date = (field: string, day: string, month: string, year: string) => ({ [`${field}-day`]: day, [`${field}-month`]: month, [`${field}-year`]: year })

  it.each<[string, CaseStep, Record<string, string>, unknown]>([
    ['the call', 'duty-desk-call', date('at', '2', '12', '2026'), { details: { at: '2026-12-02' } }],
    ['a month by name', 'duty-desk-call', date('at', '2', 'Dec', '2026'), { details: { at: '2026-12-02' } }],
    ['the SEIP, trimmed', 'seip-involved', { ...date('on', '2', '12', '2026'), who: '  Pat  ' }, { details: { on: '2026-12-02', who: 'Pat' } }],
    ['withdrawn', 'school-decision', { ...date('on', '2', '12', '2026'), decision: 'withdraw' }, { details: { decision: 'withdraw', on: '2026-12-02' } }],
    ['rescinded', 'outcome', { ...date('on', '3', '12', '2026'), outcome: 'rescinded', alternativeOutcome: 'A managed move' }, { details: { outcome: 'rescinded', on: '2026-12-03', alternativeOutcome: 'A managed move' } }],
    ['upheld, with text left in the hidden alternative box', 'outcome', { ...date('on', '3', '12', '2026'), outcome: 'upheld', alternativeOutcome: 'typed, then hidden' }, { details: { outcome: 'upheld', on: '2026-12-03' } }],
    ['education from next Wednesday', 'education-in-place', { ...date('startDate', '9', '12', '2026'), provider: 'Oakfield Short Stay School' }, { details: { provider: 'Oakfield Short Stay School', startDate: '2026-12-09' } }],
  ])('reads %s', (_name, step, form, expected) => {
    expect(stepDetailsFromForm(step, form, TODAY)).toEqual(expected)
  })

  it.each<[string, CaseStep, Record<string, string>, { path: string; message: string }[]]>([
    ['nothing', 'duty-desk-call', {}, [{ path: 'at-day', message: 'Enter the date the call was received' }]],
    ['empty boxes', 'gds-told', date('on', ' ', '', ''), [{ path: 'on-day', message: 'Enter the date the Governor Development Service was told' }]],
    ['no month', 'duty-desk-call', date('at', '2', '', '2026'), [{ path: 'at-month', message: 'Date the call was received must include a month' }]],
    ['31 February', 'decision-confirmed', date('on', '31', '2', '2027'), [{ path: 'on-day', message: 'Date the decision was confirmed must be a real date' }]],
    ['a two-digit year', 'chair-notified', date('on', '4', '12', '26'), [{ path: 'on-year', message: 'Year must include 4 numbers' }]],
    ['tomorrow', 'chair-notified', date('on', '5', '12', '2026'), [{ path: 'on-day', message: 'Date the chair of governors was notified must be today or in the past' }]],
    ['nothing chosen or typed', 'school-decision', {}, [
      { path: 'decision', message: 'Select whether the school is continuing with the exclusion or withdrawing it' },
      { path: 'on-day', message: 'Enter the date of the school’s decision' },
    ]],
    ['a decision not offered', 'school-decision', { ...date('on', '2', '12', '2026'), decision: 'maybe' }, [{ path: 'decision', message: 'Select whether the school is continuing with the exclusion or withdrawing it' }]],
    ['rescinded without the alternative, and a bad date', 'outcome', { ...date('on', '30', '2', '2026'), outcome: 'rescinded', alternativeOutcome: ' ' }, [
      { path: 'on-day', message: 'Date of the outcome must be a real date' },
      { path: 'alternativeOutcome', message: 'Enter the alternative outcome' },
    ]],
    ['no provider, a long one refused', 'education-in-place', { ...date('startDate', '9', '12', '2026'), provider: 'x'.repeat(201) }, [{ path: 'provider', message: 'The provider must be 200 characters or fewer' }]],
    ['no one named at the SEIP', 'seip-involved', date('on', '2', '12', '2026'), [{ path: 'who', message: 'Enter who was involved at the SEIP' }]],
    ['a field sent twice', 'seip-involved', { ...date('on', '2', '12', '2026'), who: ['Pat', 'Sam'] as unknown as string }, [{ path: 'who', message: 'Enter who was involved at the SEIP' }]],
  ])('explains %s', (_name, step, form, problems) => {
    expect(stepDetailsFromForm(step, form, TODAY)).toEqual({ problems })
  })
})

describe('deviceProgress', () => {
  const progress = (steps: RecordedStep[]) => deviceProgress(steps, formatLongDate)

  it('says each step done in plain words, with dates', () => {
    expect(progress([call(), seip(), continues(), confirmed(), upheld(), education(), chair(), gds()])).toEqual([
      'The Inclusion Service has received your call to the duty desk',
      'Your area SEIP is involved',
      'The Inclusion Service has noted that you are continuing with the permanent exclusion',
      'Your decision was confirmed by secure email on 3 December 2026',
      'The Inclusion Service has recorded the permanent exclusion as upheld',
      'Education is arranged from 9 December 2026',
      'The chair of governors has been formally notified on 4 December 2026',
      'The Governor Development Service has been told',
    ])
  })

  it.each<[string, () => RecordedStep[], string[]]>([
    ['nothing yet', () => [], []],
    ['withdrawn', () => [call(), withdraws()], ['The Inclusion Service has received your call to the duty desk', 'The Inclusion Service has noted that you withdrew the permanent exclusion']],
    ['rescinded, after the chair was told of an upheld one', () => [continues(), upheld(), chair(), rescinded()], [
      'The Inclusion Service has noted that you are continuing with the permanent exclusion',
      'The Inclusion Service has recorded the permanent exclusion as rescinded',
    ]],
    ['a corrected start of education', () => [continues(), education(), record('education-in-place', { provider: 'Another provider', startDate: '2026-12-10' })], [
      'The Inclusion Service has noted that you are continuing with the permanent exclusion',
      'Education is arranged from 10 December 2026',
    ]],
  ])('%s', (_name, steps, lines) => {
    expect(progress(steps())).toEqual(lines)
  })

  it('never carries what an officer typed: the device keeps it unencrypted', () => {
    const steps = [call(), seip(), continues(), education(), rescinded()]
    const text = progress(steps).join('\n')
    for (const typed of ['Pat from the North SEIP', 'Oakfield Short Stay School', 'A managed move to Oak Academy', 'officer-1']) expect(text).not.toContain(typed)
  })
})
