import { checkedPayload, optionalText } from './checked-payload'
import { EMPTY_DATE, parseDateParts, type DateParts } from './date-input'
import { formatIsoDate, parseIsoDate } from './dates'
import { permanentExclusionDeadlines, type PermanentExclusionDeadlines } from './exclusion-rules'
import { emptyNoticePupil, noticeField, noticePupilPart, type NoticePupil, type NoticeProblem } from './notice-pupil'
import { emptyMoment, momentIso, type Moment } from './notified-moment'
import { calendarBasis, calendarDescription, isReached, OUTSIDE_TERM_DATES, type Reached, type SchoolCalendar } from './school-calendar'
import { referrerPayload, referrerProblems, type StaffDetails } from './staff-details'
import { permanentExclusionSchema, permanentExclusionUpdateSchema, type PermanentExclusionPayload, type PermanentExclusionUpdatePayload } from './submissions'

/**
 * A permanent exclusion, step by step (seed 000): 1 phone the Inclusion duty desk and contact
 * the area SEIP; 2 discuss the incident, support options, process and next steps; 3 by the
 * end of the day continue (the notice is sent) or withdraw (recorded, nothing sent); 4 later,
 * the outcome: rescinded with the alternative, or upheld (sent as an update after the notice).
 */
export interface PermanentExclusionDraft extends NoticePupil {
  effectiveDate: DateParts
  /** ISO date-times recorded when the user says the step is done. */
  dutyDeskCall: { at: string; spokeTo: string }
  seipContact: { at: string; who: string }
  discussion: { incident: string; supportOptions: string; process: string; nextSteps: string }
  decision: { choice: '' | 'continue' | 'withdraw'; at: string }
  parentsNotified: Moment & { how: string }
  /** Asked only where the pupil has a social worker or is looked after (absent in drafts begun before they were asked). */
  socialWorkerNotified?: Moment
  virtualSchoolHeadNotified?: Moment
  /** The outbox id of the notice, once sent: the outcome follows it. */
  noticeKey?: string
  outcome: { result: '' | 'rescinded' | 'upheld'; alternativeOutcome: string; decidedOn: DateParts; boardDecision: DateParts }
  outcomeKey?: string
}

export function emptyPermanentExclusion(): PermanentExclusionDraft {
  return {
    ...emptyNoticePupil(),
    effectiveDate: { ...EMPTY_DATE },
    dutyDeskCall: { at: '', spokeTo: '' },
    seipContact: { at: '', who: '' },
    discussion: { incident: '', supportOptions: '', process: '', nextSteps: '' },
    decision: { choice: '', at: '' },
    parentsNotified: { ...emptyMoment(), how: '' },
    socialWorkerNotified: emptyMoment(),
    virtualSchoolHeadNotified: emptyMoment(),
    outcome: { result: '', alternativeOutcome: '', decidedOn: { ...EMPTY_DATE }, boardDecision: { ...EMPTY_DATE } },
  }
}

export type ExclusionStep = 'contact' | 'discussion' | 'decision' | 'outcome'

/** Where the workflow has got to: the first step not yet done. */
export function currentStep(draft: PermanentExclusionDraft): ExclusionStep | 'withdrawn' | 'done' {
  if (draft.decision.choice === 'withdraw') return 'withdrawn'
  if (!draft.dutyDeskCall.at || !draft.seipContact.at) return 'contact'
  if (!draft.discussion.incident.trim()) return 'discussion'
  if (!draft.noticeKey) return 'decision'
  return draft.outcomeKey ? 'done' : 'outcome'
}

/**
 * The deadlines the notice page shows, and the notice and its outcome send: one calculation, so
 * the Inclusion Service sees the dates the school saw. The notice is the day the parents were
 * told, as on the suspension notice; until that is entered, the day the school decided to
 * continue, or `today` (an ISO date, passed in). Undefined until the exclusion has a start date.
 */
export function noticeDeadlines(draft: PermanentExclusionDraft, calendar: SchoolCalendar, today: string): PermanentExclusionDeadlines | undefined {
  const effective = parseDateParts(draft.effectiveDate, 'Date')
  if (effective.kind !== 'date') return undefined
  const notified = parseDateParts(draft.parentsNotified.date, 'Date')
  const notice = notified.kind === 'date' ? notified.iso : draft.decision.at ? draft.decision.at.slice(0, 10) : today
  const board = parseDateParts(draft.outcome.boardDecision, 'Date')
  return permanentExclusionDeadlines(calendar, parseIsoDate(effective.iso)!, parseIsoDate(notice)!, board.kind === 'date' ? parseIsoDate(board.iso) : undefined)
}

const sentDate = (date: Reached) => (isReached(date) ? formatIsoDate(date) : OUTSIDE_TERM_DATES)

