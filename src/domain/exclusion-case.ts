import { compareDates, parseIsoDate, type CalendarDate } from './dates'
import { parseDateParts } from './date-input'
import { fieldProblems, type FieldProblem } from './submissions'
import { z } from './zod'

/**
 * A permanent exclusion as the Inclusion Service tracks it (seed 000): the duty desk call and
 * the area SEIP; the school's decision by the end of the day, confirmed by secure email; then,
 * if the school continues, the outcome. Upheld: education in place by day 6, the chair of
 * governors formally notified, the Governor Development Service told. Rescinded: the head
 * gives the alternative outcome. A school that withdraws closes the case, as does a rescinded
 * exclusion. Officers record steps; nothing here reads the clock ("today" is passed in).
 */

export const CASE_STEPS = [
  'duty-desk-call',
  'seip-involved',
  'school-decision',
  'decision-confirmed',
  'outcome',
  'education-in-place',
  'chair-notified',
  'gds-told',
] as const
export type CaseStep = (typeof CASE_STEPS)[number]

export const isCaseStep = (value: unknown): value is CaseStep => (CASE_STEPS as readonly unknown[]).includes(value)

/** Task list labels, GOV.UK style: short, sentence case, saying what the task is. */
export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  'duty-desk-call': 'Duty desk call received',
  'seip-involved': 'Area SEIP involved',
  'school-decision': 'School’s decision by the end of the day',
  'decision-confirmed': 'Decision confirmed by secure email',
  outcome: 'Outcome: upheld or rescinded',
  'education-in-place': 'Education in place from the 6th school day',
  'chair-notified': 'Chair of governors formally notified',
  'gds-told': 'Governor Development Service told',
}

/**
 * Each step has exactly one date. Its label names it in error messages, as GOV.UK's date input
 * pattern does ("Date the call was received must be a real date"). Only the start of education
 * is planned ahead: every other date says when something happened.
 */
export const STEP_DATES: Record<CaseStep, { field: string; label: string; mayBeFuture?: true }> = {
  'duty-desk-call': { field: 'at', label: 'Date the call was received' },
  'seip-involved': { field: 'on', label: 'Date the SEIP was involved' },
  'school-decision': { field: 'on', label: 'Date of the school’s decision' },
  'decision-confirmed': { field: 'on', label: 'Date the decision was confirmed' },
  outcome: { field: 'on', label: 'Date of the outcome' },
  'education-in-place': { field: 'startDate', label: 'Date education starts', mayBeFuture: true },
  'chair-notified': { field: 'on', label: 'Date the chair of governors was notified' },
  'gds-told': { field: 'on', label: 'Date the Governor Development Service was told' },
}

