import { checkedPayload, optionalText } from './checked-payload'
import { datePartId, EMPTY_DATE, parseDateParts, type DatePart, type DateParts } from './date-input'
import { formatLongDate, parseIsoDate } from './dates'
import {
  CASE_SECTIONS,
  optionsOf,
  PLAN_STATUS_LABELS,
  type CaseContext,
  type CaseField,
  type CaseFieldKind,
  type CaseSection,
  type CaseSectionId,
  type ConsentMethod,
  type PlanStatus,
  type TextFormat,
} from './forum-case-sections'
import type { AdviceArea, ForumId } from './forums'
import type { YearGroup } from './school-year'
import { referrerPayload, referrerProblems, type StaffDetails } from './staff-details'
import { forumCaseSchema, upnSchema, type EducationPlanRecord, type ForumCasePayload } from './submissions'

/**
 * A forum case as the user prepares it: every answer as typed, even half-finished, so that
 * nothing typed is lost. Turned into the submission payload (submissions.ts) only on submit.
 * Its sections, and which answer each asks, are the table in forum-case-sections.ts.
 */
export interface Strategy {
  description: string
  started: DateParts
  impact: string
}

export interface PlanUpdate {
  action: string
  status: '' | PlanStatus
  notes: string
}

/** How far one action of the plan the Inclusion Service issued has got, as the setting records it over the weeks. */
export type PlanProgress = Omit<PlanUpdate, 'action'>

export interface PlanAction {
  action: string
  who: string
  reviewDate: DateParts
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
  /** The education plan the Inclusion Service issued after the forum, as it sent it (sync/plans.ts). */
  issuedPlan?: EducationPlanRecord
  /** The setting's progress on the issued plan, by action id. */
  planProgress?: Record<string, PlanProgress>
  /** The meeting the setting would like, chosen as the case is sent: a meeting's id, 'next', or '' for none. */
  preferredMeeting?: string
}

