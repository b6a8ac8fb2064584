import type { FastifyPluginAsync } from 'fastify'
import type { Content } from '../../src/domain/content-schema'
import { compareIsoText, ukDate } from '../../src/domain/dates'
import { countyCalendarOf } from '../../src/domain/default-content/county-calendar'
import { forumMeetingsOf } from '../../src/domain/forum-meetings'
import { schoolYearOf } from '../../src/domain/school-calendar'
import { z } from '../../src/domain/zod'
import { submissionReference } from '../store/intake-store'
import type { MonitoredCase } from '../store/plans-store'
import { publishedContent } from './content-draft'
import { sendCsv } from './csv'
import { routeSchema } from './form-schema'
import { requirePermission, type AreaOptions } from './index'
import { longDate, sendPage } from './views'

/**
 * Monitoring the forums (seed 004: "outcomes will be monitored"): per forum and per county
 * term of a school year, the cases heard, plans issued, reviews due and re-referrals. The
 * terms are the published county calendar's; a school year without them is counted whole.
 * Counts only: no case, setting or child is named, so a viewer may read and export it.
 */

export interface Period {
  name: string
  from: string
  to: string
}

export interface Figures {
  heard: number
  issued: number
  reviewsDue: number
  reReferrals: number
}

export interface PeriodFigures {
  period: Period
  forums: { forum: string; name: string; figures: Figures }[]
}

/** A day of the school year that falls in none of its published terms (a holiday): counted here, so nothing is lost. */
export const OUTSIDE_TERMS = 'Outside the county’s terms'

const monitoringQuery = z.object({ year: z.string().regex(/^[0-9]{4}$/).optional() })
type MonitoringQuery = z.infer<typeof monitoringQuery>

const yearName = (year: number) => `${year} to ${year + 1}`
const dayOf = (moment: string) => ukDate(new Date(moment))
const none = (): Figures => ({ heard: 0, issued: 0, reviewsDue: 0, reReferrals: 0 })

/** The school year's periods: its published county terms in order, or the whole year when it has none. */
export function periodsOf(content: Pick<Content, 'countyCalendar'>, year: number): Period[] {
  const terms = countyCalendarOf(content).terms.filter((term) => schoolYearOf(term.start) === year).sort((a, b) => compareIsoText(a.start, b.start))
  return terms.length > 0 ? terms.map((term) => ({ name: term.name, from: term.start, to: term.end })) : [{ name: yearName(year), from: `${year}-09-01`, to: `${year + 1}-08-31` }]
}

/**
 * A plan is re-referred once its setting has sent a re-referral about the case since the plan
 * was issued: one that names the case's reference, or, where a re-referral names none (its
 * device had not sent the case), one about the same named child (by pupil key). An anonymous
 * case says nothing of who the child is, so only its reference can match it.
 */
function reReferred(plan: MonitoredCase, cases: MonitoredCase[]): boolean {
  const reference = submissionReference(plan.id)
  const follows = (later: MonitoredCase) =>
    later.previousReference !== undefined ? later.previousReference === reference : plan.pupilKey !== undefined && later.pupilKey === plan.pupilKey
  return cases.some((later) => later.reReferral && later.id !== plan.id && later.settingId === plan.settingId && later.receivedAt > plan.planIssuedAt! && follows(later))
}

/**
 * The figures for each period of a school year and each forum: a case heard (its meeting's
 * date in the period and before today), a plan issued (first recorded in it), a review due
 * (its date in it and come, the plan not re-referred), a re-referral (received in it).
 */
