import type { FastifyPluginAsync } from 'fastify'
import { requirePermission, type AreaOptions } from './index'
import { settingsNeedingContact } from './suspension-levels'
import { longDate, sendPage } from './views'
import { addDaysToIsoDate, ukDate } from '../../src/domain/dates'
import { SUBMISSION_KIND_LABELS } from '../../src/domain/submissions'
import type { CaseListItem } from '../store/cases-store'

/** A 6th school day this close (in calendar days) counts as near: the officer has the rest of the week to arrange education. */
const NEAR_DAYS = 3
const DAY_MS = 24 * 60 * 60 * 1000


type Urgency = { text: string; classes: string }

function educationUrgency(educationFrom: string | undefined, today: string): Urgency {
  if (!educationFrom) return { text: 'Date not known', classes: 'govuk-tag--grey' }
  if (educationFrom < today) return { text: 'Overdue', classes: 'govuk-tag--red' }
  if (educationFrom === today) return { text: 'Due today', classes: 'govuk-tag--orange' }
  return { text: 'Due soon', classes: 'govuk-tag--yellow' }
}

const caseHref = (item: { id: number }) => `/workspace/cases/${item.id}`

/**
 * Today: what needs doing, most urgent first. It shows references, settings and dates only,
 * never a pupil's name or anything else about the pupil, so viewing it is not a view of
 * personal data and writes no audit entry; opening a case from it does.
 */
export const todayRoutes: FastifyPluginAsync<AreaOptions> = async (app, options) => {
  const { store, now } = options
  app.get('/', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return
    const moment = now()
    const today = ukDate(moment)
    const [due, unknownDate, awaitingDecision, upheld, rescinded, settings, received] = await Promise.all([
      store.cases.educationDue(addDaysToIsoDate(today, NEAR_DAYS)),
      store.cases.educationDateUnknown(),
      store.cases.awaitingDecision(),
      store.cases.upheldNotNotified(),
      store.cases.rescindedWithoutAlternative(),
      settingsNeedingContact(options),
      store.cases.receivedSince(new Date(moment.getTime() - DAY_MS).toISOString()),
    ])
    const education = [...due, ...unknownDate].map((item: CaseListItem) => ({
      ...item,
      href: caseHref(item),
      urgency: educationUrgency(item.educationFrom, today),
    }))
    return sendPage(reply, 'today.njk', {
      title: 'Today',
      todayInWords: longDate(today),
      education,
      overdueCount: education.filter((item) => item.urgency.text === 'Overdue').length,
      awaitingDecision: awaitingDecision.map((item) => ({ ...item, href: caseHref(item) })),
      upheld: upheld.map((item) => ({
        ...item,
        href: caseHref(item),
        missing: [!item.chairNotified && 'Chair of governors', !item.gdsTold && 'Governor Development Service'].filter(Boolean),
      })),
      rescinded: rescinded.map((item) => ({ ...item, href: caseHref(item) })),
      settings,
      received: received.map((item) => ({
        ...item,
        kindLabel: SUBMISSION_KIND_LABELS[item.kind],
        // A permanent exclusion and its outcome open as their case; anything else as the submission.
        href: item.caseId ? `/workspace/cases/${item.caseId}` : `/workspace/submissions/${item.id}`,
      })),
    })
  })
}
