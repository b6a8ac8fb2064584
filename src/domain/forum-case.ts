import { datePartId, parseDateParts, type DatePart, type DateParts } from './date-input'
import type { AdviceArea, ForumId } from './forums'
import type { YearGroup } from './school-year'
import { referrerPayload, referrerProblems, type StaffDetails } from './staff-details'
import { forumCaseSchema, upnSchema, type ForumCasePayload } from './submissions'

/**
 * A forum case as the user prepares it: every answer as typed, even half-finished, so that
 * nothing typed is lost. Turned into the submission payload (submissions.ts) only on submit.
 */
export interface Strategy {
  description: string
  started: DateParts
  impact: string
}

/** How far an action from the last plan has got: the schema's values, in the words the user picks from. */
export type PlanStatus = NonNullable<ForumCasePayload['reReferral']>['planUpdates'][number]['status']
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-done': 'Not done',
}

export interface PlanUpdate {
  action: string
  status: '' | PlanStatus
  notes: string
}

export interface PlanAction {
  action: string
  who: string
  reviewDate: DateParts
}

/**
 * How the parent or guardian gave consent: the schema's values, in the words the consent page
 * offers and check-your-answers (and so the printed case) repeats.
 */
export type ConsentMethod = NonNullable<ForumCasePayload['consent']>['how']
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  'in-person': 'In person',
  phone: 'By phone',
  letter: 'By letter or form',
  email: 'By email',
  other: 'Another way',
}

export interface ForumCaseDraft {
  forum: ForumId | ''
  caseType: 'named' | 'anonymous' | ''
  yearGroup: YearGroup | ''
  child: { name: string; dateOfBirth: DateParts; upn: string }
  consent: { givenBy: string; relationship: string; date: DateParts; how: '' | ConsentMethod }
  behaviourInSetting: string
  outsideFactors: string
  sendEvidence: string
  medicalNeeds: string
  attendance: { percentage: string; factors: string }
  strategies: Strategy[]
  suspectedNeeds: string
  environmentalFactorsAndAces: string
  otherConcerns: string
  adviceWanted: AdviceArea[]
  /** Present on a re-referral: the last forum's plan, action by action. */
  reReferral?: { previousCaseId: string; planUpdates: PlanUpdate[]; additionalNeeds: string }
  /** Recorded after the forum: the plan the setting left with. */
  educationPlan: PlanAction[]
}

const EMPTY_DATE: DateParts = { day: '', month: '', year: '' }

export function emptyForumCase(forum: ForumId | '' = ''): ForumCaseDraft {
  return {
    forum,
    caseType: '',
    yearGroup: '',
    child: { name: '', dateOfBirth: { ...EMPTY_DATE }, upn: '' },
    consent: { givenBy: '', relationship: '', date: { ...EMPTY_DATE }, how: '' },
    behaviourInSetting: '',
    outsideFactors: '',
    sendEvidence: '',
    medicalNeeds: '',
    attendance: { percentage: '', factors: '' },
    strategies: [],
    suspectedNeeds: '',
    environmentalFactorsAndAces: '',
    otherConcerns: '',
    adviceWanted: [],
    educationPlan: [],
  }
}

export const emptyStrategy = (): Strategy => ({ description: '', started: { ...EMPTY_DATE }, impact: '' })

export const CASE_SECTIONS = [
  { id: 'about', title: 'About the child' },
  { id: 'consent', title: 'Parental consent' },
  { id: 'behaviour', title: 'How the child behaves in the setting' },
  { id: 'outside', title: 'Factors from outside the setting' },
  { id: 'send', title: 'Evidence of SEND, including physical and mental health' },
  { id: 'medical', title: 'Medical needs' },
  { id: 'attendance', title: 'Attendance' },
  { id: 'strategies', title: 'Strategies and current support' },
  { id: 'suspected', title: 'Suspected needs being explored' },
  { id: 'environment', title: 'Environmental factors and adverse childhood experiences' },
  { id: 'other', title: 'Any other concerns' },
  { id: 'advice', title: 'The advice you want' },
  { id: 're-referral', title: 'Update on the last education plan' },
] as const
export type CaseSectionId = (typeof CASE_SECTIONS)[number]['id']

/** The sections this case has: consent only when named, the plan update only on a re-referral. */
export function sectionsFor(draft: ForumCaseDraft): (typeof CASE_SECTIONS)[number][] {
  return CASE_SECTIONS.filter(
    (section) => (section.id !== 'consent' || draft.caseType !== 'anonymous') && (section.id !== 're-referral' || draft.reReferral),
  )
}

export type SectionStatus = 'not-started' | 'in-progress' | 'completed'

const filled = (text: string) => text.trim() !== ''
const dateFilled = (date: DateParts) => Object.values(date).some(filled)

