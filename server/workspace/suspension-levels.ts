import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import { formatIsoDate, parseIsoDate, ukDate } from '../../src/domain/dates'
import { countyCalendarOf } from '../../src/domain/default-content/county-calendar'
import { schoolYearLabel, schoolYearRange } from '../../src/domain/school-year'
import {
  compareLevels, describeThreshold, formatTenths, hasThreshold, highSummary, isHigh, rateTenths, readRoll, readThreshold,
  thisTerm, type ThisTerm, type Threshold,
} from '../../src/domain/suspension-levels'
import { z } from '../../src/domain/zod'
import type { IntakeStore, SettingPhase } from '../store/intake-store'
import type { SettingSuspensions, SettingWithRoll } from '../store/levels-store'
import { publishedContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { requirePermission, errorPage, type AreaOptions } from './index'
import { can } from './session'
import { pagination } from './pagination'
import { errorSummaryList, longDate, sendPage } from './views'

/**
 * Suspension levels per setting (seed 000: "Where exclusion levels are high the Inclusion
 * service will make contact with the school"): the counts this term and this school year,
 * settings' rolls, the threshold that counts as high, and contacts with schools. The terms
 * are the county's, from the published county calendar (content-county-calendar.ts).
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const settingParams = z.object({ id: z.string().regex(UUID) })
const levelsQuery = z.object({ show: z.enum(['high']).optional(), period: z.enum(['term', 'year']).optional(), page: z.string().regex(/^[1-9][0-9]{0,5}$/).optional() })
/** Rows per page of the levels table: a page for a thousand settings would be too long to use. */
const PAGE_SIZE = 50
const settingQuery = z.object({ saved: z.enum(['roll', 'contact']).optional() })
const thresholdQuery = z.object({ saved: z.enum(['threshold']).optional() })

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const rollForm = form({ roll: field(100) })
const contactForm = form({ 'contact-day': field(100), 'contact-month': field(100), 'contact-year': field(100), contacted: field(1_000), agreed: field(20_000) })
const thresholdForm = form({ rate: field(100), count: field(100) })

type SettingParams = z.infer<typeof settingParams>
type RollForm = z.infer<typeof rollForm>
type ContactForm = z.infer<typeof contactForm>
type ThresholdForm = z.infer<typeof thresholdForm>

const WHO_MAX = 200
const AGREED_MAX = 5_000

const PHASE_LABELS: Record<SettingPhase, string> = {
  'early-years': 'Early years',
  primary: 'Primary',
  secondary: 'Secondary',
  'post-16': 'Post-16',
  'all-through': 'All-through',
  special: 'Special',
}

const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
/** "3 December 2026": short enough for a table cell. */
const shortDate = (iso: string) => DAY_MONTH_YEAR.format(new Date(`${iso}T00:00:00Z`))


interface Period {
  name: string
  from: string
  to: string
}

interface LevelsContext {
  today: string
  current: ThisTerm
  term?: Period
  year: Period
  threshold: Threshold
}

async function levelsContext(store: IntakeStore, now: Date): Promise<LevelsContext> {
  const today = ukDate(now)
  // The published terms, not the draft's: a term counts once the Inclusion Service has published it.
  const current = thisTerm(countyCalendarOf((await publishedContent(store.content)).content).terms, today)
  const date = parseIsoDate(today)!
  const range = schoolYearRange(date)
  const year = { name: schoolYearLabel(date), from: formatIsoDate(range.from), to: formatIsoDate(range.to) }
  const term = current.kind === 'none' ? undefined : { name: current.term.name, from: current.term.start, to: current.term.end }
  return { today, current, ...(term ? { term } : {}), year, threshold: await store.levels.threshold() }
}

const NO_SUSPENSIONS = { suspensions: 0, days: 0, pupils: 0, repeatPupils: 0 }

/**
 * Counts suspensions by their first day (event_date): a suspension spanning two terms is
 * counted in the term it started. The settings' own devices count suspended days day by day
 * into each term; the workspace counts notices, one per suspension.
 */
async function countsBetween(store: IntakeStore, period: Period, settingId?: string): Promise<Map<string, SettingSuspensions>> {
  const rows = await store.levels.suspensionsBetween(period.from, period.to, settingId)
  return new Map(rows.map((row) => [row.settingId, row]))
}

function figures(counts: Omit<SettingSuspensions, 'settingId'>, roll: number | undefined) {
  const rate = rateTenths(counts.suspensions, roll)
  return {
    suspensions: counts.suspensions,
    days: formatDays(counts.days),
    pupils: counts.pupils,
    repeatPupils: counts.repeatPupils,
    rate: rate === undefined ? 'Roll not entered' : formatTenths(rate),
  }
}

/** Days to one decimal place at most: a lunchtime suspension counts as half a day. */
function formatDays(days: number): string {
  return String(Math.round(days * 10) / 10)
}

interface SettingLevel {
  setting: SettingWithRoll
  term: Omit<SettingSuspensions, 'settingId'>
  year: Omit<SettingSuspensions, 'settingId'>
  high: boolean
  contactedOn?: string
}

async function allLevels(store: IntakeStore, context: LevelsContext, withYear = true): Promise<SettingLevel[]> {
  const [settings, termCounts, yearCounts, contacts] = await Promise.all([
    store.levels.settingsWithRolls(),
    context.term ? countsBetween(store, context.term) : new Map<string, SettingSuspensions>(),
    withYear ? countsBetween(store, context.year) : new Map<string, SettingSuspensions>(),
    context.term ? store.levels.latestContactsSince(context.term.from) : new Map<string, string>(),
  ])
  return settings.map((setting) => {
    const term = termCounts.get(setting.id) ?? NO_SUSPENSIONS
    const level: SettingLevel = {
      setting,
      term,
      year: yearCounts.get(setting.id) ?? NO_SUSPENSIONS,
      high: context.term !== undefined && isHigh({ suspensions: term.suspensions, roll: setting.roll }, context.threshold),
    }
    const contactedOn = contacts.get(setting.id)
    if (contactedOn) level.contactedOn = contactedOn
    return level
  })
}

function termSentence(context: LevelsContext): string {
  if (context.current.kind === 'none') return ''
  const { term } = context.current
  const dates = `${longDate(term.start)} to ${longDate(term.end)}`
  return context.current.kind === 'in-term'
    ? `This term is ${term.name} (${dates}).`
    : `Today is in a school holiday, so “this term” is the most recent term: ${term.name} (${dates}).`
}

/** For Today: settings whose suspension levels are high this term and that nobody has contacted this term. */
export async function settingsNeedingContact(options: AreaOptions): Promise<{ settingName: string; href: string; summary: string }[]> {
  const context = await levelsContext(options.store, options.now())
  if (!context.term || !hasThreshold(context.threshold)) return []
  // Today needs only this term's counts.
  const levels = await allLevels(options.store, context, false)
  return levels
    .filter((level) => level.high && !level.contactedOn)
    .map((level) => ({ ...level.term, name: level.setting.name, roll: level.setting.roll, high: true, id: level.setting.id }))
    .sort(compareLevels)
    .map((level) => ({
      settingName: level.name,
      href: `/workspace/settings/${level.id}`,
      summary: highSummary({ suspensions: level.suspensions, roll: level.roll }, context.threshold),
    }))
}

export const suspensionLevelRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  app.get<{ Querystring: z.infer<typeof levelsQuery> }>('/suspension-levels', { schema: { querystring: routeSchema(levelsQuery) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const context = await levelsContext(store, now())
    const onlyHigh = request.query.show === 'high'
    // This term's table unless asked for the year's, or no county term is known.
    const period = context.term && request.query.period !== 'year' ? 'term' : 'year'
    const levels = await allLevels(store, context, period === 'year')
    const pick = (level: SettingLevel) => (period === 'term' ? level.term : level.year)
    const ranked = (onlyHigh ? levels.filter((level) => level.high) : levels)
      .map((level) => ({ level, ranking: { ...pick(level), roll: level.setting.roll, name: level.setting.name, high: level.high } }))
      .sort((a, b) => compareLevels(a.ranking, b.ranking))
    const pages = Math.max(1, Math.ceil(ranked.length / PAGE_SIZE))
    const page = Math.min(Number(request.query.page ?? '1'), pages)
    const rows = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ level }) => ({
      id: level.setting.id,
      name: level.setting.name,
      urn: level.setting.urn,
      high: level.high,
      contact: level.contactedOn ? `Contacted ${shortDate(level.contactedOn)}` : 'Not contacted this term',
      ...figures(pick(level), level.setting.roll),
    }))
    const href = (change: { period?: string; page?: number }) => {
      const query = new URLSearchParams()
      const target = change.period ?? period
      if (target === 'year' && context.term) query.set('period', 'year')
      if (onlyHigh) query.set('show', 'high')
      if ((change.page ?? 1) > 1) query.set('page', String(change.page))
      return `/workspace/suspension-levels${query.size ? `?${query}` : ''}`
    }
    return sendPage(reply, 'suspension-levels.njk', {
      title: 'Suspension levels',
      term: context.term,
      termSentence: termSentence(context),
      year: context.year,
      period,
      periodLinks: context.term ? { term: href({ period: 'term' }), year: href({ period: 'year' }) } : undefined,
      thresholdLines: describeThreshold(context.threshold),
      onlyHigh,
      canAdminister: can(request.officer, 'administer'),
      canWork: can(request.officer, 'work'),
      rows,
      shownFrom: ranked.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
      shownTo: (page - 1) * PAGE_SIZE + rows.length,
      total: ranked.length,
      pagination: pagination(page, pages, (number) => href({ page: number })),
    })
  })

  // The threshold: administrators only, to change; everyone reads it on the levels page.
  const thresholdPage = (reply: FastifyReply, data: { typed: { rate: string; count: string }; errors?: Record<string, string>; saved?: boolean }, status = 200) =>
    sendPage(reply, 'suspension-levels-threshold.njk', {
      title: 'Threshold for high suspension levels',
      backLink: { href: '/workspace/suspension-levels', text: 'Back to suspension levels' },
      ...data,
      errors: data.errors ?? {},
      errorList: errorSummaryList(data.errors ?? {}),
      banner: data.saved ? { text: 'Threshold saved', success: true } : undefined,
    }, status)

  app.get<{ Querystring: z.infer<typeof thresholdQuery> }>('/suspension-levels/threshold', { schema: { querystring: routeSchema(thresholdQuery) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const threshold = await store.levels.threshold()
    const typed = {
      rate: threshold.rateTenths === undefined ? '' : formatTenths(threshold.rateTenths),
      count: threshold.suspensions === undefined ? '' : String(threshold.suspensions),
    }
    return thresholdPage(reply, { typed, saved: request.query.saved === 'threshold' })
  })

  app.post<{ Body: ThresholdForm }>('/suspension-levels/threshold', { schema: { body: routeSchema(thresholdForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const typed = { rate: request.body.rate ?? '', count: request.body.count ?? '' }
    const { threshold, problems } = readThreshold(typed)
    if (Object.keys(problems).length > 0) return thresholdPage(reply, { typed, errors: problems }, 400)
    await store.levels.setThreshold(threshold, now().toISOString())
    await audit(request, 'Set threshold')
    return reply.redirect('/workspace/suspension-levels/threshold?saved=threshold', 303)
  })

  // A setting's page: its details, roll, levels and contacts. Contacts may name school staff, so every view is audited.
  interface SettingPageData {
    rollTyped?: string
    contactTyped?: Record<string, string>
    errors?: Record<string, string>
    dateErrorParts?: DatePart[]
    saved?: 'roll' | 'contact'
  }
  const settingPage = async (reply: FastifyReply, setting: SettingWithRoll, data: SettingPageData, status = 200) => {
    const context = await levelsContext(store, now())
    const [termCounts, yearCounts, contacts] = await Promise.all([
      context.term ? countsBetween(store, context.term, setting.id) : new Map<string, SettingSuspensions>(),
      countsBetween(store, context.year, setting.id),
      store.levels.contactsFor(setting.id),
    ])
    const term = termCounts.get(setting.id) ?? NO_SUSPENSIONS
    const errors = data.errors ?? {}
    return sendPage(reply, 'setting.njk', {
      title: setting.name,
      backLink: { href: '/workspace/suspension-levels', text: 'Back to suspension levels' },
      setting,
      phase: PHASE_LABELS[setting.phase] ?? setting.phase,
      canWork: can(reply.request.officer, 'work'),
      term: context.term,
      termSentence: termSentence(context),
      year: context.year,
      termFigures: context.term ? figures(term, setting.roll) : undefined,
      yearFigures: figures(yearCounts.get(setting.id) ?? NO_SUSPENSIONS, setting.roll),
      high: context.term !== undefined && isHigh({ suspensions: term.suspensions, roll: setting.roll }, context.threshold),
      thresholdLines: describeThreshold(context.threshold),
      contacts,
      contactedThisTerm: context.term ? contacts.some((contact) => contact.date >= context.term!.from) : false,
      today: context.today,
      rollTyped: data.rollTyped ?? (setting.roll === undefined ? '' : String(setting.roll)),
      contactTyped: data.contactTyped ?? {},
      errors,
      dateErrorParts: data.dateErrorParts ?? [],
      errorList: errorSummaryList(errors),
      banner: data.saved ? { text: data.saved === 'roll' ? 'Roll saved' : 'Contact recorded', success: true } : undefined,
    }, status)
  }

  app.get<{ Params: SettingParams; Querystring: z.infer<typeof settingQuery> }>(
    '/settings/:id',
    { schema: { params: routeSchema(settingParams), querystring: routeSchema(settingQuery) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'read'))) return reply
      const setting = await store.levels.settingWithRoll(request.params.id)
      if (!setting) return errorPage(reply, 404)
      await audit(request, 'Viewed setting', setting.urn)
      return settingPage(reply, setting, { ...(request.query.saved ? { saved: request.query.saved } : {}) })
    },
  )

  app.post<{ Params: SettingParams; Body: RollForm }>(
    '/settings/:id/roll',
    { schema: { params: routeSchema(settingParams), body: routeSchema(rollForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const setting = await store.levels.settingWithRoll(request.params.id)
      if (!setting) return errorPage(reply, 404)
      const typed = request.body.roll ?? ''
      const read = readRoll(typed)
      if ('problem' in read) return settingPage(reply, setting, { rollTyped: typed, errors: { roll: read.problem } }, 400)
      await store.levels.setRoll(setting.id, read.roll, request.officer!.username, now().toISOString())
      await audit(request, 'Set roll', setting.urn)
      return reply.redirect(`/workspace/settings/${setting.id}?saved=roll`, 303)
    },
  )

  app.post<{ Params: SettingParams; Body: ContactForm }>(
    '/settings/:id/contacts',
    { schema: { params: routeSchema(settingParams), body: routeSchema(contactForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const setting = await store.levels.settingWithRoll(request.params.id)
      if (!setting) return errorPage(reply, 404)
      const typed = {
        'contact-day': request.body['contact-day'] ?? '',
        'contact-month': request.body['contact-month'] ?? '',
        'contact-year': request.body['contact-year'] ?? '',
        contacted: request.body.contacted ?? '',
        agreed: request.body.agreed ?? '',
      }
      const errors: Record<string, string> = {}
      let dateErrorParts: DatePart[] = []
      const date = parseDateParts({ day: typed['contact-day'], month: typed['contact-month'], year: typed['contact-year'] }, 'The date of the contact')
      const today = ukDate(now())
      if (date.kind === 'empty') {
        errors['contact-day'] = 'Enter the date of the contact'
        dateErrorParts = ['day', 'month', 'year']
      } else if (date.kind === 'error') {
        errors[date.parts[0] === 'day' ? 'contact-day' : `contact-${date.parts[0]}`] = date.message
        dateErrorParts = date.parts
      } else if (date.iso > today) {
        errors['contact-day'] = 'The date of the contact must be today or in the past'
        dateErrorParts = ['day', 'month', 'year']
      }
      const contacted = typed.contacted.trim()
      if (!contacted) errors.contacted = 'Enter who you spoke to at the school'
      else if (contacted.length > WHO_MAX) errors.contacted = `Who you spoke to must be ${WHO_MAX} characters or fewer`
      const agreed = typed.agreed.trim()
      if (!agreed) errors.agreed = 'Enter what was agreed'
      else if (agreed.length > AGREED_MAX) errors.agreed = `What was agreed must be ${AGREED_MAX.toLocaleString('en-GB')} characters or fewer`
      if (Object.keys(errors).length > 0 || date.kind !== 'date') {
        return settingPage(reply, setting, { contactTyped: typed, errors, dateErrorParts }, 400)
      }
      await store.levels.recordContact({
        settingId: setting.id,
        date: date.iso,
        contacted,
        agreed,
        officerId: request.officer!.id,
        officerUsername: request.officer!.username,
        recordedAt: now().toISOString(),
      })
      await audit(request, 'Recorded contact', setting.urn)
      return reply.redirect(`/workspace/settings/${setting.id}?saved=contact`, 303)
    },
  )

  // The county's term dates are content now, edited with the rest of the county calendar.
  app.get('/county-terms', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    return reply.redirect('/workspace/content/county-calendar', 303)
  })
}
