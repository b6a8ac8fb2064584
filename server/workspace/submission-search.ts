import { compareDates, parseIsoDate } from '../../src/domain/dates'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import { SUBMISSION_KINDS, SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus } from '../../src/domain/submissions'
import { z } from '../../src/domain/zod'
import type { SubmissionDateField, SubmissionFilter } from '../store/intake-store'
import { normalisedName } from '../store/pupil-identity'
import { field, form } from './form-schema'

/** What Find reads from a web address: nothing personal, so it may be bookmarked and paged by links. */
const filterFields = {
  reference: field(50),
  kind: field(100),
  status: field(100),
  setting: field(200),
  dateOn: field(20),
  'from-day': field(20),
  'from-month': field(20),
  'from-year': field(20),
  'to-day': field(20),
  'to-month': field(20),
  'to-year': field(20),
  overdue: field(20),
  page: field(10),
}
export const findQuery = z.looseObject(filterFields)
export type FindQuery = z.infer<typeof findQuery>

/** The search form, always sent by POST: it may carry a pupil's name, which never goes in an address. */
export const findForm = form({ ...filterFields, pupilName: field(200), nameMatch: field(20) })
export type FindForm = z.infer<typeof findForm>

export const PAGE_SIZE = 50
/** A prefix shorter than this would list a great many pupils' names. */
export const SHORTEST_NAME_PREFIX = 2

export type NameMatch = 'exact' | 'prefix'

/** What the officer typed, given back to the form as it was. */
export interface FindValues {
  reference: string
  kind: string
  status: string
  setting: string
  dateOn: SubmissionDateField
  from: Record<DatePart, string>
  to: Record<DatePart, string>
  overdue: boolean
  pupilName: string
  nameMatch: NameMatch
}

export interface FindSearch {
  values: FindValues
  filter: SubmissionFilter
  page: number
  /** Messages by the field they belong to (the date inputs' ids: `from`, `to`). */
  errors: Record<string, string>
  errorList: { text: string; href: string }[]
  /** Which boxes of each date input to highlight. */
  dateErrorParts: Record<'from' | 'to', DatePart[]>
  /** The filters as a query string (no name, no page): for the pagination links and the CSV. */
  query: string
}

/** "IC-000123", "ic-123", "IC000123", "123": the submission's id; undefined when it is not a reference. */
export function referenceNumber(text: string): number | undefined {
  const match = /^\s*(?:ic\s*-?\s*)?0*(\d{1,12})\s*$/i.exec(text)
  const id = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(id) && id > 0 ? id : undefined
}

const one = (value: string | undefined) => (value ?? '').trim()

/** Reads Find's fields (from the query or the form), with GOV.UK messages for what cannot be searched on. */
export function readSearch(input: Partial<FindForm>, today: string): FindSearch {
  const values: FindValues = {
    reference: one(input.reference),
    kind: SUBMISSION_KINDS.includes(input.kind as SubmissionKind) ? input.kind! : '',
    status: SUBMISSION_STATUSES.includes(input.status as SubmissionStatus) ? input.status! : '',
    setting: one(input.setting),
    dateOn: input.dateOn === 'event' ? 'event' : 'received',
    from: { day: one(input['from-day']), month: one(input['from-month']), year: one(input['from-year']) },
    to: { day: one(input['to-day']), month: one(input['to-month']), year: one(input['to-year']) },
    overdue: input.overdue === 'yes',
    pupilName: one(input.pupilName),
    nameMatch: input.nameMatch === 'prefix' ? 'prefix' : 'exact',
  }
  const filter: SubmissionFilter = {}
  const errors: Record<string, string> = {}
  const errorList: { text: string; href: string }[] = []
  const dateErrorParts: FindSearch['dateErrorParts'] = { from: [], to: [] }
  const problem = (id: string, text: string, href = `#${id}`) => {
    errors[id] = text
    errorList.push({ text, href })
  }

  if (values.reference) {
    const id = referenceNumber(values.reference)
    if (id === undefined) problem('reference', 'Enter a reference like IC-000123')
    else filter.id = id
  }
  if (values.kind) filter.kind = values.kind as SubmissionKind
  if (values.status) filter.status = values.status as SubmissionStatus
  if (values.setting) filter.setting = values.setting
  filter.dateOn = values.dateOn

  const dates: Partial<Record<'from' | 'to', string>> = {}
  for (const [id, label] of [['from', 'Date from'], ['to', 'Date to']] as const) {
    const result = parseDateParts(values[id], label)
    if (result.kind === 'date') dates[id] = result.iso
    if (result.kind === 'error') {
      dateErrorParts[id] = result.parts
      problem(id, result.message, `#${id}-${result.parts[0]!}`)
    }
  }
  if (dates.from && dates.to && compareDates(parseIsoDate(dates.to)!, parseIsoDate(dates.from)!) < 0) {
    dateErrorParts.to = ['day', 'month', 'year']
    problem('to', 'Date to must be the same as or after date from', '#to-day')
    delete dates.to
  }
  if (dates.from) filter.from = dates.from
  if (dates.to) filter.to = dates.to
  if (values.overdue) filter.overdueOn = today

  if (values.pupilName) {
    const name = normalisedName(values.pupilName)
    if (values.nameMatch === 'prefix' && [...name].length < SHORTEST_NAME_PREFIX) {
      problem('pupilName', `Enter at least ${SHORTEST_NAME_PREFIX} letters of the pupil’s name`)
    } else {
      filter.pupilName = { name, match: values.nameMatch }
    }
  }

  const page = /^[0-9]{1,6}$/.test(input.page ?? '') ? Math.max(1, Number(input.page)) : 1
  return { values, filter, page, errors, errorList, dateErrorParts, query: filterQuery(values) }
}

/** The filters that name no one, as a query string: what a link to these results carries. */
function filterQuery(values: FindValues): string {
  const query = new URLSearchParams()
  const put = (name: string, value: string) => value && query.set(name, value)
  put('reference', values.reference)
  put('kind', values.kind)
  put('status', values.status)
  put('setting', values.setting)
  if (values.dateOn === 'event') put('dateOn', 'event')
  for (const id of ['from', 'to'] as const) for (const part of ['day', 'month', 'year'] as const) put(`${id}-${part}`, values[id][part])
  if (values.overdue) put('overdue', 'yes')
  return query.toString()
}

/** Whether a query tries to carry a pupil's name, which Find never takes from an address. */
export function namesAPupil(query: Record<string, unknown>): boolean {
  return Object.hasOwn(query, 'pupilName')
}
