import { readFileSync } from 'node:fs'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { formatIsoDate, formatLongDate, localToday, parseIsoDate } from '../../src/domain/dates'
import { CONSENT_METHOD_LABELS } from '../../src/domain/forum-case-sections'
import { approximateTermRange, schoolYearRange } from '../../src/domain/school-year'
import {
  SUBMISSION_KIND_LABELS, SUBMISSION_KINDS, SUBMISSION_STATUSES,
  type ForumCasePayload, type SubmissionKind, type SubmissionStatus,
} from '../../src/domain/submissions'
import { hashPassword, verifyPassword } from '../secrets'
import type { IntakeStore, SubmissionDetail, SubmissionFilter, SubmissionSummary } from '../store/intake-store'
import { errorSummary, html, page, SafeHtml } from './html'
import {
  filterQuery, forumDateForm, loginForm, outcomeForm, routeSchema, submissionParams,
  type FilterQuery, type ForumDateForm, type LoginForm, type OutcomeForm, type SubmissionParams,
} from './schemas'
import { adminSessions, sameOrigin } from './session'

const STATUS_LABELS: Record<SubmissionStatus, string> = {
  received: 'Received',
  'forum-date-set': 'Forum date set',
  'plan-issued': 'Plan issued',
  'outcome-recorded': 'Outcome recorded',
}
/**
 * What the inbox can record as an outcome. The device shows it, unencrypted, on the receipt,
 * so it is a fixed choice and never free text that could name a child.
 */
export const OUTCOMES: Record<SubmissionKind, string[]> = {
  'forum-case': [],
  suspension: ['Noted', 'Contact made to discuss support'],
  'permanent-exclusion': ['Upheld', 'Rescinded', 'Education in place by day 6'],
  'permanent-exclusion-update': ['Noted'],
}
const CSS = readFileSync(new URL('./admin.css', import.meta.url), 'utf8')

