import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { parseDateParts, type DatePart, type DateParts } from '../../src/domain/date-input'
import { ADVICE_AREA_LABELS, ADVICE_AREAS } from '../../src/domain/forums'
import { educationPlanSchema, type EducationPlanRecord } from '../../src/domain/submissions'
import { z } from '../../src/domain/zod'
import type { SubmissionDetail } from '../store/intake-store'
import type { RecordedPlan } from '../store/plans-store'
import { field, form, numericId, routeSchema, type NumericId } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { dateTime, longDate, sendPage } from './views'

/**
 * The education plan an officer records for a forum case after it is heard (seed 004): the
 * advice given, the actions (what, who, by when) and the review date. Recording it issues the
 * plan: the case closes and the setting's devices fetch it. A page of plain form rows, no
 * script: five blank action rows, and "Save and add more actions" for five more.
 */

/** The most actions a plan holds (the plan's schema says so). */
const MOST_ACTIONS = 30
const BLANK_ROWS = 5
const WHAT_MAX = 1_000
const WHO_MAX = 200
const NOTES_MAX = 20_000
const ROW_NUMBERS = Array.from({ length: MOST_ACTIONS }, (_, index) => index + 1)
const DATE_PARTS: DatePart[] = ['day', 'month', 'year']

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const planForm = form({
  adviceNotes: field(NOTES_MAX * 2), 'review-day': field(100), 'review-month': field(100), 'review-year': field(100), more: field(10),
  ...Object.fromEntries(
    ROW_NUMBERS.flatMap((n) => [
      [`action-${n}-id`, field(50)], [`action-${n}-what`, field(WHAT_MAX * 2)], [`action-${n}-who`, field(WHO_MAX * 2)],
      ...DATE_PARTS.map((part) => [`action-${n}-by-${part}`, field(100)]),
    ]),
  ),
}).extend({ advice: z.union([z.string().max(50), z.array(z.string().max(50)).max(ADVICE_AREAS.length)]).optional() })
type PlanForm = { [name: string]: string | string[] | undefined; advice?: string | string[] }
const planQuery = z.looseObject({ saved: field(10) })
type PlanQuery = z.infer<typeof planQuery>

/** What was typed, '' for each field left out; the advice chosen. Shown again with the messages. */
interface Typed {
  values: Record<string, string>
  advice: string[]
  /** How many action rows the form had. */
  rows: number
}

/** A form's messages by the id of the field each is beside, where the summary links to, and the date boxes to mark. */
interface Problems {
  errors: Record<string, string>
  errorList: { text: string; href: string }[]
  dateParts: Record<string, DatePart[]>
}

