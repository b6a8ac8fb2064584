import { describe, expect, it } from 'vitest'
import { caseLabel, emptyForumCase, forumCasePayload, problemTarget, reReferralFrom, sectionProblems, sectionsFor, sectionStatus, type ForumCaseDraft } from '../../../src/domain/forum-case'
import { forumCaseSchema } from '../../../src/domain/submissions'

const referrer = { name: 'Sam SENCO', jobTitle: 'SENCO', settingName: 'Ashby Primary', phone: '', email: '' }

function namedCase(): ForumCaseDraft {
  const draft = emptyForumCase('primary')
  draft.caseType = 'named'
  draft.yearGroup = 'year-4'
  draft.child = { name: 'Alex Child', dateOfBirth: { day: '5', month: '5', year: '2017' }, upn: 'a12345678901b' }
  draft.consent = { givenBy: 'Pat Parent', relationship: 'Mother', date: { day: '10', month: '11', year: '2026' }, how: 'in-person' }
  draft.behaviourInSetting = 'Leaves the classroom several times a day.'
  draft.attendance = { percentage: '91.5%', factors: 'Medical appointments' }
  draft.strategies = [{ description: 'Movement breaks', started: { day: '8', month: '9', year: '2026' }, impact: 'Fewer incidents' }]
  draft.adviceWanted = ['best-endeavours', 'staff-training']
  return draft
}

const problemsOf = (draft: ForumCaseDraft) => {
  const result = forumCasePayload(draft, referrer)
  return result.ok ? [] : result.problems.map((problem) => `${problem.field}: ${problem.message}`)
}

describe('forumCasePayload', () => {
  it('builds a payload the service accepts from a complete named case', () => {
    const result = forumCasePayload(namedCase(), referrer)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(forumCaseSchema.safeParse(result.payload).success).toBe(true)
    expect(result.payload).toMatchObject({
      child: { name: 'Alex Child', dateOfBirth: '2017-05-05', upn: 'A12345678901B' },
      consent: { date: '2026-11-10', how: 'in-person' },
      sections: { attendance: { percentageThisYear: 91.5 }, strategies: [{ started: '2026-09-08' }] },
    })
  })

  it('will not send a named case without consent', () => {
    const draft = namedCase()
    draft.consent = { givenBy: '', relationship: '', date: { day: '', month: '', year: '' }, how: '' }
    expect(problemsOf(draft)).toEqual([
      'consentGivenBy: Enter who gave consent',
      'consentRelationship: Enter their relationship to the child',
      'consentDate: Enter the date consent was given',
      'consentHow: Select how consent was given',
    ])
  })

  it('leaves the name, date of birth and UPN out of an anonymous case, even if they were typed before', () => {
    const draft = namedCase()
    draft.caseType = 'anonymous'
    const result = forumCasePayload(draft, referrer)
    expect(result.ok && JSON.stringify(result.payload)).not.toMatch(/Alex Child|2017-05-05|A12345678901B|Pat Parent/)
  })

  it('and the service refuses an anonymous case that carries them', () => {
    const result = forumCasePayload(namedCase(), referrer)
    if (!result.ok) throw new Error('expected a payload')
    expect(forumCaseSchema.safeParse({ ...result.payload, caseType: 'anonymous' }).success).toBe(false)
  })

  it('will not send a re-referral without the plan updated action by action', () => {
    const draft = namedCase()
    draft.reReferral = { previousCaseId: 'earlier', planUpdates: [], additionalNeeds: '' }
    expect(problemsOf(draft)).toEqual(['planUpdates: List the actions from the last education plan'])
    draft.reReferral.planUpdates = [{ action: 'Visual timetable', status: '', notes: '' }]
    expect(problemsOf(draft)).toEqual(['plan-0-status: Say how far action 1 has got'])
    draft.reReferral.planUpdates[0]!.status = 'done'
    expect(problemsOf(draft)).toEqual([])
  })

  it.each([
    ['no advice chosen', (draft: ForumCaseDraft) => (draft.adviceWanted = []), 'adviceWanted: Select at least one area of advice'],
    ['an impossible attendance', (draft: ForumCaseDraft) => (draft.attendance.percentage = '120'), 'attendancePercentage: Attendance must be a percentage from 0 to 100, like 91.5'],
    ['a half-typed date of birth', (draft: ForumCaseDraft) => (draft.child.dateOfBirth = { day: '5', month: '', year: '' }), 'childDateOfBirth: Date of birth must include a month and year'],
    ['a strategy with no description', (draft: ForumCaseDraft) => (draft.strategies[0]!.description = ''), 'strategy-0-description: Describe strategy 1'],
  ])('explains %s', (_name, change, message) => {
    const draft = namedCase()
    change(draft)
    expect(problemsOf(draft)).toEqual([message])
  })

  it('needs to know who the case is from', () => {
    expect(forumCasePayload(namedCase(), undefined)).toMatchObject({ ok: false, problems: [{ field: 'referrer' }] })
  })
})