/** Answers present against answers needed, for the task list. */
function sectionProgress(draft: ForumCaseDraft, section: CaseSectionId): [answered: number, needed: number] {
  const count = (values: boolean[]) => [values.filter(Boolean).length, values.length] as [number, number]
  switch (section) {
    case 'about':
      return draft.caseType === 'named'
        ? count([filled(draft.forum), true, filled(draft.yearGroup), filled(draft.child.name), dateFilled(draft.child.dateOfBirth)])
        : count([filled(draft.forum), filled(draft.caseType), filled(draft.yearGroup)])
    case 'consent':
      return count([filled(draft.consent.givenBy), filled(draft.consent.relationship), dateFilled(draft.consent.date), filled(draft.consent.how)])
    case 'behaviour': return count([filled(draft.behaviourInSetting)])
    case 'outside': return count([filled(draft.outsideFactors)])
    case 'send': return count([filled(draft.sendEvidence)])
    case 'medical': return count([filled(draft.medicalNeeds)])
    case 'attendance': return count([filled(draft.attendance.percentage), filled(draft.attendance.factors)])
    case 'strategies': return draft.strategies.length === 0 ? [0, 1] : count(draft.strategies.map((strategy) => filled(strategy.description) && filled(strategy.impact)))
    case 'suspected': return count([filled(draft.suspectedNeeds)])
    case 'environment': return count([filled(draft.environmentalFactorsAndAces)])
    case 'other': return count([filled(draft.otherConcerns)])
    case 'advice': return count([draft.adviceWanted.length > 0])
    case 're-referral': {
      const updates = draft.reReferral?.planUpdates ?? []
      return updates.length === 0 ? [0, 1] : count(updates.map((update) => filled(update.status)))
    }
  }
}

export function sectionStatus(draft: ForumCaseDraft, section: CaseSectionId): SectionStatus {
  const [answered, needed] = sectionProgress(draft, section)
  if (answered === 0) return 'not-started'
  return answered >= needed ? 'completed' : 'in-progress'
}

export interface CaseProblem {
  section: CaseSectionId
  /** The id of the field in the section's form. */
  field: string
  message: string
  /** For a date: the boxes in error (all three when not given). */
  parts?: DatePart[]
}

/** Where an error link takes focus: the field, or for a date its first box in error (GOV.UK). */
export function problemTarget(problem: CaseProblem): string {
  return problem.parts?.[0] ? datePartId(problem.field, problem.parts[0]) : problem.field
}

/**
 * The case as the Inclusion Service receives it, or every problem that stops it being sent,
 * in the words the check-answers page shows. Anonymous cases drop the child's identifying
 * details even if some were typed before the case was made anonymous.
 */
