import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { parseDateParts } from '../../src/domain/date-input'
import { SUBMISSION_KIND_LABELS } from '../../src/domain/submissions'
import type { z } from '../../src/domain/zod'
import type { IntakeStore } from '../store/intake-store'
import { normalisedName } from '../store/pupil-identity'
import { DEFAULT_RETENTION_MONTHS, type HeldRecord } from '../store/retention-store'
import { field, form, routeSchema } from './form-schema'
import { requirePermission, type AreaOptions } from './index'
import { dateTime, errorSummaryList, longDate, sendPage } from './views'

/** How often the service deletes what is past its period (server/main.ts). */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000
const MAX_MONTHS = 1200

const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** The same moment `months` calendar months earlier; the 31st becomes the month's last day where it has no 31st. */
export function monthsBefore(date: Date, months: number): Date {
  const earlier = new Date(date.getTime())
  earlier.setUTCDate(1)
  earlier.setUTCMonth(earlier.getUTCMonth() - months)
  const lastDay = new Date(Date.UTC(earlier.getUTCFullYear(), earlier.getUTCMonth() + 1, 0)).getUTCDate()
  earlier.setUTCDate(Math.min(date.getUTCDate(), lastDay))
  return earlier
}

/**
 * Deletes every record closed longer ago than the retention period, with what refers to it
 * (a case's steps, a notice's outcomes), writing "Deleted under retention" for each as the
 * system. Idempotency rows stay: they hold a hash of the sealed request and the answer
 * (reference, time, status), nothing about the pupil, and they stop a late retry from a
 * device bringing a deleted record back. Returns the references deleted.
 */
export async function applyRetention(store: IntakeStore, now: Date): Promise<string[]> {
  const { months } = await store.retention.setting()
  return store.retention.deleteClosedBefore(monthsBefore(now, months).toISOString(), now.toISOString())
}

/** "72 months (6 years)" */
function periodText(months: number): string {
  const years = months % 12 === 0 ? ` (${months / 12} ${months === 12 ? 'year' : 'years'})` : ''
  return `${months} ${months === 1 ? 'month' : 'months'}${years}`
}

const monthLabel = (month: string, later = 0) => MONTH_YEAR.format(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + later, 1)))

const periodForm = form({ months: field(20) })
const pupilForm = form({ name: field(200), 'dateOfBirth-day': field(20), 'dateOfBirth-month': field(20), 'dateOfBirth-year': field(20) })
type PupilForm = z.infer<typeof pupilForm>

/** The date of birth a submission gives for its pupil (a forum case's child), if any. */
function dateOfBirthIn(payload: unknown): string | undefined {
  const person = (payload as { pupil?: { dateOfBirth?: unknown }; child?: { dateOfBirth?: unknown } }).pupil ?? (payload as { child?: { dateOfBirth?: unknown } }).child
  return typeof person?.dateOfBirth === 'string' ? person.dateOfBirth : undefined
}