const textOf = (body: PlanForm, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

const datePartsOf = (values: Record<string, string>, prefix: string): DateParts => ({
  day: values[`${prefix}-day`] ?? '', month: values[`${prefix}-month`] ?? '', year: values[`${prefix}-year`] ?? '',
})

function typedIn(body: PlanForm): Typed {
  const names = Object.keys(planForm.shape).filter((name) => name !== '_csrf' && name !== 'advice' && name !== 'more')
  const values = Object.fromEntries(names.map((name) => [name, textOf(body, name)]))
  const advice = [body.advice ?? []].flat()
  // As many rows as were sent (the last one with any field in the body), never fewer than the blank rows.
  const sent = ROW_NUMBERS.filter((n) => Object.keys(body).some((name) => name.startsWith(`action-${n}-`)))
  return { values, advice, rows: Math.max(BLANK_ROWS, ...sent) }
}

/** The form as the recorded plan fills it, with five blank rows after its actions (as many as a plan may hold). */
function typedOf(plan: EducationPlanRecord | undefined): Typed {
  const values: Record<string, string> = { adviceNotes: plan?.adviceNotes ?? '' }
  const withParts = (prefix: string, iso: string) => {
    const [year, month, day] = iso.split('-').map((part) => String(Number(part)))
    Object.assign(values, { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! })
  }
  if (plan) withParts('review', plan.reviewDate)
  plan?.actions.forEach((action, index) => {
    const n = index + 1
    Object.assign(values, { [`action-${n}-id`]: action.id, [`action-${n}-what`]: action.action, [`action-${n}-who`]: action.who })
    withParts(`action-${n}-by`, action.byWhen)
  })
  return { values, advice: plan?.advice ?? [], rows: Math.min(MOST_ACTIONS, (plan?.actions.length ?? 0) + BLANK_ROWS) }
}

const count = (max: number) => max.toLocaleString('en-GB')

/**
 * The plan the form describes, or its problems: at least one kind of advice and one action;
 * each action row filled in full (a blank row is left out); real dates; the review date not
 * before the forum date. Rows keep the ids of the actions they held; new rows get new ones.
 */
export function readPlan(typed: Typed, context: { forumDate?: string; keptIds: string[]; recordedAt: string }): { plan: EducationPlanRecord } | { problems: Problems } {
  const problems: Problems = { errors: {}, errorList: [], dateParts: {} }
  const problem = (id: string, text: string, href = id) => {
    problems.errors[id] = text
    problems.errorList.push({ text, href: `#${href}` })
  }
  const readDate = (prefix: string, label: string, missing: string): string | undefined => {
    const result = parseDateParts(datePartsOf(typed.values, prefix), label)
    if (result.kind === 'date') return result.iso
    const [message, parts] = result.kind === 'empty' ? [missing, DATE_PARTS] : [result.message, result.parts]
    problems.dateParts[prefix] = parts
    problem(prefix, message, `${prefix}-${parts[0]}`)
    return undefined
  }

  const advice = ADVICE_AREAS.filter((area) => typed.advice.includes(area))
  if (advice.length === 0) problem('advice', 'Select the advice given')
  const adviceNotes = (typed.values.adviceNotes ?? '').trim()
  if (adviceNotes.length > NOTES_MAX) problem('adviceNotes', `Notes on the advice must be ${count(NOTES_MAX)} characters or fewer`)

  const kept = new Set(context.keptIds)
  const used = new Set<string>()
  let next = Math.max(0, ...context.keptIds.map((id) => Number(/^a([0-9]+)$/.exec(id)?.[1] ?? 0))) + 1
  const actions: EducationPlanRecord['actions'] = []
  for (const n of ROW_NUMBERS.filter((row) => row <= typed.rows)) {
    const value = (name: string) => (typed.values[`action-${n}-${name}`] ?? '').trim()
    const [what, who] = [value('what'), value('who')]
    const dateTyped = DATE_PARTS.some((part) => value(`by-${part}`) !== '')
    if (!what && !who && !dateTyped) continue
    if (!what) problem(`action-${n}-what`, `Enter what is to be done for action ${n}`)
    else if (what.length > WHAT_MAX) problem(`action-${n}-what`, `Action ${n} must be ${count(WHAT_MAX)} characters or fewer`)
    if (!who) problem(`action-${n}-who`, `Enter who will do action ${n}`)
    else if (who.length > WHO_MAX) problem(`action-${n}-who`, `Who will do action ${n} must be ${count(WHO_MAX)} characters or fewer`)
    const byWhen = readDate(`action-${n}-by`, `Date for action ${n}`, `Enter the date action ${n} is to be done by`)
    const typedId = value('id')
    const id = kept.has(typedId) && !used.has(typedId) ? typedId : `a${next++}`
    used.add(id)
    if (what && who && byWhen) actions.push({ id, action: what, who, byWhen })
  }
  const rowsFilled = Object.keys(problems.errors).some((id) => id.startsWith('action-')) || actions.length > 0
  if (!rowsFilled) problem('action-1-what', 'Enter at least one action')

  const reviewDate = readDate('review', 'Review date', 'Enter the review date')
  if (reviewDate && context.forumDate && reviewDate < context.forumDate) {
    problems.dateParts.review = DATE_PARTS
    problem('review', `Review date must be the same as or after ${longDate(context.forumDate)}, the forum date`, 'review-day')
  }

  if (problems.errorList.length > 0) return { problems }
  // The schema devices check the plan with: a plan this page would send them, they take.
  const plan = educationPlanSchema.parse({ advice, ...(adviceNotes ? { adviceNotes } : {}), actions, reviewDate, recordedAt: context.recordedAt })
  return { plan }
}

/** The recorded plan in words, for the case's page (its template escapes every value). */
export function planView(recorded: RecordedPlan) {
  const { plan } = recorded
  return {
    advice: plan.advice.map((area) => ADVICE_AREA_LABELS[area]),
    adviceNotes: plan.adviceNotes,
    actions: plan.actions.map((action) => `${action.action} (${action.who}, by ${longDate(action.byWhen)})`),
    reviewDate: longDate(plan.reviewDate),
    issued: dateTime(recorded.issuedAt),
    recorded: `${dateTime(plan.recordedAt)} by ${recorded.recordedByName}`,
  }
}

export const planRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const withId = { params: routeSchema(numericId) }

  /** The forum case the address names, once the officer may work; otherwise the answer (403, 404) has been sent. */
  const forumCase = async (request: FastifyRequest<{ Params: NumericId }>, reply: FastifyReply): Promise<SubmissionDetail | undefined> => {
    if (!(await requirePermission(request, reply, 'work'))) return undefined
    const submission = await store.submission(Number(request.params.id))
    if (submission?.kind === 'forum-case') return submission
    await errorPage(reply, 404)
    return undefined
  }

  const formPage = (reply: FastifyReply, submission: SubmissionDetail, recorded: RecordedPlan | undefined, typed: Typed, problems?: Problems, banner?: string) => {
    const values = typed.values
    const dateParts = problems?.dateParts ?? {}
    const heading = recorded ? 'Change the education plan' : 'Record the education plan'
    return sendPage(
      reply,
      'plan.njk',
      {
        title: `${heading}: ${submission.reference}`,
        heading,
        backLink: { href: `/workspace/submissions/${submission.id}`, text: `Back to ${submission.reference}` },
        ...(banner ? { banner: { text: banner, success: true } } : {}),
        action: `/workspace/submissions/${submission.id}/plan`,
        reference: submission.reference,
        forumDate: submission.forumDate ? longDate(submission.forumDate) : undefined,
        errors: problems?.errors ?? {},
        errorList: problems?.errorList ?? [],
        values,
        dateParts,
        adviceItems: ADVICE_AREAS.map((area) => ({ value: area, text: ADVICE_AREA_LABELS[area], checked: typed.advice.includes(area) })),
        rows: ROW_NUMBERS.filter((n) => n <= typed.rows).map((n) => ({ n, prefix: `action-${n}`, id: values[`action-${n}-id`] ?? '' })),
        canAddMore: typed.rows < MOST_ACTIONS,
      },
      problems ? 400 : 200,
    )
  }

  app.get<{ Params: NumericId; Querystring: PlanQuery }>('/submissions/:id/plan', { schema: { ...withId, querystring: routeSchema(planQuery) } }, async (request, reply) => {
    const submission = await forumCase(request, reply)
    if (!submission) return reply
    const recorded = await store.plans.plan(submission.id)
    const banner = request.query.saved === 'more' ? 'Education plan saved. Add more actions in the blank rows.' : undefined
    return formPage(reply, submission, recorded, typedOf(recorded?.plan), undefined, banner)
  })

  app.post<{ Params: NumericId; Body: PlanForm }>('/submissions/:id/plan', { schema: { ...withId, body: routeSchema(planForm) } }, async (request, reply) => {
    const submission = await forumCase(request, reply)
    if (!submission) return reply
    const recorded = await store.plans.plan(submission.id)
    const typed = typedIn(request.body)
    const read = readPlan(typed, { forumDate: submission.forumDate, keptIds: recorded?.plan.actions.map((action) => action.id) ?? [], recordedAt: now().toISOString() })
    if ('problems' in read) return formPage(reply, submission, recorded, typed, read.problems)
    const officer = request.officer!
    const result = await store.plans.record(submission.id, read.plan, { id: officer.id, displayName: officer.displayName })
    // Deleted under retention between the page and the form: nothing to record it on.
    if ('refused' in result) return errorPage(reply, 404)
    await audit(request, 'Recorded education plan', submission.reference)
    if (request.body.more === 'yes') return reply.redirect(`/workspace/submissions/${submission.id}/plan?saved=more`, 303)
    return reply.redirect(`/workspace/submissions/${submission.id}?updated=plan-${result.outcome}`, 303)
  })
}