export function monitoringFigures(
  cases: MonitoredCase[],
  context: { year: number; periods: Period[]; forums: { id: string; name: string }[]; meetingDates: Map<string, string>; today: string },
): PeriodFigures[] {
  const { year, periods, forums, today } = context
  const outside: Period = { name: OUTSIDE_TERMS, from: `${year}-09-01`, to: `${year + 1}-08-31` }
  const counts = new Map<Period, Map<string, Figures>>([...periods, outside].map((period) => [period, new Map(forums.map((forum) => [forum.id, none()]))]))
  const add = (date: string | undefined, forum: string | undefined, figure: keyof Figures) => {
    if (!date || !forum || date < outside.from || date > outside.to) return
    const period = periods.find((candidate) => candidate.from <= date && date <= candidate.to) ?? outside
    const figures = counts.get(period)!.get(forum)
    if (figures) figures[figure] += 1
  }
  for (const item of cases) {
    const heardOn = item.meetingId ? (context.meetingDates.get(item.meetingId) ?? item.forumDate) : undefined
    if (heardOn && heardOn < today) add(heardOn, item.forum, 'heard')
    if (item.planIssuedAt) add(dayOf(item.planIssuedAt), item.forum, 'issued')
    if (item.planIssuedAt && item.reviewDate && item.reviewDate <= today && !reReferred(item, cases)) add(item.reviewDate, item.forum, 'reviewsDue')
    if (item.reReferral) add(dayOf(item.receivedAt), item.forum, 'reReferrals')
  }
  const total = (period: Period) => [...counts.get(period)!.values()].reduce((sum, figures) => sum + figures.heard + figures.issued + figures.reviewsDue + figures.reReferrals, 0)
  return [...periods, ...(total(outside) > 0 ? [outside] : [])].map((period) => ({
    period,
    forums: forums.map((forum) => ({ forum: forum.id, name: forum.name, figures: counts.get(period)!.get(forum.id)! })),
  }))
}

export const monitoringRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  /** The chosen school year's figures, and the years to choose from: the first any case was received in, or any term is published for, to this one. */
  const figuresFor = async (query: MonitoringQuery) => {
    const today = ukDate(now())
    const thisYear = schoolYearOf(today)
    const year = query.year ? Number(query.year) : thisYear
    const [{ content }, cases] = await Promise.all([publishedContent(store.content), store.plans.monitored()])
    const known = [thisYear, year, ...cases.map((item) => schoolYearOf(dayOf(item.receivedAt))), ...countyCalendarOf(content).terms.map((term) => schoolYearOf(term.start))]
    const years = Array.from({ length: Math.max(...known) - Math.min(...known) + 1 }, (_, index) => Math.max(...known) - index)
    const rows = monitoringFigures(cases, {
      year,
      periods: periodsOf(content, year),
      forums: content.forums.map((forum) => ({ id: forum.id, name: forum.name })),
      meetingDates: new Map(forumMeetingsOf(content).map((meeting) => [meeting.id, meeting.date])),
      today,
    })
    return { year, years, rows }
  }

  const GET = { schema: { querystring: routeSchema(monitoringQuery) } }

  app.get<{ Querystring: MonitoringQuery }>('/meetings/monitoring', GET, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const { year, years, rows } = await figuresFor(request.query)
    return sendPage(reply, 'monitoring.njk', {
      title: `Monitoring: ${yearName(year)}`,
      backLink: { href: '/workspace/meetings', text: 'Back to forum meetings' },
      yearName: yearName(year),
      yearItems: years.map((option) => ({ value: String(option), text: yearName(option), selected: option === year })),
      csvHref: `/workspace/meetings/monitoring.csv?year=${year}`,
      periods: rows.map(({ period, forums }) => ({
        caption: period.name === OUTSIDE_TERMS ? `${OUTSIDE_TERMS} (holidays)` : `${period.name}: ${longDate(period.from)} to ${longDate(period.to)}`,
        forums,
      })),
    })
  })

  app.get<{ Querystring: MonitoringQuery }>('/meetings/monitoring.csv', GET, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const { year, rows } = await figuresFor(request.query)
    await audit(request, 'Exported monitoring CSV', yearName(year))
    return sendCsv(reply, `monitoring-${year}-${year + 1}.csv`, [
      ['School year', 'Term', 'From', 'To', 'Forum', 'Cases heard', 'Plans issued', 'Reviews due', 'Re-referrals'],
      ...rows.flatMap(({ period, forums }) =>
        forums.map(({ name, figures }) => [yearName(year), period.name, ...(period.name === OUTSIDE_TERMS ? ['', ''] : [period.from, period.to]), name, ...[figures.heard, figures.issued, figures.reviewsDue, figures.reReferrals].map(String)]),
      ),
    ])
  })
}
