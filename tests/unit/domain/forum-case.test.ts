import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import {
  caseLabel,
  checkRows,
  emptyForumCase,
  forumCasePayload,
  problemTarget,
  reReferralFrom,
  reviewDue,
  sectionProblems,
  sectionsFor,
  sectionStatus,
  taskList,
  withIssuedPlan,
  type ForumCaseDraft,
  type PlanProgress,
  type PlanUpdate,
} from '../../../src/domain/forum-case'
import { CASE_SECTION_IDS, caseRoutePattern } from '../../../src/domain/case-section-ids'
import { CASE_SECTIONS, type CaseSection } from '../../../src/domain/forum-case-sections'
import { forumCaseSchema, type EducationPlanRecord } from '../../../src/domain/submissions'
import { WORRIES_SECTION } from './extra-section'

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
    expect(result.payload).toEqual({
      forum: 'primary',
      caseType: 'named',
      yearGroup: 'year-4',
      child: { name: 'Alex Child', dateOfBirth: '2017-05-05', upn: 'A12345678901B' },
      consent: { givenBy: 'Pat Parent', relationship: 'Mother', date: '2026-11-10', how: 'in-person' },
      sections: {
        behaviourInSetting: 'Leaves the classroom several times a day.',
        attendance: { percentageThisYear: 91.5, factors: 'Medical appointments' },
        strategies: [{ description: 'Movement breaks', started: '2026-09-08', impact: 'Fewer incidents' }],
      },
      adviceWanted: ['best-endeavours', 'staff-training'],
      referrer: { name: 'Sam SENCO', jobTitle: 'SENCO' },
    })
  })

  it('sends answers trimmed, leaves out empty ones and strategies left blank, and carries a re-referral’s plan', () => {
    const draft = namedCase()
    draft.child.upn = ''
    draft.behaviourInSetting = '  Leaves the classroom.  '
    draft.attendance = { percentage: '', factors: ' ' }
    draft.strategies = [{ description: '', started: { day: '', month: '', year: '' }, impact: '' }, { description: ' Breaks ', started: { day: '', month: '', year: '' }, impact: '' }]
    draft.reReferral = { previousCaseId: 'earlier', planUpdates: [{ action: ' Visual timetable ', status: 'in-progress', notes: '' }], additionalNeeds: ' Sleep ' }
    const result = forumCasePayload(draft, referrer)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.payload.child).toEqual({ name: 'Alex Child', dateOfBirth: '2017-05-05' })
    expect(result.payload.sections).toEqual({ behaviourInSetting: 'Leaves the classroom.', attendance: {}, strategies: [{ description: 'Breaks' }] })
    expect(result.payload.reReferral).toEqual({ planUpdates: [{ action: 'Visual timetable', status: 'in-progress' }], additionalNeeds: 'Sleep' })
  })

  describe('a re-referral names the case it follows, by the reference the Inclusion Service gave it', () => {
    const reReferral = () => {
      const draft = namedCase()
      draft.caseType = 'anonymous'
      draft.reReferral = { previousCaseId: 'earlier', planUpdates: [{ action: 'Visual timetable', status: 'done', notes: '' }], additionalNeeds: '' }
      return draft
    }

    it('when this device sent that case', () => {
      const result = forumCasePayload(reReferral(), referrer, undefined, { previousReference: 'IC-000042' })
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      expect(result.payload.reReferral).toEqual({ planUpdates: [{ action: 'Visual timetable', status: 'done' }], previousReference: 'IC-000042' })
    })

    it('and leaves it out when it did not', () => {
      const result = forumCasePayload(reReferral(), referrer, undefined, {})
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      expect(result.payload.reReferral).toEqual({ planUpdates: [{ action: 'Visual timetable', status: 'done' }] })
    })

    it('never on a case that is not a re-referral', () => {
      const result = forumCasePayload(namedCase(), referrer, undefined, { previousReference: 'IC-000042' })
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      expect(result.payload.reReferral).toBeUndefined()
    })

    it.each([
      ['IC-000042', true],
      ['IC-1000000', true],
      ['IC-42', false],
      ['ic-000042', false],
      ['000042', false],
      ['IC-000042 ', false],
      ['IC-0000000000042', false],
    ])('the service takes %s as a reference: %s', (previousReference, valid) => {
      const result = forumCasePayload(reReferral(), referrer, undefined, {})
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      const sent = { ...result.payload, reReferral: { ...result.payload.reReferral!, previousReference } }
      expect(forumCaseSchema.safeParse(sent).success).toBe(valid)
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

  it('puts what only the schema finds against the field and section it is about', () => {
    const draft = namedCase()
    draft.consent.relationship = 'r'.repeat(101)
    draft.medicalNeeds = 'm'.repeat(20_001)
    draft.strategies = [{ description: '', started: { day: '', month: '', year: '' }, impact: '' }, { description: 's'.repeat(20_001), started: { day: '', month: '', year: '' }, impact: '' }]
    draft.reReferral = { previousCaseId: 'earlier', planUpdates: [{ action: 'a'.repeat(2_001), status: 'done', notes: '' }], additionalNeeds: '' }
    expect(forumCasePayload(draft, referrer)).toEqual({
      ok: false,
      problems: [
        { section: 'consent', field: 'consentRelationship', message: 'Their relationship to the child: at most 100 characters' },
        { section: 'medical', field: 'medicalNeeds', message: 'Medical needs: at most 20000 characters' },
        // The blank first strategy is not sent: the second is the one too long.
        { section: 'strategies', field: 'strategy-1-description', message: 'Strategy 2: at most 20000 characters' },
        { section: 're-referral', field: 'plan-0-action', message: 'Action 1: at most 2000 characters' },
      ],
    })
    // The section page shows the same, beside its own fields.
    expect(sectionProblems(draft, 'medical', undefined, referrer)).toEqual([{ section: 'medical', field: 'medicalNeeds', message: 'Medical needs: at most 20000 characters' }])
  })

  it('asks for each action of the last plan', () => {
    const draft = namedCase()
    draft.reReferral = { previousCaseId: 'earlier', planUpdates: [{ action: ' ', status: 'done', notes: '' }], additionalNeeds: '' }
    expect(sectionProblems(draft, 're-referral', undefined, referrer)).toEqual([
      { section: 're-referral', field: 'plan-0-action', message: 'Enter action 1 from the last education plan' },
    ])
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

  // Test data only: a made-up plan.
  const ISSUED_PLAN: EducationPlanRecord = {
    advice: ['best-endeavours'],
    actions: [
      { id: 'visual-timetable', action: 'Visual timetable in class', who: 'Class teacher', byWhen: '2027-02-12' },
      { id: 'movement-breaks', action: 'Movement breaks twice a morning', who: 'Teaching assistant', byWhen: '2027-03-05' },
    ],
    reviewDate: '2027-03-19',
    recordedAt: '2027-01-13T15:20:00.000Z',
  }
  const OWN_RECORD = [{ action: 'Own record of an action', who: 'SENCO', reviewDate: { day: '', month: '', year: '' } }]

  it.each<[string, Pick<ForumCaseDraft, 'issuedPlan' | 'planProgress' | 'educationPlan'>, PlanUpdate[]]>([
    [
      'starts from the plan the Inclusion Service issued, with the progress recorded on each action',
      { issuedPlan: ISSUED_PLAN, planProgress: { 'visual-timetable': { status: 'done', notes: 'In use every day' }, 'movement-breaks': { status: 'in-progress', notes: '' } }, educationPlan: OWN_RECORD },
      [
        { action: 'Visual timetable in class', status: 'done', notes: 'In use every day' },
        { action: 'Movement breaks twice a morning', status: 'in-progress', notes: '' },
      ],
    ],
    [
      'leaves an action with no progress recorded to be updated',
      { issuedPlan: ISSUED_PLAN, planProgress: { 'movement-breaks': { status: 'not-done', notes: 'No assistant this term' } }, educationPlan: [] },
      [
        { action: 'Visual timetable in class', status: '', notes: '' },
        { action: 'Movement breaks twice a morning', status: 'not-done', notes: 'No assistant this term' },
      ],
    ],
    [
      'reads an issued plan with no progress at all as not updated',
      { issuedPlan: ISSUED_PLAN, educationPlan: [] },
      [
        { action: 'Visual timetable in class', status: '', notes: '' },
        { action: 'Movement breaks twice a morning', status: '', notes: '' },
      ],
    ],
    ['starts from the setting’s own record of the plan when none was issued', { educationPlan: OWN_RECORD }, [{ action: 'Own record of an action', status: '', notes: '' }]],
    ['has nothing to update when there is no plan at all', { educationPlan: [] }, []],
  ])('%s', (_name, plan, planUpdates) => {
    const next = reReferralFrom(Object.assign(namedCase(), plan), 'case-1')
    expect(next.reReferral).toEqual({ previousCaseId: 'case-1', planUpdates, additionalNeeds: '' })
    // The new case has its own plan to come, and changing it leaves the earlier case as it was.
    expect([next.issuedPlan, next.planProgress, next.educationPlan]).toEqual([undefined, undefined, []])
  })

  it('gives a re-referral updates of its own: changing them leaves the earlier case’s progress as it was', () => {
    const previous = Object.assign(namedCase(), { issuedPlan: ISSUED_PLAN, planProgress: { 'visual-timetable': { status: 'done', notes: 'In use' } } })
    const next = reReferralFrom(previous, 'case-1')
    next.reReferral!.planUpdates[0]!.notes = 'Changed on the re-referral'
    expect(previous.planProgress['visual-timetable']).toEqual({ status: 'done', notes: 'In use' })
  })

  it.each<[string, Record<string, PlanProgress> | undefined, Record<string, PlanProgress>]>([
    ['a first plan: no progress yet', undefined, {}],
    [
      'a corrected plan: progress kept for the actions still in it, dropped for one taken out',
      { 'visual-timetable': { status: 'done', notes: '' }, 'quiet-space': { status: 'in-progress', notes: 'Room found' } },
      { 'visual-timetable': { status: 'done', notes: '' } },
    ],
  ])('takes the plan the Inclusion Service issued: %s', (_name, before, after) => {
    const draft = Object.assign(namedCase(), { planProgress: before })
    const next = withIssuedPlan(draft, ISSUED_PLAN)
    expect(next.issuedPlan).toEqual(ISSUED_PLAN)
    expect(next.planProgress).toEqual(after)
    expect(next.child.name).toBe('Alex Child')
  })

  it.each<[string, string, boolean]>([
    ['the day before the review date', '2027-03-18', false],
    ['on the review date', '2027-03-19', true],
    ['after the review date', '2027-04-01', true],
  ])('says whether a review is due %s (%s)', (_name, today, due) => {
    expect(reviewDue(ISSUED_PLAN, today)).toBe(due)
  })

  it('says no review is due without an issued plan', () => {
    expect(reviewDue(undefined, '2030-01-01')).toBe(false)
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

describe('the section table', () => {
  const sections = [...CASE_SECTIONS, WORRIES_SECTION]

  it('lists the same sections, in the same order, as the router gives addresses to', () => {
    expect(CASE_SECTIONS.map((section) => section.id)).toEqual(CASE_SECTION_IDS)
  })

  it('gives each section an address, and no other address', () => {
    const routerFor = (table: readonly CaseSection[]) =>
      createRouter({
        history: createMemoryHistory(),
        routes: [
          { path: caseRoutePattern(table.map((section) => section.id)), name: 'section', component: {} },
          { path: '/:other(.*)*', name: 'not-found', component: {} },
        ],
      })
    expect(routerFor(sections).resolve('/cases/case-1/worries')).toMatchObject({ name: 'section', params: { caseId: 'case-1', section: 'worries' } })
    expect(routerFor(sections).resolve('/cases/case-1/consent')).toMatchObject({ name: 'section', params: { caseId: 'case-1', section: 'consent' } })
    expect(routerFor(sections).resolve('/cases/case-1/nonsense').name).toBe('not-found')
    expect(routerFor(CASE_SECTIONS).resolve('/cases/case-1/worries').name).toBe('not-found')
  })

  it('puts a section added to the table on the task list, on check your answers and among the problems', () => {
    const draft = namedCase()
    expect(taskList(draft, sections).at(-1)).toEqual({ id: 'worries', title: 'Worries the child has shared', status: 'not-started' })
    expect(checkRows(draft, { forumName: () => undefined }, sections).at(-1)).toEqual({
      id: 'worries',
      title: 'Worries the child has shared',
      rows: [{ key: 'Answer', value: 'Not given', field: 'worries' }],
    })
    expect(forumCasePayload(draft, referrer, sections)).toEqual({
      ok: false,
      problems: [{ section: 'worries', field: 'worries', message: 'Enter the worries the child has shared' }],
    })

    WORRIES_SECTION.fields[0].value.set(draft, ' Being left out at lunch ')
    expect(taskList(draft, sections).at(-1)?.status).toBe('completed')
    expect(checkRows(draft, { forumName: () => undefined }, sections).at(-1)?.rows).toEqual([{ key: 'Answer', value: 'Being left out at lunch', field: 'worries' }])
    expect(sectionProblems(draft, 'worries', sections)).toEqual([])
  })

  it('shows the forum by the name the content gives it', () => {
    const rows = checkRows(namedCase(), { forumName: (id) => (id === 'primary' ? 'Primary inclusion forum' : undefined) })
    expect(rows[0]?.rows.slice(0, 3)).toEqual([
      { key: 'Forum', value: 'Primary inclusion forum', field: 'forum' },
      { key: 'Named or anonymous', value: 'Named', field: 'caseType' },
      { key: 'Year group', value: 'Year 4', field: 'yearGroup' },
    ])
  })
})
