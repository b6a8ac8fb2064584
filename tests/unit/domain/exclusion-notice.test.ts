import { describe, expect, it } from 'vitest'
import { earlierRecords, emptySuspension, suspensionPayload, thisSuspension, type SuspensionDraft } from '../../../src/domain/exclusion-notice'
import { currentStep, emptyPermanentExclusion, outcomePayload, permanentExclusionPayload, type PermanentExclusionDraft } from '../../../src/domain/permanent-exclusion'
import { permanentExclusionSchema, suspensionSchema } from '../../../src/domain/submissions'

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
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(suspensionSchema.safeParse(result.payload).success).toBe(true)
    expect(result.payload).toMatchObject({ length: { unit: 'sessions', amount: 3 }, parentsNotified: { at: '2026-11-05T09:05:00+01:00' }, reasons: { codes: ['PA', 'DB'] } })
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

  it('counts this suspension and complete earlier rows towards the totals', () => {
    const draft = suspension()
    draft.earlierSuspensions = [{ startDate: date('2026-10-01'), days: '2' }, { startDate: date('2026-10-08'), days: '' }]
    expect(thisSuspension(draft)).toEqual({ startDate: '2026-11-05', days: 1.5 })
    expect(earlierRecords(draft)).toEqual([{ startDate: '2026-10-01', days: 2 }])
  })
})

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
    const result = permanentExclusionPayload(exclusion(), referrer, 'census-2024', offset)
    expect(result.ok && permanentExclusionSchema.safeParse(result.payload).success).toBe(true)
  })

  it('needs who was spoken to at the duty desk and the SEIP', () => {
    const draft = exclusion()
    draft.dutyDeskCall.spokeTo = ''
    draft.seipContact.who = ''
    const result = permanentExclusionPayload(draft, referrer, 'census-2024', offset)
    expect(!result.ok && result.problems.map((problem) => problem.field)).toEqual(['dutyDeskSpokeTo', 'seipWho'])
  })

  it('needs the alternative outcome when rescinded', () => {
    const draft = exclusion()
    draft.outcome = { result: 'rescinded', alternativeOutcome: '', decidedOn: date('2026-11-20'), boardDecision: { day: '', month: '', year: '' } }
    expect(outcomePayload(draft)).toEqual({ ok: false, problems: [{ field: 'alternativeOutcome', message: 'Enter the alternative outcome' }] })
    draft.outcome.alternativeOutcome = 'A managed move'
    expect(outcomePayload(draft)).toEqual({ ok: true, payload: { outcome: 'rescinded', alternativeOutcome: 'A managed move', decidedOn: '2026-11-20' } })
  })
})
