import type { FastifyPluginAsync } from 'fastify'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import type { ReasonCodes } from '../../src/domain/content-schema'
import { ukDate } from '../../src/domain/dates'
import { reasonCodesOf } from '../../src/domain/default-content/reason-codes'
import {
  CASE_STEP_LABELS, CASE_STEPS, caseState, isCaseStep, STEP_DATES, stepDetailsFromForm, stepProblems, taskStatus,
  type CaseState, type CaseStatus, type CaseStep, type RecordedStep, type StepDetails, type TaskStatus,
} from '../../src/domain/exclusion-case'
import { OUTSIDE_TERM_DATES, type CalendarBasis } from '../../src/domain/school-calendar'
import { yearGroupLabel, type YearGroup } from '../../src/domain/school-year'
import type { FieldProblem, PermanentExclusionPayload, PermanentExclusionUpdatePayload } from '../../src/domain/submissions'
import type { z } from '../../src/domain/zod'
import type { CaseStepRecord } from '../store/cases-store'
import type { SubmissionDetail } from '../store/intake-store'
import { publishedContent } from './content-draft'
import { can } from './session'
import { SEN_LABELS } from './submission-labels'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { dateTime, longDate, sendPage } from './views'

// Bounds above the domain's own (200 for a name, 20,000 for the alternative), so that an
// answer a little too long gets the page's message beside it, not a 400 page that loses it.
const stepForm = form({
  'at-day': field(20), 'at-month': field(20), 'at-year': field(20),
  'on-day': field(20), 'on-month': field(20), 'on-year': field(20),
  'startDate-day': field(20), 'startDate-month': field(20), 'startDate-year': field(20),
  decision: field(50), outcome: field(50), who: field(2_000), provider: field(2_000), alternativeOutcome: field(40_000),
})
type StepForm = z.infer<typeof stepForm>
type Params = { id: string; step?: string }

const ID = /^[0-9]{1,15}$/

const STATUS_TAGS: Record<CaseStatus, { text: string; classes: string }> = {
  open: { text: 'Open', classes: 'govuk-tag--blue' },
  withdrawn: { text: 'Withdrawn by the school', classes: 'govuk-tag--grey' },
  rescinded: { text: 'Rescinded', classes: 'govuk-tag--grey' },
  complete: { text: 'Complete', classes: 'govuk-tag--green' },
}