const PROVIDER_MAX = 200
const WHO_MAX = 200
const ALTERNATIVE_MAX = 20_000

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`

// Messages name the problem, never the value: they are shown back and may be logged.
function dateOf(step: CaseStep) {
  const missing = `Enter the ${lowerFirst(STEP_DATES[step].label)}`
  return z.string(missing).superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: missing })
    else if (!parseIsoDate(value)) ctx.addIssue({ code: 'custom', message: 'Enter a real date' })
  })
}

const text = (missing: string, label: string, max: number) =>
  z.string(missing).trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)

const details = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape, 'Send the details of the step')

export const STEP_SCHEMAS = {
  'duty-desk-call': details({ at: dateOf('duty-desk-call') }),
  'seip-involved': details({ on: dateOf('seip-involved'), who: text('Enter who was involved at the SEIP', 'Who was involved', WHO_MAX) }),
  'school-decision': details({
    decision: z.enum(['continue', 'withdraw'], 'Select whether the school is continuing with the exclusion or withdrawing it'),
    on: dateOf('school-decision'),
  }),
  'decision-confirmed': details({ on: dateOf('decision-confirmed') }),
  outcome: details({
    outcome: z.enum(['upheld', 'rescinded'], 'Select whether the exclusion was upheld or rescinded'),
    on: dateOf('outcome'),
    alternativeOutcome: text('Enter the alternative outcome', 'The alternative outcome', ALTERNATIVE_MAX).optional(),
  }).superRefine(
    (outcome, ctx) => {
      // Runs beside the fields' own checks, so a form shows every problem at once: the value may be partly invalid.
      const { outcome: result, alternativeOutcome } = outcome as { outcome?: unknown; alternativeOutcome?: unknown }
      if (ctx.issues.some((issue) => issue.path?.[0] === 'alternativeOutcome')) return
      // The seed: where it is rescinded, the head tells the service what happens instead.
      if (result === 'rescinded' && !alternativeOutcome) {
        ctx.addIssue({ code: 'custom', path: ['alternativeOutcome'], message: 'Enter the alternative outcome' })
      }
      if (result === 'upheld' && alternativeOutcome) {
        ctx.addIssue({ code: 'custom', path: ['alternativeOutcome'], message: 'An upheld exclusion has no alternative outcome' })
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  ),
  'education-in-place': details({ provider: text('Enter who provides the education', 'The provider', PROVIDER_MAX), startDate: dateOf('education-in-place') }),
  'chair-notified': details({ on: dateOf('chair-notified') }),
  'gds-told': details({ on: dateOf('gds-told') }),
} satisfies Record<CaseStep, z.ZodType>

export type StepDetails = { [Step in CaseStep]: z.infer<(typeof STEP_SCHEMAS)[Step]> }

/** One record of a step. Recording a step again corrects it: the latest record wins. */
export interface StepRecord<Step extends CaseStep> {
  step: Step
  details: StepDetails[Step]
  recordedBy: string
  /** ISO date-time with its offset. */
  recordedAt: string
}
export type RecordedStep = { [Step in CaseStep]: StepRecord<Step> }[CaseStep]

export type CaseStatus = 'open' | 'withdrawn' | 'rescinded' | 'complete'

export interface CaseState {
  status: CaseStatus
  /** The steps that may be recorded now: new ones, and corrections of those done. */
  available: CaseStep[]
  /** The latest record of each step done that still applies (a later decision can rule one out). */
  done: Partial<{ [Step in CaseStep]: StepRecord<Step> }>
}

type Latest = CaseState['done']

const DECISION_FIRST = 'Record the school’s decision first'
const OUTCOME_FIRST = 'Record the outcome first'
const WITHDREW = 'The school withdrew this exclusion: no further steps'
const RESCINDED = 'The exclusion was rescinded: no further steps'
const ONLY_UPHELD: Record<'chair-notified' | 'gds-told', string> = {
  'chair-notified': 'Only an upheld exclusion has its chair of governors notified',
  'gds-told': 'Only an upheld exclusion has the Governor Development Service told',
}

/** The latest record of each step: by when it was recorded, and in the order given when two share a moment. */
function latestRecords(recorded: readonly RecordedStep[]): Latest {
  const latest: Record<string, RecordedStep> = {}
  for (const record of recorded) {
    const before = latest[record.step]
    if (!before || Date.parse(record.recordedAt) >= Date.parse(before.recordedAt)) latest[record.step] = record
  }
  return latest as Latest
}

/**
 * Why a step cannot be recorded now, or undefined when it can. A closed case takes no new
 * steps, but what was done can still be corrected, and a decision can still be confirmed:
 * the school confirms a withdrawal by secure email as it does a decision to continue.
 */
function blockedBecause(step: CaseStep, latest: Latest): string | undefined {
  const decision = latest['school-decision']?.details.decision
  const outcome = decision === 'continue' ? latest.outcome?.details.outcome : undefined
  switch (step) {
    case 'decision-confirmed':
      return decision ? undefined : DECISION_FIRST
    case 'outcome':
    case 'education-in-place':
      if (!decision) return DECISION_FIRST
      if (decision === 'withdraw') return WITHDREW
      // Education arranged before a rescinded outcome stays on record (and correctable); none is arranged after.
      return step === 'education-in-place' && outcome === 'rescinded' && !latest[step] ? RESCINDED : undefined
    case 'chair-notified':
    case 'gds-told':
      if (!decision) return DECISION_FIRST
      if (decision === 'withdraw') return WITHDREW
      if (!outcome) return OUTCOME_FIRST
      return outcome === 'rescinded' ? ONLY_UPHELD[step] : undefined
    default:
      if (latest[step]) return undefined
      if (decision === 'withdraw') return WITHDREW
      return outcome === 'rescinded' ? RESCINDED : undefined
  }
}

export function caseState(recorded: readonly RecordedStep[]): CaseState {
  const latest = latestRecords(recorded)
  const available = CASE_STEPS.filter((step) => blockedBecause(step, latest) === undefined)
  const done: Record<string, RecordedStep> = {}
  for (const step of available) if (latest[step]) done[step] = latest[step]
  const state: CaseState = { status: 'open', available, done: done as Latest }
  const outcome = state.done.outcome?.details.outcome
  if (state.done['school-decision']?.details.decision === 'withdraw') state.status = 'withdrawn'
  else if (outcome === 'rescinded') state.status = 'rescinded'
  else if (outcome === 'upheld' && state.done['education-in-place'] && state.done['chair-notified'] && state.done['gds-told']) state.status = 'complete'
  return state
}

export type TaskStatus = 'completed' | 'not-yet-started' | 'cannot-start-yet' | 'not-applicable'

/** The tag for a step on a GOV.UK task list. */
export function taskStatus(step: CaseStep, state: CaseState): TaskStatus {
  if (state.done[step]) return 'completed'
  if (state.available.includes(step)) return 'not-yet-started'
  return state.status === 'withdrawn' || state.status === 'rescinded' ? 'not-applicable' : 'cannot-start-yet'
}

function futureDateProblem(step: CaseStep, iso: unknown, today: string): string | undefined {
  const { label, mayBeFuture } = STEP_DATES[step]
  const date = typeof iso === 'string' ? parseIsoDate(iso) : undefined
  const todayDate = parseIsoDate(today)
  if (mayBeFuture || !date || !todayDate) return undefined
  return compareDates(date, todayDate) > 0 ? `${label} must be today or in the past` : undefined
}

/**
 * What is wrong with recording `step` with these details now: first whether the step may be
 * recorded at all (path "(step)"), then each field. With `today`, a date after it is refused,
 * except when education starts.
 */
export function stepProblems(step: CaseStep, input: unknown, recorded: readonly RecordedStep[], today?: string): FieldProblem[] {
  const blocked = blockedBecause(step, latestRecords(recorded))
  if (blocked) return [{ path: '(step)', message: blocked }]
  const checked = STEP_SCHEMAS[step].safeParse(input)
  if (!checked.success) return fieldProblems(checked.error)
  const { field } = STEP_DATES[step]
  const future = today ? futureDateProblem(step, (checked.data as Record<string, unknown>)[field], today) : undefined
  return future ? [{ path: field, message: future }] : []
}

/**
 * Reads a step's form as GOV.UK's components post it: the date as `<field>-day`, `-month` and
 * `-year`, each other answer under its own name. Problems are keyed by the id of the box the
 * error summary links to (`on-day`, `who`). Whether the step may be recorded now is
 * stepProblems' question.
 */
export function stepDetailsFromForm<Step extends CaseStep>(
  step: Step,
  form: Readonly<Record<string, string | undefined>>,
  today: string,
): { details: StepDetails[Step] } | { problems: FieldProblem[] } {
  const { field, label } = STEP_DATES[step]
  const problems: FieldProblem[] = []
  // A field sent twice arrives as a list from some body parsers: it is no answer.
  const answer = (name: string) => (typeof form[name] === 'string' ? form[name] : '')
  const candidate: Record<string, string | undefined> = {}
  for (const name of Object.keys(STEP_SCHEMAS[step].shape)) {
    if (name === field) continue
    candidate[name] = answer(name).trim() || undefined
  }
  // The alternative is revealed only for a rescinded exclusion: what stays typed in the hidden box is not an answer.
  if (step === 'outcome' && candidate.outcome !== 'rescinded') delete candidate.alternativeOutcome

  const parts = { day: answer(`${field}-day`), month: answer(`${field}-month`), year: answer(`${field}-year`) }
  const parsed = parseDateParts(parts, label)
  if (parsed.kind === 'date') candidate[field] = parsed.iso
  if (parsed.kind === 'error') problems.push({ path: `${field}-${parsed.parts[0]}`, message: parsed.message })
  else if (parsed.kind === 'date') {
    const future = futureDateProblem(step, parsed.iso, today)
    if (future) problems.push({ path: `${field}-day`, message: future })
  }

  const checked = STEP_SCHEMAS[step].safeParse(candidate)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const name = String(issue.path[0] ?? '')
      // A date already reported from its boxes is not reported twice.
      if (name === field && parsed.kind === 'error') continue
      problems.push({ path: name === field ? `${field}-day` : name, message: issue.message })
    }
  }
  // Problems in the order of the form: the error summary lists them as the page shows the fields.
  const order = Object.keys(STEP_SCHEMAS[step].shape)
  const place = (path: string) => order.indexOf(path.startsWith(`${field}-`) ? field : path)
  problems.sort((a, b) => place(a.path) - place(b.path))
  if (problems.length > 0) return { problems }
  return { details: checked.data as StepDetails[Step] }
}

/**
 * The lines a school's device shows under its notice's status. Devices keep statuses
 * unencrypted, so these are fixed words and dates only: never what an officer typed (the
 * provider, who at the SEIP, the alternative outcome).
 */
export function deviceProgress(recorded: readonly RecordedStep[], formatDate: (date: CalendarDate) => string): string[] {
  const { done } = caseState(recorded)
  const date = (iso: string) => {
    const parsed = parseIsoDate(iso)
    return parsed ? formatDate(parsed) : undefined
  }
  const on = (iso: string) => (date(iso) ? ` on ${date(iso)}` : '')
  const lines: { [Step in CaseStep]: (details: StepDetails[Step]) => string } = {
    'duty-desk-call': () => 'The Inclusion Service has received your call to the duty desk',
    'seip-involved': () => 'Your area SEIP is involved',
    'school-decision': ({ decision }) =>
      decision === 'continue'
        ? 'The Inclusion Service has noted that you are continuing with the permanent exclusion'
        : 'The Inclusion Service has noted that you withdrew the permanent exclusion',
    'decision-confirmed': (details) => `Your decision was confirmed by secure email${on(details.on)}`,
    outcome: ({ outcome }) => `The Inclusion Service has recorded the permanent exclusion as ${outcome}`,
    'education-in-place': ({ startDate }) => (date(startDate) ? `Education is arranged from ${date(startDate)}` : 'Education is arranged'),
    'chair-notified': (details) => `The chair of governors has been formally notified${on(details.on)}`,
    'gds-told': () => 'The Governor Development Service has been told',
  }
  const line = <Step extends CaseStep>(step: Step) => {
    const record = done[step]
    return record ? [lines[step](record.details)] : []
  }
  return CASE_STEPS.flatMap(line)
}