export function emptyForumCase(forum: ForumId | '' = ''): ForumCaseDraft {
  return {
    forum,
    caseType: '',
    yearGroup: '',
    child: { name: '', dateOfBirth: structuredClone(EMPTY_DATE), upn: '' },
    consent: { givenBy: '', relationship: '', date: structuredClone(EMPTY_DATE), how: '' },
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

export const emptyStrategy = (): Strategy => ({ description: '', started: structuredClone(EMPTY_DATE), impact: '' })
export const emptyPlanUpdate = (): PlanUpdate => ({ action: '', status: '', notes: '' })
export const emptyPlanProgress = (): PlanProgress => ({ status: '', notes: '' })
export const emptyPlanAction = (): PlanAction => ({ action: '', who: '', reviewDate: structuredClone(EMPTY_DATE) })

/** The ids of one item's inputs in a list, which its problems point at. */
export const strategyFieldId = (index: number, part: keyof Strategy) => `strategy-${index}-${part}`
export const planUpdateFieldId = (index: number, part: keyof PlanUpdate) => `plan-${index}-${part}`

const filled = (text: string) => text.trim() !== ''
const dateFilled = (date: DateParts) => Object.values(date).some(filled)
const blankStrategy = (strategy: Strategy) => !filled(strategy.description) && !filled(strategy.impact) && !dateFilled(strategy.started)

/** Whether this case has the section: consent only when it is not anonymous, the plan update only on a re-referral. */
export const caseHas = (draft: ForumCaseDraft, section: CaseSection) => section.appliesTo?.(draft) ?? true

export function sectionsFor(draft: ForumCaseDraft, sections: readonly CaseSection[] = CASE_SECTIONS): CaseSection[] {
  return sections.filter((section) => caseHas(draft, section))
}

/** The sections whose answers must be right before the case is sent. */
const checkedSections = (draft: ForumCaseDraft, sections: readonly CaseSection[]) =>
  sectionsFor(draft, sections).filter((section) => section.checkedWhen?.(draft) ?? true)

/** The fields a section asks of this case (the child's details only when it is named). */
export function shownFields(section: CaseSection, draft: ForumCaseDraft): CaseField[] {
  return section.fields.filter((field) => field.when?.(draft) ?? true)
}

export interface CaseProblem {
  section: string
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

export interface CheckRow {
  key: string
  value: string
  /** The field its Change link goes to. */
  field: string
}

type Report = (field: string, message: string, parts?: DatePart[]) => void
type Answer<Field extends CaseField> = ReturnType<Field['value']['get']>
type FieldOfKind<Kind extends CaseFieldKind> = Extract<CaseField, { kind: Kind }>

/** What a kind of field means for its answer: when it counts as given, what is wrong with it, how it is sent and shown. */
interface Kind<Field extends CaseField> {
  /** The answer before anything is given (for a draft saved before the field was asked). */
  empty(): Answer<Field>
  answered(answer: Answer<Field>): boolean
  /** The answers the task list waits for, when more than the field's one: a list, one an item (one, unanswered, while it is empty). */
  progress?(answer: Answer<Field>): boolean[]
  /** Problems other than a required answer missing: answers typed in a form that cannot be sent are `wrong`. */
  check?(field: Field, answer: Answer<Field>, report: { wrong: Report; missing: Report }): void
  /** The answer as the payload carries it (undefined: left out). */
  sent(field: Field, answer: Answer<Field>): unknown
  /** A list: the input of the item the payload's `index`-th item was made from, for a problem the schema finds in it. */
  sentItem?(answer: Answer<Field>, index: number, part: unknown): { field: string; label: string }
  rows(field: Field, answer: Answer<Field>, context: CaseContext): CheckRow[]
}

const NOT_GIVEN = 'Not given'
const shown = (text: string) => optionalText(text) ?? NOT_GIVEN
const numberIn = (percentage: string) => percentage.trim().replace(/%$/, '')

function shownDate(parts: DateParts): string {
  const parsed = parseDateParts(parts, 'Date')
  if (parsed.kind === 'date') return formatLongDate(parseIsoDate(parsed.iso)!)
  return parsed.kind === 'empty' ? NOT_GIVEN : `${parts.day}/${parts.month}/${parts.year} (not a real date)`
}

const isoDate = (parts: DateParts) => {
  const parsed = parseDateParts(parts, 'Date')
  return parsed.kind === 'date' ? parsed.iso : undefined
}

/** Text, plain or in a set form (the table's `format`): what is wrong with it, how it is sent and how it reads. */
const TEXT_FORMATS: Record<TextFormat | 'plain', { problem?(text: string, name: string): string | undefined; sent(text: string): unknown; shown(text: string): string | undefined }> = {
  plain: { sent: optionalText, shown: optionalText },
  upn: {
    problem: (text) =>
      filled(text) && !upnSchema.safeParse(text.trim().toUpperCase()).success ? 'Enter a UPN in the correct format: a letter, 11 numbers, then a number or letter' : undefined,
    sent: (text) => optionalText(text)?.toUpperCase(),
    shown: optionalText,
  },
  percentage: {
    problem: (text, name) => {
      const number = numberIn(text)
      return number && !(/^\d{1,3}(\.\d+)?$/.test(number) && Number(number) <= 100) ? `${name} must be a percentage from 0 to 100, like 91.5` : undefined
    },
    sent: (text) => (numberIn(text) ? Number(numberIn(text)) : undefined),
    shown: (text) => (filled(text) ? `${text.replace(/%$/, '')}%` : undefined),
  },
}

/** One row, the answer as `reads` gives it (undefined: the row's `unanswered`, or "Not given"). */
const oneRow =
  <Field extends FieldOfKind<'text' | 'textarea' | 'date' | 'radio' | 'select' | 'checkboxes'>>(reads: (field: Field, answer: Answer<Field>, context: CaseContext) => string | undefined) =>
  (field: Field, answer: Answer<Field>, context: CaseContext): CheckRow[] => [{ key: field.row.key, value: reads(field, answer, context) ?? field.row.unanswered ?? NOT_GIVEN, field: field.id }]

/** A row an item, or the field's `whenEmpty` row while there are none. */
const itemRows =
  <Item>(itemRow: (item: Item, index: number) => CheckRow) =>
  (field: FieldOfKind<'strategies' | 'plan-updates'>, items: Item[]): CheckRow[] =>
    items.length === 0 ? (field.whenEmpty ? [{ ...field.whenEmpty, field: field.id }] : []) : items.map(itemRow)

const eachItem =
  <Item>(done: (item: Item) => boolean) =>
  (items: Item[]) =>
    items.length === 0 ? [false] : items.map(done)

const labelOf = (field: FieldOfKind<'radio' | 'select' | 'checkboxes'>, context: CaseContext, value: string) =>
  optionsOf(field, context).find((option) => option.value === value)?.label ?? value

const TEXT: Kind<FieldOfKind<'text' | 'textarea'>> = {
  empty: () => '',
  answered: filled,
  check: (field, text, report) => {
    const problem = 'format' in field && field.format ? TEXT_FORMATS[field.format].problem?.(text, field.errorName ?? field.label) : undefined
    if (problem) report.wrong(field.id, problem)
  },
  sent: (field, text) => TEXT_FORMATS[('format' in field && field.format) || 'plain'].sent(text),
  rows: oneRow((field, text) => TEXT_FORMATS[('format' in field && field.format) || 'plain'].shown(text)),
}

const CHOICE: Kind<FieldOfKind<'radio' | 'select'>> = {
  empty: () => '',
  answered: filled,
  sent: (_field, value) => value || undefined,
  rows: oneRow((field, value, context) => (value ? labelOf(field, context, value) : undefined)),
}

const KINDS: { [Name in CaseFieldKind]: Kind<FieldOfKind<Name>> } = {
  text: TEXT,
  textarea: TEXT,
  date: {
    empty: () => structuredClone(EMPTY_DATE),
    answered: dateFilled,
    check: (field, parts, report) => {
      const parsed = parseDateParts(parts, field.errorName)
      if (parsed.kind === 'error') report.wrong(field.id, parsed.message, parsed.parts)
    },
    sent: (_field, parts) => isoDate(parts),
    rows: oneRow((_field, parts) => shownDate(parts)),
  },
  radio: CHOICE,
  select: CHOICE,
  checkboxes: {
    empty: () => [],
    answered: (values) => values.length > 0,
    sent: (_field, values) => values,
    rows: oneRow((field, values, context) => values.map((value) => labelOf(field, context, value)).join('; ') || undefined),
  },
  strategies: {
    empty: () => [],
    answered: (strategies) => strategies.length > 0,
    progress: eachItem((strategy) => filled(strategy.description) && filled(strategy.impact)),
    check: (_field, strategies, report) =>
      strategies.forEach((strategy, index) => {
        if (blankStrategy(strategy)) return
        if (!filled(strategy.description)) report.missing(strategyFieldId(index, 'description'), `Describe strategy ${index + 1}`)
        const started = parseDateParts(strategy.started, `Start date of strategy ${index + 1}`)
        if (started.kind === 'error') report.wrong(strategyFieldId(index, 'started'), started.message, started.parts)
      }),
    // A strategy left blank is not sent.
    sent: (_field, strategies) =>
      strategies
        .filter((strategy) => !blankStrategy(strategy))
        .map((strategy) => ({ description: strategy.description.trim(), started: isoDate(strategy.started), impact: optionalText(strategy.impact) })),
    sentItem: (strategies, index, part) => {
      const at = strategies.flatMap((strategy, each) => (blankStrategy(strategy) ? [] : [each]))[index] ?? index
      return { field: strategyFieldId(at, part === 'started' || part === 'impact' ? part : 'description'), label: `Strategy ${at + 1}` }
    },
    rows: itemRows((strategy, index) => ({
      key: `Strategy ${index + 1}`,
      value: `${shown(strategy.description)}. Started: ${shownDate(strategy.started)}. Impact: ${shown(strategy.impact)}`,
      field: strategyFieldId(index, 'description'),
    })),
  },
  'plan-updates': {
    empty: () => [],
    answered: (updates) => updates.length > 0,
    progress: eachItem((update) => filled(update.status)),
    check: (_field, updates, report) =>
      updates.forEach((update, index) => {
        if (!update.action.trim()) report.missing(planUpdateFieldId(index, 'action'), `Enter action ${index + 1} from the last education plan`)
        if (!update.status) report.missing(planUpdateFieldId(index, 'status'), `Say how far action ${index + 1} has got`)
      }),
    sent: (_field, updates) => updates.map((update) => ({ action: update.action.trim(), status: update.status, notes: optionalText(update.notes) })),
    sentItem: (_updates, index, part) => ({ field: planUpdateFieldId(index, part === 'action' || part === 'notes' ? part : 'status'), label: `Action ${index + 1}` }),
    rows: itemRows((update, index) => ({
      key: `Action ${index + 1}: ${update.action || 'not given'}`,
      value: `${update.status ? PLAN_STATUS_LABELS[update.status] : 'Not updated'}${update.notes.trim() ? `. ${update.notes}` : ''}`,
      field: planUpdateFieldId(index, 'status'),
    })),
  },
}

const kindOf = <Field extends CaseField>(field: Field) => KINDS[field.kind] as unknown as Kind<Field>

/** A field's answer: an empty one where the draft has none (a part this case lacks, or a draft saved before the field was asked). */
export function answerOf<Field extends CaseField>(field: Field, draft: ForumCaseDraft): Answer<Field> {
  return (field.value.get(draft) as Answer<Field> | undefined) ?? kindOf(field).empty()
}

export type SectionStatus = 'not-started' | 'in-progress' | 'completed'

function statusOf(section: CaseSection, draft: ForumCaseDraft): SectionStatus {
  const answers = shownFields(section, draft)
    .filter((field) => !field.optional)
    .flatMap((field) => {
      const kind = kindOf(field)
      const answer = answerOf(field, draft)
      return kind.progress?.(answer) ?? [kind.answered(answer)]
    })
  const done = answers.filter(Boolean).length
  if (done === 0) return 'not-started'
  return done >= answers.length ? 'completed' : 'in-progress'
}

export function sectionStatus(draft: ForumCaseDraft, section: CaseSectionId): SectionStatus {
  return statusOf(CASE_SECTIONS.find((each) => each.id === section)!, draft)
}

/** The task list: each section this case has, and how far it has got. */
export function taskList(draft: ForumCaseDraft, sections: readonly CaseSection[] = CASE_SECTIONS) {
  return sectionsFor(draft, sections).map((section) => ({ id: section.id, title: section.title, status: statusOf(section, draft) }))
}

/** A section's problems: answers typed in a form that cannot be sent first, then answers missing. */
function problemsIn(section: CaseSection, draft: ForumCaseDraft): CaseProblem[] {
  const wrong: CaseProblem[] = []
  const missing: CaseProblem[] = []
  const into = (list: CaseProblem[]): Report => (field, message, parts) => list.push({ section: section.id, field, message, ...(parts ? { parts } : {}) })
  for (const field of shownFields(section, draft)) {
    const kind = kindOf(field)
    const answer = answerOf(field, draft)
    if (field.required && !kind.answered(answer)) into(missing)(field.id, field.required)
    kind.check?.(field, answer, { wrong: into(wrong), missing: into(missing) })
  }
  return [...wrong, ...missing]
}

type Sent = { section: CaseSection; field: CaseField; at: string }

/** The field a problem the schema finds at `path` belongs to: the one sent there (or the item of a list), else the first one sent inside it. */
function placeOf(path: readonly PropertyKey[], sent: Sent[], draft: ForumCaseDraft): { section: string; field: string; label: string } {
  const dotted = path.map(String).join('.')
  const owner = sent.find(({ at }) => dotted === at || dotted.startsWith(`${at}.`)) ?? sent.find(({ at }) => at.startsWith(`${dotted}.`))
  if (!owner) return path[0] === 'referrer' ? { section: 'about', field: 'referrer', label: 'Your details in Settings' } : { section: sent[0]!.section.id, field: sent[0]!.field.id, label: 'The case' }
  const { section, field } = owner
  const [index, part] = path.slice(owner.at.split('.').length)
  const item = typeof index === 'number' ? kindOf(field).sentItem?.(answerOf(field, draft), index, part) : undefined
  return { section: section.id, ...(item ?? { field: field.id, label: ('errorName' in field && field.errorName) || field.label }) }
}

function placeAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [key, ...rest] = path
  if (rest.length === 0) target[key!] = value
  else placeAt((target[key!] ??= {}) as Record<string, unknown>, rest, value)
}

/** What a case is sent with beside its answers: the reference the Inclusion Service gave the case a re-referral follows, where this device sent it. */
export interface SentWith {
  previousReference?: string
}

/**
 * The case as the Inclusion Service receives it, or every problem that stops it being sent,
 * in the words the check-answers page shows, section by section. Anonymous cases drop the
 * child's identifying details even if some were typed before the case was made anonymous.
 */
export function forumCasePayload(
  draft: ForumCaseDraft,
  referrer: StaffDetails | undefined,
  sections: readonly CaseSection[] = CASE_SECTIONS,
  sentWith: SentWith = {},
): { ok: true; payload: ForumCasePayload } | { ok: false; problems: CaseProblem[] } {
  const checked = checkedSections(draft, sections)
  const problems = checked.flatMap((section) => problemsIn(section, draft))
  for (const message of referrerProblems(referrer, 'case')) problems.push({ section: 'about', field: 'referrer', message })
  if (problems.length > 0) return { ok: false, problems }

  const sent = checked.flatMap((section) => shownFields(section, draft).flatMap((field) => (field.sent ? [{ section, field, at: field.sent }] : [])))
  const candidate: Record<string, unknown> = {}
  for (const { field, at } of sent) placeAt(candidate, at.split('.'), kindOf(field).sent(field, answerOf(field, draft)))
  // Only a re-referral names the case it follows; the reference says nothing of the child.
  if (candidate.reReferral && sentWith.previousReference) placeAt(candidate, ['reReferral', 'previousReference'], sentWith.previousReference)
  candidate.referrer = referrerPayload(referrer!)
  const sectionOf = new Map<string, string>()
  const result = checkedPayload(forumCaseSchema, candidate, (path) => {
    const place = placeOf(path, sent, draft)
    sectionOf.set(place.field, place.section)
    return place
  })
  return result.ok ? result : { ok: false, problems: result.problems.map((problem) => ({ section: sectionOf.get(problem.field)!, ...problem })) }
}

/**
 * The problems check-your-answers finds in one section's fields, for that section's page to
 * show beside them. The sender's details are in Settings, not in any section, so are left out.
 */
export function sectionProblems(draft: ForumCaseDraft, section: string, sections: readonly CaseSection[] = CASE_SECTIONS, referrer?: StaffDetails): CaseProblem[] {
  // The same check as check your answers, so the page shows what its links promised, the
  // schema's findings included; the sender's details are fixed in Settings, not here.
  const result = forumCasePayload(draft, referrer, sections)
  return result.ok ? [] : result.problems.filter((problem) => problem.section === section && problem.field !== 'referrer')
}

/** Check your answers: each section this case has, with its rows. */
export function checkRows(draft: ForumCaseDraft, context: CaseContext, sections: readonly CaseSection[] = CASE_SECTIONS) {
  return sectionsFor(draft, sections).map((section) => ({
    id: section.id,
    title: section.title,
    rows: shownFields(section, draft).flatMap((field) => kindOf(field).rows(field, answerOf(field, draft), context)),
  }))
}

/**
 * The case with the plan the Inclusion Service issued, or its correction: progress recorded
 * stays for each action still in the plan (actions keep their ids), and goes with an action
 * taken out.
 */
export function withIssuedPlan(draft: ForumCaseDraft, plan: EducationPlanRecord): ForumCaseDraft {
  const planProgress: Record<string, PlanProgress> = {}
  for (const { id } of plan.actions) {
    const recorded = draft.planProgress?.[id]
    if (recorded) planProgress[id] = recorded
  }
  return { ...draft, issuedPlan: plan, planProgress }
}

/** The progress recorded on one action of the issued plan: none yet reads as not updated. */
export const progressOn = (draft: ForumCaseDraft, actionId: string): PlanProgress => draft.planProgress?.[actionId] ?? emptyPlanProgress()

/** Whether an issued plan's review date has come: `today` (YYYY-MM-DD) is the date or after it. */
export const reviewDue = (plan: EducationPlanRecord | undefined, today: string): boolean => plan !== undefined && plan.reviewDate <= today

/**
 * The last plan's actions, to update on a re-referral (seed 004: "the updated plan with the
 * actions completed against it"): the plan the Inclusion Service issued, with the progress
 * recorded against it, or else the plan the setting recorded itself.
 */
function planUpdatesFrom(previous: ForumCaseDraft): PlanUpdate[] {
  if (previous.issuedPlan) {
    return previous.issuedPlan.actions.map((action) => {
      const { status, notes } = progressOn(previous, action.id)
      return { action: action.action, status, notes }
    })
  }
  return previous.educationPlan.filter((action) => filled(action.action)).map((action) => ({ ...emptyPlanUpdate(), action: action.action }))
}

/** A re-referral starts from the earlier case: the child carries over, and the plan's actions become updates to fill in. */
export function reReferralFrom(previous: ForumCaseDraft, previousCaseId: string): ForumCaseDraft {
  return {
    ...emptyForumCase(previous.forum),
    caseType: previous.caseType,
    yearGroup: previous.yearGroup,
    child: structuredClone(previous.child),
    reReferral: { previousCaseId, planUpdates: planUpdatesFrom(previous), additionalNeeds: '' },
  }
}

/** A label for lists and the outbox that never names the child. */
export function caseLabel(draft: ForumCaseDraft, forumName: string | undefined): string {
  const kind = draft.reReferral ? 'Re-referral' : 'Forum case'
  return `${kind}: ${forumName ?? 'forum not chosen'}, ${draft.caseType === 'named' ? 'named' : draft.caseType === 'anonymous' ? 'anonymous' : 'named or anonymous not chosen'}`
}