/** The Inclusion Service's inbox: submissions to read and act on, CSV export, suspension counts. */
export const adminRoutes: FastifyPluginAsync<{ store: IntakeStore; secureCookies: boolean }> = async (app, { store, secureCookies }) => {
  const sessions = await adminSessions(app, store, { secureCookies })
  // Checked against when the username is unknown, so that the answer takes as long either way.
  const unknownUserHash = hashPassword('no such administrator')
  const send = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body)

  app.get('/admin/admin.css', async (_request, reply) => reply.header('Cache-Control', 'no-cache').type('text/css; charset=utf-8').send(CSS))

  const loginPage = (errors: { href: string; message: string }[] = [], username = '') =>
    page(
      'Sign in',
      html`${errorSummary(errors)}<h1>Sign in</h1>
<form method="post" action="/admin/login" novalidate>
<div class="field"><label for="username">Username</label><input id="username" name="username" autocomplete="username" value="${username}" spellcheck="false"></div>
<div class="field"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password"></div>
<button type="submit" class="button">Sign in</button>
</form>`,
      { signedIn: false },
    )

  app.get('/admin/login', async (_request, reply) => send(reply, loginPage()))

  app.post<{ Body: LoginForm }>('/admin/login', { schema: { body: routeSchema(loginForm) }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    if (!sameOrigin(request)) return reply.code(403).type('text/plain').send('Forbidden')
    const { username = '', password = '' } = request.body
    const admin = username ? await store.adminByUsername(username) : undefined
    const passwordRight = await verifyPassword(password, admin?.passwordHash ?? (await unknownUserHash))
    if (!admin || !passwordRight) {
      return send(reply, loginPage([{ href: '#username', message: 'The username or password is not right' }], username), 401)
    }
    await sessions.start(reply, admin)
    return reply.redirect('/admin', 303)
  })

  app.post('/admin/logout', async (request, reply) => {
    if (!sameOrigin(request)) return reply.code(403).type('text/plain').send('Forbidden')
    await sessions.end(request, reply)
    return reply.redirect('/admin/login', 303)
  })

  await app.register(async (signedIn) => {
    // After the per-IP rate limit (an onRequest hook of each route, which must count every
    // request, signed in or not) and before the body is read or the input checked: without a
    // session, whatever was sent, sign in first.
    signedIn.addHook('preParsing', async (request, reply, payload) => {
      await sessions.require(request, reply)
      return payload
    })
    const withId = { schema: { params: routeSchema(submissionParams) } }
    const filtered = { schema: { querystring: routeSchema(filterQuery) } }

    signedIn.get<{ Querystring: FilterQuery }>('/admin', filtered, async (request, reply) => {
      const filter = readFilter(request.query)
      const [submissions, settings] = await Promise.all([store.listSubmissions(filter), store.listSettings()])
      const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]).toString()
      const option = (value: string, label: string, selected?: string) => html`<option value="${value}" ${selected === value ? new SafeHtml('selected') : ''}>${label}</option>`
      return send(
        reply,
        page(
          'Submissions',
          html`<h1>Submissions</h1>
<form method="get" action="/admin" class="filters">
<div class="field"><label for="kind">Kind</label><select id="kind" name="kind">${option('', 'All kinds', filter.kind)}${SUBMISSION_KINDS.map((kind) => option(kind, SUBMISSION_KIND_LABELS[kind], filter.kind))}</select></div>
<div class="field"><label for="setting">Setting</label><select id="setting" name="setting">${option('', 'All settings', filter.settingId)}${settings.map((setting) => option(setting.id, `${setting.name} (${setting.urn})`, filter.settingId))}</select></div>
<div class="field"><label for="status">Status</label><select id="status" name="status">${option('', 'Any status', filter.status)}${SUBMISSION_STATUSES.map((status) => option(status, STATUS_LABELS[status], filter.status))}</select></div>
<div class="field"><label for="from">Received from</label><input id="from" name="from" type="date" value="${filter.from ?? ''}"></div>
<div class="field"><label for="to">Received to</label><input id="to" name="to" type="date" value="${filter.to ?? ''}"></div>
<button type="submit" class="button secondary">Filter</button>
</form>
<p><a href="/admin/export.csv${query ? `?${query}` : ''}">Export these ${submissions.length} as CSV</a></p>
${submissions.length === 0
  ? html`<p>No submissions match.</p>`
  : html`<table><caption class="skip">Submissions, newest first</caption><thead><tr><th scope="col">Reference</th><th scope="col">Kind</th><th scope="col">Setting</th><th scope="col">Received</th><th scope="col">Status</th></tr></thead><tbody>${submissions.map(
      (submission) => html`<tr><td><a href="/admin/submissions/${submission.id}">${submission.reference}</a></td><td>${SUBMISSION_KIND_LABELS[submission.kind]}</td><td>${submission.settingName}</td><td>${displayTime(submission.receivedAt)}</td><td>${statusText(submission)}</td></tr>`,
    )}</tbody></table>`}`,
          { signedIn: true, current: '/admin' },
        ),
      )
    })

    signedIn.get<{ Params: SubmissionParams }>('/admin/submissions/:id', withId, async (request, reply) => {
      const submission = await store.submission(Number(request.params.id))
      if (!submission) return send(reply, page('Not found', html`<h1>Submission not found</h1><p><a href="/admin">Back to submissions</a></p>`), 404)
      const action = (path: string, label: string, field?: SafeHtml) =>
        html`<form method="post" action="/admin/submissions/${submission.id}/${path}">${field ?? ''}<button type="submit" class="button">${label}</button></form>`
      const actions =
        submission.kind === 'forum-case'
          ? [
              action('forum-date', 'Set forum date', html`<div class="field"><label for="forum-date">Forum date</label><input id="forum-date" name="forumDate" type="date" value="${submission.forumDate ?? ''}" required></div>`),
              action('plan-issued', 'Mark the education plan as issued'),
            ]
          : [
              action(
                'outcome',
                'Record outcome',
                html`<div class="field"><label for="outcome">Outcome</label><select id="outcome" name="outcome">${OUTCOMES[submission.kind].map(
                  (outcome) => html`<option value="${outcome}" ${submission.outcome === outcome ? new SafeHtml('selected') : ''}>${outcome}</option>`,
                )}</select></div>`,
              ),
            ]
      return send(
        reply,
        page(
          submission.reference,
          html`<p><a href="/admin">Back to submissions</a></p>
<h1>${SUBMISSION_KIND_LABELS[submission.kind]} ${submission.reference}</h1>
<dl><dt>Setting</dt><dd>${submission.settingName}</dd><dt>Received</dt><dd>${displayTime(submission.receivedAt)}</dd><dt>Status</dt><dd>${statusText(submission)}</dd>${submission.dependsOn ? html`<dt>Follows</dt><dd>${submission.dependsOn}</dd>` : ''}</dl>
<h2>What the setting sent</h2>
${describe(shownPayload(submission))}
<h2>Update the setting</h2>
<p class="hint">The setting’s device shows what you record here.</p>
<div class="actions">${actions}</div>`,
        ),
      )
    })

    const change = async (id: number, update: Parameters<IntakeStore['updateSubmissionStatus']>[1], reply: FastifyReply) => {
      if (!(await store.updateSubmissionStatus(id, update, new Date().toISOString()))) return reply.code(404).type('text/plain').send('No such submission')
      return reply.redirect(`/admin/submissions/${id}`, 303)
    }
    /** A forum date and an education plan belong to forum cases only: the refusal, if this is not one. */
    const unlessForumCase = async (id: number, reply: FastifyReply) => {
      const submission = await store.submission(id)
      if (!submission) return reply.code(404).type('text/plain').send('No such submission')
      if (submission.kind !== 'forum-case') return reply.code(400).type('text/plain').send('Only a forum case has a forum date or an education plan')
      return undefined
    }
    signedIn.post<{ Params: SubmissionParams; Body: ForumDateForm }>('/admin/submissions/:id/forum-date', { schema: { ...withId.schema, body: routeSchema(forumDateForm) } }, async (request, reply) => {
      const id = Number(request.params.id)
      const forumDate = request.body.forumDate ?? ''
      if (!parseIsoDate(forumDate)) return reply.code(400).type('text/plain').send('Enter the forum date')
      return (await unlessForumCase(id, reply)) ?? change(id, { status: 'forum-date-set', forumDate }, reply)
    })
    signedIn.post<{ Params: SubmissionParams }>('/admin/submissions/:id/plan-issued', withId, async (request, reply) => {
      const id = Number(request.params.id)
      return (await unlessForumCase(id, reply)) ?? change(id, { status: 'plan-issued' }, reply)
    })
    signedIn.post<{ Params: SubmissionParams; Body: OutcomeForm }>('/admin/submissions/:id/outcome', { schema: { ...withId.schema, body: routeSchema(outcomeForm) } }, async (request, reply) => {
      const id = Number(request.params.id)
      const submission = await store.submission(id)
      const outcome = request.body.outcome ?? ''
      if (!submission) return reply.code(404).type('text/plain').send('No such submission')
      if (!OUTCOMES[submission.kind].includes(outcome)) return reply.code(400).type('text/plain').send('Choose one of the outcomes')
      return change(id, { status: 'outcome-recorded', outcome }, reply)
    })

    signedIn.get<{ Querystring: FilterQuery }>('/admin/export.csv', filtered, async (request, reply) => {
      const submissions = await store.listSubmissions(readFilter(request.query))
      const rows = [
        ['Reference', 'Kind', 'Setting', 'Received', 'Status', 'Forum date', 'Outcome'],
        ...submissions.map((s) => [s.reference, SUBMISSION_KIND_LABELS[s.kind], s.settingName, s.receivedAt, STATUS_LABELS[s.status], s.forumDate ?? '', s.outcome ?? '']),
      ]
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="submissions-${localToday(new Date())}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n')
    })

    signedIn.get('/admin/suspensions', async (_request, reply) => {
      const today = parseIsoDate(localToday(new Date()))!
      const term = approximateTermRange(today)
      const year = schoolYearRange(today)
      const [termCounts, yearCounts] = await Promise.all([
        store.suspensionCounts(formatIsoDate(term.from), formatIsoDate(term.to)),
        store.suspensionCounts(formatIsoDate(year.from), formatIsoDate(year.to)),
      ])
      const table = (caption: string, counts: typeof termCounts) => {
        const highest = Math.max(0, ...counts.map((count) => count.days))
        return html`<table><caption><h2>${caption}</h2></caption><thead><tr><th scope="col">Setting</th><th scope="col">Suspensions</th><th scope="col">School days</th></tr></thead><tbody>${counts.map(
          (count) => html`<tr class="${highest > 0 && count.days === highest ? 'highest' : ''}"><td>${count.settingName}${highest > 0 && count.days === highest ? html` <strong class="tag">Highest</strong>` : ''}</td><td>${count.suspensions}</td><td>${count.days}</td></tr>`,
        )}</tbody></table>`
      }
      return send(
        reply,
        page(
          'Suspension counts',
          html`<h1>Suspension counts</h1>
<div class="inset">Counted from the suspension notices settings have sent through the app, by the date each suspension started. Terms here are calendar months (autumn September to December, spring January to March, summer April to August) until the county’s term dates are published.</div>
${table(`This term (${term.name}, ${formatLongDate(term.from)} to ${formatLongDate(term.to)})`, termCounts)}
${table(`This school year (${formatLongDate(year.from)} to ${formatLongDate(year.to)})`, yearCounts)}`,
          { signedIn: true, current: '/admin/suspensions' },
        ),
      )
    })
  })
}