/** Retention of closed records; a pupil's subject access export. Administrators only. */
export const retentionRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const retentionPage = async (reply: FastifyReply, extra: { errors?: Record<string, string>; months?: string; banner?: { text: string; success: boolean } } = {}, status = 200) => {
    const setting = await store.retention.setting()
    const at = now()
    const cutoff = monthsBefore(at, setting.months)
    const errors = extra.errors ?? {}
    return sendPage(
      reply,
      'retention.njk',
      {
        title: 'Retention of closed records',
        setting,
        period: periodText(setting.months),
        defaultPeriod: periodText(DEFAULT_RETENTION_MONTHS),
        months: extra.months ?? String(setting.months),
        cutoff: longDate(cutoff.toISOString()),
        dueNow: await store.retention.countClosedBefore(cutoff.toISOString()),
        schedule: (await store.retention.closedByMonth()).map(({ month, count }) => ({ closed: monthLabel(month), deleted: monthLabel(month, setting.months), count })),
        updatedAt: setting.updatedAt ? dateTime(setting.updatedAt) : undefined,
        errors,
        errorList: errorSummaryList(errors),
        banner: extra.banner,
      },
      status,
    )
  }

  app.get<{ Querystring: { deleted?: string; changed?: string } }>('/retention', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const deleted = /^[0-9]{1,9}$/.test(request.query.deleted ?? '') ? Number(request.query.deleted) : undefined
    const banner =
      deleted !== undefined
        ? { text: deleted === 0 ? 'Retention applied: no records were due for deletion' : `Retention applied: ${deleted} ${deleted === 1 ? 'record' : 'records'} deleted`, success: true }
        : request.query.changed === 'period'
          ? { text: 'Retention period changed', success: true }
          : undefined
    return retentionPage(reply, { banner })
  })

  app.post<{ Body: z.infer<typeof periodForm> }>('/retention', { schema: { body: routeSchema(periodForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const typed = (request.body.months ?? '').trim()
    let problem: string | undefined
    if (!typed) problem = 'Enter the retention period in months'
    else if (!/^[0-9]+$/.test(typed)) problem = 'Retention period must be a whole number of months, like 72'
    else if (Number(typed) < 1 || Number(typed) > MAX_MONTHS) problem = `Retention period must be between 1 and ${MAX_MONTHS} months`
    if (problem) return retentionPage(reply, { errors: { months: problem }, months: typed }, 400)
    const months = Number(typed)
    await store.retention.setMonths(months, now().toISOString(), request.officer!.username)
    await audit(request, 'Changed retention period', `${months} months`)
    return reply.redirect('/workspace/retention?changed=period', 303)
  })

  app.post('/retention/apply', { schema: { body: routeSchema(form({})) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    await audit(request, 'Applied retention')
    const deleted = await applyRetention(store, now())
    return reply.redirect(`/workspace/retention?deleted=${deleted.length}`, 303)
  })

  // Subject access: a POST each time, so that the pupil's name is never in an address, a log or a history.
  const accessPage = (reply: FastifyReply, data: Record<string, unknown>, status = 200) =>
    sendPage(reply, 'subject-access.njk', { title: 'Subject access request', backLink: { href: '/workspace/people', text: 'Back to administration' }, ...data }, status)

  /** The pupil a form names, or the page again with its messages (and what was typed). */
  const pupilOf = async (request: FastifyRequest<{ Body: PupilForm }>, reply: FastifyReply) => {
    const name = (request.body.name ?? '').trim()
    const parts = { day: request.body['dateOfBirth-day'] ?? '', month: request.body['dateOfBirth-month'] ?? '', year: request.body['dateOfBirth-year'] ?? '' }
    const dateOfBirth = parseDateParts(parts, 'Date of birth')
    const errors: { text: string; href: string }[] = []
    const fieldErrors: Record<string, string> = {}
    if (!name) {
      fieldErrors.name = 'Enter the pupil’s full name'
      errors.push({ text: fieldErrors.name, href: '#name' })
    }
    if (dateOfBirth.kind === 'error') {
      fieldErrors.dateOfBirth = dateOfBirth.message
      errors.push({ text: dateOfBirth.message, href: `#dateOfBirth-${dateOfBirth.parts[0]}` })
    }
    const wrongParts = dateOfBirth.kind === 'error' ? dateOfBirth.parts : []
    const values = { name, dateOfBirth: parts, wrongParts }
    if (errors.length > 0) {
      await accessPage(reply, { values, fieldErrors, errorList: errors }, 400)
      return undefined
    }
    const iso = dateOfBirth.kind === 'date' ? dateOfBirth.iso : undefined
    const records = (await store.retention.heldAbout(normalisedName(name))).filter((record) => !iso || dateOfBirthIn(record.payload) === iso)
    return { name, dateOfBirth: iso, records, values }
  }

  const references = (records: HeldRecord[]) => records.flatMap((record) => [record.reference, ...record.updates.map((update) => update.reference)])
  const auditEach = async (request: FastifyRequest, action: string, records: HeldRecord[]) => {
    const subjects = references(records)
    if (subjects.length === 0) await audit(request, action)
    for (const subject of subjects) await audit(request, action, subject)
  }

  app.get('/subject-access', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    return accessPage(reply, { values: { dateOfBirth: {}, wrongParts: [] }, fieldErrors: {} })
  })

  app.post<{ Body: PupilForm }>('/subject-access', { schema: { body: routeSchema(pupilForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const found = await pupilOf(request, reply)
    if (!found) return reply
    await auditEach(request, 'Searched for subject access', found.records)
    return accessPage(reply, {
      values: found.values,
      fieldErrors: {},
      searched: true,
      dateOfBirthText: found.dateOfBirth ? longDate(found.dateOfBirth) : undefined,
      matches: found.records.map((record) => ({
        reference: record.reference,
        kind: SUBMISSION_KIND_LABELS[record.kind],
        setting: record.setting.name,
        received: dateTime(record.receivedAt),
        updates: record.updates.length,
      })),
    })
  })

  app.post<{ Body: PupilForm }>('/subject-access/export', { schema: { body: routeSchema(pupilForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const found = await pupilOf(request, reply)
    if (!found) return reply
    const at = now()
    const auditOf = async (reference: string) => (await store.audit.list({ subject: reference }, 100_000, 0)).entries.reverse()
    const describe = async (record: HeldRecord): Promise<Record<string, unknown>> => ({
      reference: record.reference,
      kind: SUBMISSION_KIND_LABELS[record.kind],
      setting: record.setting,
      receivedAt: record.receivedAt,
      status: record.status,
      ...(record.forumDate ? { forumDate: record.forumDate } : {}),
      ...(record.outcome ? { outcome: record.outcome } : {}),
      ...(record.caseState ? { caseState: record.caseState } : {}),
      ...(record.closedAt ? { closedAt: record.closedAt } : {}),
      sentBySetting: record.payload,
      recordedByTheInclusionService: record.related,
      auditEntries: (await auditOf(record.reference)).map(({ at, officerUsername, action }) => ({ at, officer: officerUsername, action })),
    })
    const file = {
      exportedAt: at.toISOString(),
      exportedBy: request.officer!.username,
      about: { name: found.name, ...(found.dateOfBirth ? { dateOfBirth: found.dateOfBirth } : {}) },
      explanation:
        'Everything the Inclusion Service’s workspace holds about this pupil: each submission as the setting sent it, what officers recorded about it, and the audit entries naming it.',
      records: await Promise.all(
        found.records.map(async (record) => ({ ...(await describe(record)), laterSubmissions: await Promise.all(record.updates.map(describe)) })),
      ),
    }
    await auditEach(request, 'Exported subject access', found.records)
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="subject-access-${at.toISOString().slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(file, null, 2))
  })
}