const TASK_STATUSES: Record<TaskStatus, { tag?: { text: string; classes?: string }; text?: string; classes?: string }> = {
  completed: { text: 'Completed' },
  'not-yet-started': { tag: { text: 'Not yet started', classes: 'govuk-tag--blue' } },
  'cannot-start-yet': { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
  'not-applicable': { text: 'Not needed', classes: 'govuk-task-list__status--cannot-start-yet' },
}

const BASIS_WORDS: Record<CalendarBasis, string> = {
  'term-dates': 'The setting’s own term dates, INSET days and bank holidays',
  'weekdays-and-bank-holidays': 'Weekdays less bank holidays: the setting had not added its term dates, so school holidays were not taken off',
}

const NOT_REACHED = 'Not known yet: the setting’s term dates do not reach it'

/** A deadline as the app sent it: a date, or the marker that the setting's term dates did not reach it. */
const deadlineWords = (sent: string | undefined) => (sent === undefined ? undefined : sent === OUTSIDE_TERM_DATES ? NOT_REACHED : longDate(sent))

const yesNo = (value: unknown) => (value ? 'Yes' : 'No')
const orNotGiven = (value: unknown) => (typeof value === 'string' && value.trim() ? value : 'Not given')

/** A permanent exclusion as a case with its steps. */
export const caseRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  /** The notice behind a case, or undefined for anything else (an unknown id, another kind of submission). */
  const caseOf = async (id: string): Promise<SubmissionDetail | undefined> => {
    if (!ID.test(id)) return undefined
    const submission = await store.submission(Number(id))
    return submission?.kind === 'permanent-exclusion' ? submission : undefined
  }

  app.get<{ Params: Params; Querystring: { recorded?: unknown } }>('/cases/:id', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return
    const notice = await caseOf(request.params.id)
    if (!notice) return errorPage(reply, 404)
    const [records, updates] = await Promise.all([store.cases.steps(notice.id), store.cases.updates(notice.deviceId, notice.idempotencyKey)])
    await audit(request, 'Viewed case', notice.reference)
    const state = caseState(records)
    const today = ukDate(now())
    const payload = notice.payload as PermanentExclusionPayload
    const recorded = request.query.recorded
    return sendPage(reply, 'case.njk', {
      title: `Permanent exclusion ${notice.reference}`,
      backLink: { href: '/workspace', text: 'Today' },
      banner: isCaseStep(recorded) ? { text: `Recorded: ${CASE_STEP_LABELS[recorded]}`, success: true } : undefined,
      notice,
      statusTag: STATUS_TAGS[state.status],
      pupilRows: pupilRows(payload),
      exclusionRows: exclusionRows(payload, notice, reasonCodesOf((await publishedContent(store.content)).content)),
      schoolRecordRows: schoolRecordRows(payload),
      deadlines: deadlineView(payload, updates.map((update) => update.payload as PermanentExclusionUpdatePayload), state, today),
      updates: updates.map((update) => ({ ...update, rows: updateRows(update.payload as PermanentExclusionUpdatePayload) })),
      tasks: taskItems(notice.id, state, records, can(request.officer, 'work')),
    })
  })

  app.get<{ Params: Params }>('/cases/:id/steps/:step', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return
    const found = await stepContext(request.params)
    if (!found) return errorPage(reply, 404)
    const { notice, step, records } = found
    const blocked = stepProblems(step, undefined, records).find((problem) => problem.path === '(step)')
    if (blocked) return sendPage(reply, 'step-blocked.njk', { ...stepPage(notice, step), message: blocked.message }, 409)
    const latest = caseState(records).done[step]
    // A form opened to correct a step shows what was recorded (a provider, an alternative outcome): a view of the record.
    if (latest) await audit(request, `Viewed step: ${CASE_STEP_LABELS[step]}`, notice.reference)
    const values = latest ? formValues(step, latest.details) : schoolsOwnRecord(step, notice.payload as PermanentExclusionPayload)
    return sendPage(reply, 'step.njk', { ...stepPage(notice, step), ...stepFields(step, values, []), correcting: Boolean(latest) })
  })

  app.post<{ Params: Params; Body: StepForm }>('/cases/:id/steps/:step', { schema: { body: routeSchema(stepForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return
    const found = await stepContext(request.params)
    if (!found) return errorPage(reply, 404)
    const { notice, step, records } = found
    const typed = Object.fromEntries(Object.entries(request.body).filter(([name]) => name !== '_csrf')) as Record<string, string | undefined>
    const today = ukDate(now())
    const read = stepDetailsFromForm(step, typed, today)
    // Whether the step may be recorded at all comes first: the case may have moved on since the form was opened.
    const problems = 'problems' in read ? read.problems : stepProblems(step, read.details, records, today)
    const blocked = stepProblems(step, undefined, records).find((problem) => problem.path === '(step)')
    if (blocked || problems.length > 0) {
      const shown = blocked ? [blocked] : problems
      return sendPage(
        reply,
        'step.njk',
        { ...stepPage(notice, step), ...stepFields(step, typed, shown), correcting: Boolean(caseState(records).done[step]) },
        400,
      )
    }
    const details = (read as { details: StepDetails[CaseStep] }).details
    const officer = request.officer!
    const recorded = await store.cases.recordStep(notice.id, step, details, { id: officer.id, displayName: officer.displayName }, now().toISOString())
    if ('refused' in recorded) {
      const latest = await store.cases.steps(notice.id)
      const problem = [{ path: '(step)', message: recorded.refused }]
      return sendPage(reply, 'step.njk', { ...stepPage(notice, step), ...stepFields(step, typed, problem), correcting: Boolean(caseState(latest).done[step]) }, 409)
    }
    await audit(request, `Recorded step: ${CASE_STEP_LABELS[step]}`, notice.reference)
    return reply.redirect(`/workspace/cases/${notice.id}?recorded=${step}`, 303)
  })

  async function stepContext(params: Params): Promise<{ notice: SubmissionDetail; step: CaseStep; records: CaseStepRecord[] } | undefined> {
    const { step } = params
    if (!isCaseStep(step)) return undefined
    const notice = await caseOf(params.id)
    if (!notice) return undefined
    return { notice, step, records: await store.cases.steps(notice.id) }
  }
}

function stepPage(notice: SubmissionDetail, step: CaseStep) {
  return {
    title: CASE_STEP_LABELS[step],
    caption: `${notice.reference} · ${notice.settingName}`,
    step,
    action: `/workspace/cases/${notice.id}/steps/${step}`,
    backLink: { href: `/workspace/cases/${notice.id}`, text: `Back to ${notice.reference}` },
  }
}

/** The order the step page shows its questions in: the error summary lists problems the same way. */
const PAGE_ORDER: Record<CaseStep, string[]> = {
  'duty-desk-call': ['at'],
  'seip-involved': ['on', 'who'],
  'school-decision': ['decision', 'on'],
  'decision-confirmed': ['on'],
  outcome: ['outcome', 'alternativeOutcome', 'on'],
  'education-in-place': ['provider', 'startDate'],
  'chair-notified': ['on'],
  'gds-told': ['on'],
}

/**
 * What the step page's template is given: each question's value as typed (or prefilled), and
 * its message. A problem's path is the id the error summary links to (`on-day`, `who`).
 */
function stepFields(step: CaseStep, values: Record<string, string | undefined>, problems: FieldProblem[]) {
  const { field: dateField, label: dateLabel, mayBeFuture } = STEP_DATES[step]
  const nameOf = (path: string) => (path.startsWith(`${dateField}-`) ? dateField : path)
  const order = PAGE_ORDER[step]
  const sorted = [...problems].sort((a, b) => order.indexOf(nameOf(a.path)) - order.indexOf(nameOf(b.path)))
  const messages: Record<string, string> = {}
  for (const problem of sorted) messages[nameOf(problem.path)] ??= problem.message
  const dateParts = { day: values[`${dateField}-day`] ?? '', month: values[`${dateField}-month`] ?? '', year: values[`${dateField}-year`] ?? '' }
  // Only the boxes at fault are marked; a message about the whole date marks all three.
  const parsed = parseDateParts(dateParts, dateLabel)
  const faultyParts: DatePart[] = messages[dateField] && parsed.kind === 'error' ? parsed.parts : []
  const dateItem = (part: DatePart) => ({ name: part, value: dateParts[part], ...(faultyParts.includes(part) ? { error: true } : {}) })
  return {
    errorList: sorted.map((problem) => (problem.path === '(step)' ? { text: problem.message } : { text: problem.message, href: `#${problem.path}` })),
    date: {
      id: dateField,
      legend: dateLabel,
      hint: mayBeFuture ? 'For example, 27 3 2027' : 'For example, 27 3 2026. It cannot be in the future.',
      items: (['day', 'month', 'year'] as const).map(dateItem),
      error: messages[dateField],
    },
    values,
    errors: messages,
  }
}

const dateParts = (iso: string, name: string): Record<string, string> => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' }
}