export function permanentExclusionPayload(
  draft: PermanentExclusionDraft,
  referrer: StaffDetails | undefined,
  listVersion: string,
  offsetOf: (isoDate: string) => string,
  calendar: SchoolCalendar,
  today: string,
): { ok: true; payload: PermanentExclusionPayload } | { ok: false; problems: NoticeProblem[] } {
  const { problems, part } = noticePupilPart(draft, listVersion)
  const problem = (field: string, message: string) => problems.push({ field, message })
  const date = (parts: DateParts, label: string, field: string) => {
    const parsed = parseDateParts(parts, label)
    if (parsed.kind === 'empty') problem(field, `Enter the ${label.toLowerCase()}`)
    if (parsed.kind === 'error') problem(field, parsed.message)
    return parsed.kind === 'date' ? parsed.iso : undefined
  }
  const effectiveDate = date(draft.effectiveDate, 'Date the exclusion starts', 'effectiveDate')
  if (!draft.dutyDeskCall.spokeTo.trim()) problem('dutyDeskSpokeTo', 'Enter who you spoke to at the duty desk')
  else if (!draft.dutyDeskCall.at) problem('dutyDeskSpokeTo', 'Record the call to the duty desk')
  if (!draft.seipContact.who.trim()) problem('seipWho', 'Enter who you contacted at the SEIP')
  else if (!draft.seipContact.at) problem('seipWho', 'Record the contact with the SEIP')
  if (!draft.discussion.incident.trim()) problem('incident', 'Describe the nature of the incident')
  const parentsAt = momentIso(draft.parentsNotified, 'Parents notified', 'parentsNotified', problems, offsetOf, true)
  const socialWorkerAt = momentIso(draft.socialWorkerNotified ?? emptyMoment(), 'Social worker notified', 'socialWorkerNotified', problems, offsetOf, false)
  const virtualSchoolAt = momentIso(draft.virtualSchoolHeadNotified ?? emptyMoment(), 'Virtual school head notified', 'virtualSchoolHeadNotified', problems, offsetOf, false)
  for (const message of referrerProblems(referrer, 'notice')) problem('referrer', message)
  if (problems.length > 0) return { ok: false, problems }

  const deadlines = noticeDeadlines(draft, calendar, today)!
  const candidate = {
    ...part,
    effectiveDate,
    dutyDeskCall: { at: draft.dutyDeskCall.at, spokeTo: draft.dutyDeskCall.spokeTo.trim() },
    seipContact: { at: draft.seipContact.at, who: draft.seipContact.who.trim() },
    discussion: {
      incident: draft.discussion.incident.trim(),
      supportOptions: optionalText(draft.discussion.supportOptions),
      process: optionalText(draft.discussion.process),
      nextSteps: optionalText(draft.discussion.nextSteps),
    },
    parentsNotified: { at: parentsAt, how: optionalText(draft.parentsNotified.how) },
    socialWorkerNotified: socialWorkerAt ? { at: socialWorkerAt } : undefined,
    virtualSchoolHeadNotified: virtualSchoolAt ? { at: virtualSchoolAt } : undefined,
    referrer: referrerPayload(referrer!),
    deadlines: {
      educationFrom: sentDate(deadlines.localAuthorityEducationFrom),
      boardConsiderBy: sentDate(deadlines.boardConsiderBy),
      basis: deadlines.basis,
      calendar: calendarDescription(calendar),
    },
  }
  return checkedPayload(permanentExclusionSchema, candidate, noticeField)
}

/** The outcome, sent after the notice; with the board's decision when the school has it, and the review deadline it starts. */
export function outcomePayload(
  draft: PermanentExclusionDraft,
  calendar: SchoolCalendar,
  today: string,
): { ok: true; payload: PermanentExclusionUpdatePayload } | { ok: false; problems: NoticeProblem[] } {
  const problems: NoticeProblem[] = []
  if (!draft.outcome.result) problems.push({ field: 'outcomeResult', message: 'Select whether the exclusion was upheld or rescinded' })
  if (draft.outcome.result === 'rescinded' && !draft.outcome.alternativeOutcome.trim()) {
    problems.push({ field: 'alternativeOutcome', message: 'Enter the alternative outcome' })
  }
  const decided = parseDateParts(draft.outcome.decidedOn, 'Date of the decision')
  if (decided.kind === 'empty') problems.push({ field: 'outcomeDecidedOn', message: 'Enter the date of the decision' })
  if (decided.kind === 'error') problems.push({ field: 'outcomeDecidedOn', message: decided.message })
  // Half typed, the board's date would be dropped without a word: say so instead.
  const board = parseDateParts(draft.outcome.boardDecision, 'Date the governing board decided')
  if (board.kind === 'error') problems.push({ field: 'boardDecision', message: board.message })
  if (problems.length > 0 || decided.kind !== 'date') return { ok: false, problems }
  const reviewBy = noticeDeadlines(draft, calendar, today)?.independentReviewBy
  const candidate = {
    outcome: draft.outcome.result,
    alternativeOutcome: draft.outcome.result === 'rescinded' ? draft.outcome.alternativeOutcome.trim() : undefined,
    decidedOn: decided.iso,
    deadlines:
      board.kind === 'date' && reviewBy
        ? { boardDecidedOn: board.iso, independentReviewBy: sentDate(reviewBy), basis: calendarBasis(calendar), calendar: calendarDescription(calendar) }
        : undefined,
  }
  const outcomeFields = (path: readonly PropertyKey[]) =>
    path[0] === 'alternativeOutcome' ? { field: 'alternativeOutcome', label: 'The alternative outcome' } : { field: 'outcomeResult', label: 'The outcome' }
  return checkedPayload(permanentExclusionUpdateSchema, candidate, outcomeFields)
}
