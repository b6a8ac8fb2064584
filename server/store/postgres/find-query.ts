import { addDaysToIsoDate, ukDayStart } from '../../../src/domain/dates'
import type { SubmissionKind } from '../../../src/domain/submissions'
import type { SubmissionFilter } from '../intake-store'

/** Kinds that have an event date: a range on it looks only at these, so the (kind, event_date) index serves it. */
const KINDS_WITH_EVENT_DATE: readonly SubmissionKind[] = ['suspension', 'permanent-exclusion']

/**
 * A search's two statements, a page of rows and the count, with their values: the same
 * conditions and order as SQLite's (sqlite-store.ts), in PostgreSQL's numbered parameters.
 * The page's LIMIT and OFFSET are the two parameters after `values`.
 */
export function findQuery(filter: SubmissionFilter): { rows: string; count: string; values: unknown[] } {
  const values: unknown[] = []
  const where: string[] = []
  /** The value as the next numbered parameter. */
  const param = (value: unknown) => `$${values.push(value)}`

  if (filter.id !== undefined) where.push(`s.id = ${param(filter.id)}`)
  if (filter.kind) where.push(`s.kind = ${param(filter.kind)}`)
  if (filter.settingId) where.push(`s.setting_id = ${param(filter.settingId)}`)
  if (filter.setting) {
    // SQLite's LIKE ignores the case of ASCII letters only; so does ILIKE under COLLATE "C".
    where.push(`s.setting_id IN (SELECT id FROM settings WHERE urn = ${param(filter.setting)} OR name ILIKE ${param(`%${escapeLike(filter.setting)}%`)} ESCAPE '\\')`)
  }
  if (filter.status) where.push(`s.status = ${param(filter.status)}`)
  if (filter.dateOn === 'event') {
    if (!filter.kind && (filter.from || filter.to)) where.push(`s.kind IN (${KINDS_WITH_EVENT_DATE.map(param).join(', ')})`)
    if (filter.from) where.push(`s.event_date >= ${param(filter.from)}`)
    if (filter.to) where.push(`s.event_date <= ${param(filter.to)}`)
  } else {
    // Days as the UK reads them (stored times are UTC), the whole "to" day included.
    if (filter.from) where.push(`s.received_at >= ${param(ukDayStart(filter.from))}`)
    if (filter.to) where.push(`s.received_at < ${param(ukDayStart(addDaysToIsoDate(filter.to, 1)))}`)
  }
  if (filter.pupilName?.match === 'exact') where.push(`s.pupil_name = ${param(filter.pupilName.name)}`)
  // A range on the indexed column (COLLATE "C" compares bytes, as SQLite does): every name that
  // starts so sorts between the prefix and the prefix followed by the last code point.
  if (filter.pupilName?.match === 'prefix') {
    where.push(`s.pupil_name >= ${param(filter.pupilName.name)} AND s.pupil_name < ${param(`${filter.pupilName.name}\u{10FFFF}`)}`)
  }
  if (filter.overdueOn) {
    where.push(`s.kind = 'permanent-exclusion' AND s.case_state = 'open' AND s.education_from < ${param(filter.overdueOn)} AND s.education_arranged = 0`)
  }

  const whereClause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  // The name as sent, from the payload, only for a search by name: a list shows no names otherwise.
  const pupilName = filter.pupilName ? `, COALESCE(s.payload::json -> 'pupil' ->> 'name', s.payload::json -> 'child' ->> 'name') AS shown_pupil_name` : ''
  const limit = values.length + 1
  return {
    rows: `SELECT s.id, s.kind, s.setting_id, s.received_at, s.status, s.forum_date, s.outcome, s.updated_at, st.name AS setting_name${pupilName}
           FROM submissions s JOIN settings st ON st.id = s.setting_id
           ${whereClause} ORDER BY s.received_at DESC, s.id DESC LIMIT $${limit} OFFSET $${limit + 1}`,
    count: `SELECT COUNT(*) AS total FROM submissions s ${whereClause}`,
    values,
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`)