describe('the task list', () => {
  it('shows consent only for a named case, and the plan update only for a re-referral', () => {
    const draft = namedCase()
    expect(sectionsFor(draft).map((section) => section.id)).toContain('consent')
    expect(sectionsFor(draft).map((section) => section.id)).not.toContain('re-referral')
    draft.caseType = 'anonymous'
    expect(sectionsFor(draft).map((section) => section.id)).not.toContain('consent')
  })

  it.each([
    ['behaviour', 'completed'], ['outside', 'not-started'], ['attendance', 'completed'], ['strategies', 'completed'], ['advice', 'completed'], ['about', 'completed'], ['consent', 'completed'],
  ] as const)('%s is %s', (section, status) => {
    expect(sectionStatus(namedCase(), section)).toBe(status)
  })

  it('is in progress when some answers are there', () => {
    const draft = namedCase()
    draft.attendance.factors = ''
    expect(sectionStatus(draft, 'attendance')).toBe('in-progress')
  })
})

describe('re-referral and labels', () => {
  it('carries the child over and lists the last plan’s actions to update', () => {
    const previous = namedCase()
    previous.educationPlan = [{ action: 'Visual timetable', who: 'Class teacher', reviewDate: { day: '', month: '', year: '' } }, { action: ' ', who: '', reviewDate: { day: '', month: '', year: '' } }]
    const next = reReferralFrom(previous, 'case-1')
    expect(next.child.name).toBe('Alex Child')
    expect(next.consent.givenBy).toBe('')
    expect(next.reReferral).toEqual({ previousCaseId: 'case-1', planUpdates: [{ action: 'Visual timetable', status: '', notes: '' }], additionalNeeds: '' })
  })

  it('labels a case without naming the child', () => {
    expect(caseLabel(namedCase(), 'Primary inclusion forum')).toBe('Forum case: Primary inclusion forum, named')
  })
})

describe('who the case is from', () => {
  it('must be details the service will accept', () => {
    const result = forumCasePayload(emptyForumCase(), { ...referrer, email: 'not an email' })
    expect(!result.ok && result.problems.filter((problem) => problem.field === 'referrer').map((problem) => problem.message)).toEqual([
      'Check your details in Settings: Enter an email address in the correct format, like name@example.com',
    ])
  })
})

describe('sectionProblems', () => {
  it('gives a section page the problems check-your-answers finds in its fields, and never the sender’s', () => {
    const draft = namedCase()
    draft.consent.relationship = ''
    draft.consent.date = { day: '10', month: '', year: '' }
    draft.adviceWanted = []
    expect(sectionProblems(draft, 'consent').map((problem) => [problemTarget(problem), problem.message])).toEqual([
      ['consentDate-month', 'Date consent was given must include a month and year'],
      ['consentRelationship', 'Enter their relationship to the child'],
    ])
    expect(sectionProblems(draft, 'about')).toEqual([])
    expect(sectionProblems(namedCase(), 'consent')).toEqual([])
  })

  it('points a UPN in the wrong format at the UPN field', () => {
    const draft = namedCase()
    draft.child.upn = 'A123'
    expect(sectionProblems(draft, 'about').map((problem) => problem.field)).toEqual(['childUpn'])
  })
})