/** The latest record as the form's values, to correct it. */
function formValues(step: CaseStep, details: StepDetails[CaseStep]): Record<string, string> {
  const { field: dateField } = STEP_DATES[step]
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(details as Record<string, unknown>)) {
    if (typeof value !== 'string') continue
    if (name === dateField) Object.assign(values, dateParts(value, dateField))
    else values[name] = value
  }
  return values
}

/** What the school recorded itself, to start the officer off: the call to the duty desk and the SEIP it contacted. */
function schoolsOwnRecord(step: CaseStep, payload: PermanentExclusionPayload): Record<string, string> {
  const dayOf = (at: string | undefined) => {
    const moment = at ? new Date(at) : undefined
    return moment && !Number.isNaN(moment.getTime()) ? ukDate(moment) : undefined
  }
  if (step === 'duty-desk-call') {
    const day = dayOf(payload.dutyDeskCall?.at)
    return day ? dateParts(day, 'at') : {}
  }
  if (step === 'seip-involved') {
    const day = dayOf(payload.seipContact?.at)
    return { ...(day ? dateParts(day, 'on') : {}), ...(payload.seipContact?.who ? { who: payload.seipContact.who } : {}) }
  }
  return {}
}

/** A few words on what a record says, for the task list: fixed wording and dates (the page is only for signed-in officers). */
function recordSummary(record: RecordedStep): string {
  switch (record.step) {
    case 'duty-desk-call':
      return `Call received ${longDate(record.details.at)}`
    case 'seip-involved':
      return `${record.details.who}, ${longDate(record.details.on)}`
    case 'school-decision':
      return `${record.details.decision === 'continue' ? 'Continuing with the exclusion' : 'Withdrawn'}, ${longDate(record.details.on)}`
    case 'outcome':
      return `${record.details.outcome === 'upheld' ? 'Upheld' : `Rescinded. Alternative outcome: ${record.details.alternativeOutcome ?? ''}`}, ${longDate(record.details.on)}`
    case 'education-in-place':
      return `${record.details.provider}, from ${longDate(record.details.startDate)}`
    default:
      return longDate(record.details.on)
  }
}

