import type { Content, CountyCalendar } from '../content-schema'

/**
 * The county calendar this release ships: England and Wales bank holidays (DOMAIN.md, from
 * GOV.UK) and no terms, because the county's exact term dates are not confirmed for this
 * project (DOMAIN.md): the local authority publishes them in the workspace.
 */
export const BUNDLED_COUNTY_CALENDAR: CountyCalendar = {
  terms: [],
  bankHolidays: [
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  ],
}

/** The county calendar of any content: versions published before it was content have this release's. */
export function countyCalendarOf(content: Pick<Content, 'countyCalendar'> | undefined): CountyCalendar {
  return content?.countyCalendar ?? BUNDLED_COUNTY_CALENDAR
}