function readFilter(query: FilterQuery): SubmissionFilter {
  const filter: SubmissionFilter = {}
  if (SUBMISSION_KINDS.includes(query.kind as SubmissionKind)) filter.kind = query.kind as SubmissionKind
  if (SUBMISSION_STATUSES.includes(query.status as SubmissionStatus)) filter.status = query.status as SubmissionStatus
  if (query.setting && /^[\w-]{1,64}$/.test(query.setting)) filter.settingId = query.setting
  if (query.from && parseIsoDate(query.from)) filter.from = query.from
  if (query.to && parseIsoDate(query.to)) filter.to = query.to
  return filter
}

function statusText(submission: SubmissionSummary): string {
  const extra = submission.status === 'forum-date-set' && submission.forumDate ? `: ${submission.forumDate}` : submission.outcome ? `: ${submission.outcome}` : ''
  return `${STATUS_LABELS[submission.status]}${extra}`
}

const displayTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })

/** What the setting sent, with a forum case's consent method in the words the setting chose it by. */
function shownPayload(submission: SubmissionDetail): unknown {
  if (submission.kind !== 'forum-case') return submission.payload
  const forumCase = submission.payload as ForumCasePayload
  if (!forumCase.consent) return forumCase
  return { ...forumCase, consent: { ...forumCase.consent, how: CONSENT_METHOD_LABELS[forumCase.consent.how] } }
}

/** Any payload, as nested description lists: every value escaped. */
function describe(value: unknown): SafeHtml {
  if (Array.isArray(value)) return value.length === 0 ? html`None` : html`<ol>${value.map((item) => html`<li>${describe(item)}</li>`)}</ol>`
  if (value && typeof value === 'object') {
    return html`<dl>${Object.entries(value).map(([key, item]) => html`<dt>${humanise(key)}</dt><dd>${describe(item)}</dd>`)}</dl>`
  }
  if (typeof value === 'boolean') return html`${value ? 'Yes' : 'No'}`
  return html`${value === undefined || value === null || value === '' ? 'Not given' : String(value)}`
}

function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Quoted, and cells that a spreadsheet would run as a formula made inert. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}