function taskItems(caseId: number, state: CaseState, records: CaseStepRecord[], mayWork: boolean) {
  return CASE_STEPS.map((step) => {
    const status = taskStatus(step, state)
    const done = state.done[step]
    const hint = done ? `${recordSummary(done)}. Recorded by ${done.recordedBy}, ${dateTime(done.recordedAt)}.` : undefined
    const corrected = records.filter((record) => record.step === step).length > 1
    return {
      title: { text: CASE_STEP_LABELS[step] },
      ...(hint ? { hint: { text: corrected ? `${hint} Corrected.` : hint } } : {}),
      ...(mayWork && state.available.includes(step) ? { href: `/workspace/cases/${caseId}/steps/${step}` } : {}),
      status: TASK_STATUSES[status],
    }
  })
}

type Row = { key: { text: string }; value: { text: string } }
type DeadlineRow = { key: string; value: string; overdue?: boolean }
const row = (key: string, value: string): Row => ({ key: { text: key }, value: { text: value } })

function pupilRows(payload: PermanentExclusionPayload): Row[] {
  const { pupil } = payload
  const rows = [row('Name', pupil.name), row('Date of birth', longDate(pupil.dateOfBirth)), row('Year group', yearGroupLabel(pupil.yearGroup as YearGroup))]
  if (pupil.upn) rows.push(row('UPN', pupil.upn))
  rows.push(
    row('Special educational needs', Object.hasOwn(SEN_LABELS, payload.sen) ? SEN_LABELS[payload.sen] : payload.sen),
    row('Child in need', yesNo(payload.childInNeed)),
    row('Child protection plan', yesNo(payload.childProtectionPlan)),
    row('Looked after', yesNo(payload.lookedAfter)),
  )
  return rows
}

/**
 * A notice's reasons, each with its label when its codes come from the published list (by the
 * list's version name); else the codes as sent, since another list may give a code another meaning.
 */
function reasonWords(reasons: PermanentExclusionPayload['reasons'], published: ReasonCodes): string {
  if (reasons.listVersion !== published.listVersion) return reasons.codes.join(', ')
  const labels = new Map(published.codes.map((reason) => [reason.code, reason.label]))
  return reasons.codes.map((code) => (labels.has(code) ? `${code}: ${labels.get(code)}` : code)).join('; ')
}

