import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvCell } from '../../server/workspace/csv'
import { signIn, startIntake, workspaceGet, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let admin: WorkspaceSession
beforeEach(async () => {
  intake = await startIntake()
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

const page = async (path: string) => {
  const response = await workspaceGet(intake.url, admin, path)
  return { status: response.status, text: await response.text(), headers: response.headers }
}
const append = (at: string, officerUsername: string, action: string, subject?: string) =>
  intake.store.audit.append({ at, officerUsername, action, ...(subject ? { subject } : {}) })
/** The table's rows as their cells' text. */
const rows = (html: string) =>
  [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1]!.matchAll(/<td class="govuk-table__cell">\s*([\s\S]*?)\s*<\/td>/g)].map((cell) => cell[1]!))
    .filter((cells) => cells.length > 0)

describe('the audit log', () => {
  it('lists entries newest first, 50 a page, with GOV.UK pagination, and records each view', async () => {
    for (let i = 1; i <= 120; i++) await append(`2026-11-02T09:${String(i % 60).padStart(2, '0')}:00.000Z`, 'bulk.officer', 'Viewed case', `IC-${String(i).padStart(6, '0')}`)

    const first = await page('/workspace/audit?officer=bulk.officer')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.text).toContain('Showing 1 to 50 of 120 entries.')
    const firstRows = rows(first.text)
    expect(firstRows).toHaveLength(50)
    expect(firstRows[0]).toEqual(['2 November 2026 at 09:00', 'bulk.officer', 'Viewed case', 'IC-000120'])
    expect(firstRows[49]![3]).toBe('IC-000071')
    expect(first.text).toContain('class="govuk-pagination"')
    expect(first.text).toContain('href="/workspace/audit?officer=bulk.officer&amp;page=2" rel="next"')
    expect(first.text).not.toContain('rel="prev"')

    const last = await page('/workspace/audit?officer=bulk.officer&page=3')
    expect(last.text).toContain('Showing 101 to 120 of 120 entries.')
    expect(rows(last.text).map((row) => row[3])).toEqual(Array.from({ length: 20 }, (_, i) => `IC-${String(20 - i).padStart(6, '0')}`))
    expect(last.text).toContain('href="/workspace/audit?officer=bulk.officer&amp;page=2" rel="prev"')
    expect(last.text).toMatch(/aria-current="page"[^>]*>\s*3/)

    // Past the end: the last page.
    expect((await page('/workspace/audit?officer=bulk.officer&page=99')).text).toContain('Showing 101 to 120 of 120 entries.')

    const views = (await intake.store.audit.list({ officerUsername: 'inbox' }, 100, 0)).entries.filter((entry) => entry.action === 'Viewed audit log')
    expect(views).toHaveLength(3)
    expect(views.every((entry) => entry.subject === undefined)).toBe(true)
  })

  it('filters by officer, subject and dates, the dates as GOV.UK date inputs', async () => {
    await append('2026-10-30T12:00:00.000Z', 'jo.bloggs', 'Viewed case', 'IC-000001')
    await append('2026-11-02T12:00:00.000Z', 'jo.bloggs', 'Recorded step', 'IC-000001')
    await append('2026-11-03T12:00:00.000Z', 'sam.patel', 'Viewed case', 'IC-000001')
    await append('2026-11-04T12:00:00.000Z', 'jo.bloggs', 'Viewed case', 'IC-000002')

    const bySubject = rows((await page('/workspace/audit?subject=IC-000001')).text)
    expect(bySubject.map((row) => `${row[1]} ${row[2]}`)).toEqual(['sam.patel Viewed case', 'jo.bloggs Recorded step', 'jo.bloggs Viewed case'])

    const dated = await page('/workspace/audit?officer=jo.bloggs&from-day=1&from-month=11&from-year=2026&to-day=3&to-month=nov&to-year=2026')
    expect(rows(dated.text)).toEqual([['2 November 2026 at 12:00', 'jo.bloggs', 'Recorded step', 'IC-000001']])
    expect(dated.text).toContain('name="from-day" type="text" value="1"')
    expect(dated.text).toContain('href="/workspace/audit/export.csv?officer=jo.bloggs&amp;from-day=1&amp;from-month=11&amp;from-year=2026&amp;to-day=3&amp;to-month=nov&amp;to-year=2026"')

    const none = await page('/workspace/audit?officer=nobody')
    expect(none.text).toContain('No entries match.')
  })

  it('reads the dates as UK days: in summer, 23:30 UTC is already the next day', async () => {
    const entry = (at: string, subject: string) => intake.store.audit.append({ at, officerUsername: 'casey', action: 'Viewed case', subject })
    await entry('2026-06-30T22:59:59.999Z', 'IC-000001')
    await entry('2026-06-30T23:30:00.000Z', 'IC-000002')
    await entry('2026-07-01T22:59:59.999Z', 'IC-000003')
    await entry('2026-07-01T23:00:00.000Z', 'IC-000004')
    const { entries } = await intake.store.audit.list({ officerUsername: 'casey', from: '2026-07-01', to: '2026-07-01' }, 50, 0)
    expect(entries.map((found) => found.subject)).toEqual(['IC-000003', 'IC-000002'])
  })

  it('answers a wrong date with GOV.UK messages beside the boxes, keeping what was typed', async () => {
    const wrong = await page('/workspace/audit?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1')
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('<title>Error: Audit log – Inclusion Service workspace</title>')
    expect(wrong.text).toContain('<a href="#from-day">Date from must be a real date</a>')
    expect(wrong.text).toContain('<a href="#to-year">Date to must include a year</a>')
    expect(wrong.text).toContain('value="31"')

    const backwards = await page('/workspace/audit?from-day=2&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026')
    expect(backwards.status).toBe(400)
    expect(backwards.text).toContain('Date to must be the same as or after date from')

    // A field sent twice is not a form the workspace made.
    expect((await page('/workspace/audit?officer=a&officer=b')).status).toBe(400)
  })

  it('exports the filtered entries as CSV, with cells a spreadsheet would run made inert, and records the export', async () => {
    await append('2026-11-02T12:00:00.000Z', '@evil.user', 'Viewed case', '=HYPERLINK("http://example.com","x")')
    await append('2026-11-02T13:00:00.000Z', 'jo.bloggs', 'Viewed case', '+1-2')
    await append('2026-11-02T14:00:00.000Z', 'jo.bloggs', 'Viewed case', 'IC-000007')
    await append('2026-11-05T14:00:00.000Z', 'jo.bloggs', 'Viewed case', 'IC-000008')

    const response = await page('/workspace/audit/export.csv?to-day=2&to-month=11&to-year=2026')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.text.split('\r\n')).toEqual([
      '"When","Officer","Action","Subject"',
      '"2026-11-02T14:00:00.000Z","jo.bloggs","Viewed case","IC-000007"',
      `"2026-11-02T13:00:00.000Z","jo.bloggs","Viewed case","'+1-2"`,
      `"2026-11-02T12:00:00.000Z","'@evil.user","Viewed case","'=HYPERLINK(""http://example.com"",""x"")"`,
      '',
    ])
    const exports = (await intake.store.audit.list({}, 100, 0)).entries.filter((entry) => entry.action === 'Exported audit log')
    expect(exports).toMatchObject([{ officerUsername: 'inbox' }])
  })

  it('makes every formula lead inert in a CSV cell', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'IC-000001', 'a "quote"'].map(csvCell)).toEqual([
      `"'=1+1"`, `"'+1"`, `"'-1"`, `"'@SUM(A1)"`, `"'\tx"`, `"'\rx"`, '"IC-000001"', '"a ""quote"""',
    ])
  })
})