export function forumCasePayload(draft: ForumCaseDraft, referrer: StaffDetails | undefined): { ok: true; payload: ForumCasePayload } | { ok: false; problems: CaseProblem[] } {
  const problems: CaseProblem[] = []
  const problem = (section: CaseSectionId, field: string, message: string) => problems.push({ section, field, message })
  const date = (parts: DateParts, label: string, section: CaseSectionId, field: string) => {
    const parsed = parseDateParts(parts, label)
    if (parsed.kind === 'error') problems.push({ section, field, message: parsed.message, parts: parsed.parts })
    return parsed.kind === 'date' ? parsed.iso : undefined
  }

  if (!draft.forum) problem('about', 'forum', 'Select the forum')
  if (!draft.caseType) problem('about', 'caseType', 'Select whether the case is named or anonymous')
  if (!draft.yearGroup) problem('about', 'yearGroup', 'Select the child’s year group')
  const named = draft.caseType === 'named'
  let child: ForumCasePayload['child']
  let consent: ForumCasePayload['consent']
  if (named) {
    if (!filled(draft.child.name)) problem('about', 'childName', 'Enter the child’s name')
    const dateOfBirth = date(draft.child.dateOfBirth, 'Date of birth', 'about', 'childDateOfBirth')
    if (!dateFilled(draft.child.dateOfBirth)) problem('about', 'childDateOfBirth', 'Enter the child’s date of birth')
    if (filled(draft.child.upn) && !upnSchema.safeParse(draft.child.upn.trim().toUpperCase()).success) {
      problem('about', 'childUpn', 'Enter a UPN in the correct format: a letter, 11 numbers, then a number or letter')
    }
    if (filled(draft.child.name) && dateOfBirth) {
      child = { name: draft.child.name.trim(), dateOfBirth }
      if (filled(draft.child.upn)) child.upn = draft.child.upn.trim().toUpperCase()
    }
    const consentDate = date(draft.consent.date, 'Date consent was given', 'consent', 'consentDate')
    if (!filled(draft.consent.givenBy)) problem('consent', 'consentGivenBy', 'Enter who gave consent')
    if (!filled(draft.consent.relationship)) problem('consent', 'consentRelationship', 'Enter their relationship to the child')
    if (!dateFilled(draft.consent.date)) problem('consent', 'consentDate', 'Enter the date consent was given')
    if (!draft.consent.how) problem('consent', 'consentHow', 'Select how consent was given')
    if (filled(draft.consent.givenBy) && filled(draft.consent.relationship) && consentDate && draft.consent.how) {
      consent = { givenBy: draft.consent.givenBy.trim(), relationship: draft.consent.relationship.trim(), date: consentDate, how: draft.consent.how }
    }
  }
  if (draft.adviceWanted.length === 0) problem('advice', 'adviceWanted', 'Select at least one area of advice')
  const percentage = draft.attendance.percentage.trim().replace(/%$/, '')
  if (percentage && !(/^\d{1,3}(\.\d+)?$/.test(percentage) && Number(percentage) <= 100)) {
    problem('attendance', 'attendancePercentage', 'Attendance must be a percentage from 0 to 100, like 91.5')
  }
  const strategies = draft.strategies.flatMap((strategy, index) => {
    if (!filled(strategy.description) && !filled(strategy.impact) && !dateFilled(strategy.started)) return []
    if (!filled(strategy.description)) problem('strategies', `strategy-${index}-description`, `Describe strategy ${index + 1}`)
    const started = dateFilled(strategy.started) ? date(strategy.started, `Start date of strategy ${index + 1}`, 'strategies', `strategy-${index}-started`) : undefined
    return filled(strategy.description) ? [{ description: strategy.description.trim(), ...(started ? { started } : {}), ...(filled(strategy.impact) ? { impact: strategy.impact.trim() } : {}) }] : []
  })
  if (draft.reReferral) {
    if (draft.reReferral.planUpdates.length === 0) problem('re-referral', 'planUpdates', 'List the actions from the last education plan')
    draft.reReferral.planUpdates.forEach((update, index) => {
      if (!update.status) problem('re-referral', `plan-${index}-status`, `Say how far action ${index + 1} has got`)
    })
  }
  for (const message of referrerProblems(referrer, 'case')) problem('about', 'referrer', message)
  if (problems.length > 0) return { ok: false, problems }

  const text = (value: string) => (filled(value) ? value.trim() : undefined)
  const candidate = {
    forum: draft.forum,
    caseType: draft.caseType,
    yearGroup: draft.yearGroup,
    child,
    consent,
    sections: {
      behaviourInSetting: text(draft.behaviourInSetting),
      outsideFactors: text(draft.outsideFactors),
      sendEvidence: text(draft.sendEvidence),
      medicalNeeds: text(draft.medicalNeeds),
      attendance: { percentageThisYear: percentage ? Number(percentage) : undefined, factors: text(draft.attendance.factors) },
      strategies,
      suspectedNeeds: text(draft.suspectedNeeds),
      environmentalFactorsAndAces: text(draft.environmentalFactorsAndAces),
      otherConcerns: text(draft.otherConcerns),
    },
    adviceWanted: draft.adviceWanted,
    reReferral: draft.reReferral
      ? {
          planUpdates: draft.reReferral.planUpdates.map((update) => ({ action: update.action.trim(), status: update.status, notes: text(update.notes) })),
          additionalNeeds: text(draft.reReferral.additionalNeeds),
        }
      : undefined,
    referrer: referrerPayload(referrer!),
  }
  const checked = forumCaseSchema.safeParse(JSON.parse(JSON.stringify(candidate)))
  if (!checked.success) {
    return { ok: false, problems: checked.error.issues.map((issue) => ({ section: 'about', field: 'forum', message: `${issue.path.join('.')}: ${issue.message}` })) }
  }
  return { ok: true, payload: checked.data }
}

/**
 * The problems check-your-answers finds in one section's fields, for that section's page to
 * show beside them. The sender's details are in Settings, not in any section, so are left out.
 */
export function sectionProblems(draft: ForumCaseDraft, section: CaseSectionId): CaseProblem[] {
  const result = forumCasePayload(draft, undefined)
  return result.ok ? [] : result.problems.filter((problem) => problem.section === section && problem.field !== 'referrer')
}

/** A re-referral starts from the earlier case: the child carries over, and the plan's actions become updates to fill in. */
export function reReferralFrom(previous: ForumCaseDraft, previousCaseId: string): ForumCaseDraft {
  return {
    ...emptyForumCase(previous.forum),
    caseType: previous.caseType,
    yearGroup: previous.yearGroup,
    child: structuredClone(previous.child),
    reReferral: {
      previousCaseId,
      planUpdates: previous.educationPlan.filter((action) => filled(action.action)).map((action) => ({ action: action.action, status: '', notes: '' })),
      additionalNeeds: '',
    },
  }
}

/** A label for lists and the outbox that never names the child. */
export function caseLabel(draft: ForumCaseDraft, forumName: string | undefined): string {
  const kind = draft.reReferral ? 'Re-referral' : 'Forum case'
  return `${kind}: ${forumName ?? 'forum not chosen'}, ${draft.caseType === 'named' ? 'named' : draft.caseType === 'anonymous' ? 'anonymous' : 'named or anonymous not chosen'}`
}