function exclusionRows(payload: PermanentExclusionPayload, notice: SubmissionDetail, reasonList: ReasonCodes): Row[] {
  const referrer = [payload.referrer.name, payload.referrer.jobTitle, payload.referrer.phone, payload.referrer.email].filter(Boolean).join(', ')
  return [
    row('Setting', notice.settingName),
    row('Exclusion starts', longDate(payload.effectiveDate)),
    row('Reasons (census codes)', reasonWords(payload.reasons, reasonList)),
    row('What happened', payload.description),
    row('Sent by', referrer),
    row('Received', dateTime(notice.receivedAt)),
  ]
}

/** What the school recorded itself, as it sent it with the notice. */
function schoolRecordRows(payload: PermanentExclusionPayload): Row[] {
  const notified = (moment: { at: string; how?: string } | undefined) =>
    moment ? [dateTime(moment.at), moment.how].filter(Boolean).join(', by ') : 'Not recorded'
  return [
    row('Duty desk call', `${dateTime(payload.dutyDeskCall.at)}, spoke to ${payload.dutyDeskCall.spokeTo}`),
    row('Area SEIP contact', `${dateTime(payload.seipContact.at)}, ${payload.seipContact.who}`),
    row('Nature of the incident', payload.discussion.incident),
    row('Support options discussed', orNotGiven(payload.discussion.supportOptions)),
    row('Process discussed', orNotGiven(payload.discussion.process)),
    row('Next steps', orNotGiven(payload.discussion.nextSteps)),
    row('Parents notified', notified(payload.parentsNotified)),
    row('Social worker notified', notified(payload.socialWorkerNotified)),
    row('Virtual school head notified', notified(payload.virtualSchoolHeadNotified)),
  ]
}

function updateRows(update: PermanentExclusionUpdatePayload): Row[] {
  const rows = [row('Outcome', update.outcome === 'upheld' ? 'Upheld' : 'Rescinded'), row('Decided on', longDate(update.decidedOn))]
  if (update.alternativeOutcome) rows.push(row('Alternative outcome', update.alternativeOutcome))
  if (update.deadlines?.boardDecidedOn) rows.push(row('Governing board decided on', longDate(update.deadlines.boardDecidedOn)))
  return rows
}

/**
 * The deadlines exactly as the school's app worked them out on the setting's calendar and sent
 * them: the workspace never recounts them on a calendar of its own.
 */
function deadlineView(payload: PermanentExclusionPayload, updates: PermanentExclusionUpdatePayload[], state: CaseState, today: string) {
  const sent = payload.deadlines
  if (!sent) return { sent: false }
  const review = [...updates].reverse().find((update) => update.deadlines?.independentReviewBy)?.deadlines
  // Overdue against the date as sent: the 6th school day has passed and no education is recorded.
  const educationOverdue =
    state.status === 'open' && !state.done['education-in-place'] && sent.educationFrom !== OUTSIDE_TERM_DATES && sent.educationFrom < today
  const rows: DeadlineRow[] = [
    { key: 'Education from (the 6th school day)', value: deadlineWords(sent.educationFrom)!, overdue: educationOverdue },
    { key: 'Governing board to consider reinstatement by', value: deadlineWords(sent.boardConsiderBy)! },
  ]
  if (review) {
    if (review.boardDecidedOn) rows.push({ key: 'Governing board decided on', value: longDate(review.boardDecidedOn) })
    rows.push({ key: 'Parents may ask for an independent review by', value: deadlineWords(review.independentReviewBy)! })
  }
  rows.push({ key: 'Counted on', value: BASIS_WORDS[sent.basis] }, { key: 'Calendar, as the app described it', value: sent.calendar })
  // An outcome sent later may have been counted on a newer calendar (the setting added its term dates): say so.
  if (review && (review.calendar !== sent.calendar || review.basis !== sent.basis)) {
    rows.push({ key: 'Review deadline counted on', value: `${BASIS_WORDS[review.basis]}: “${review.calendar}”` })
  }
  return { sent: true, rows }
}
