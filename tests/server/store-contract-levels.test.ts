import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SubmissionKind } from '../../src/domain/submissions'
import type { Device, IntakeStore, Setting } from '../../server/store/intake-store'
import type { NewSchoolContact } from '../../server/store/levels-store'
import { moveCountyTermsIntoContent } from '../../server/county-terms-migration'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { enrolledDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const AT = '2026-11-17T10:00:00.000Z'
const AUTUMN = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } }
const SPRING = { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' }
const SUMMER = { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' }

describe.each(STORES)('$name store: suspension levels', ({ open }) => {
  let store: IntakeStore

  beforeEach(async () => {
    store = await open()
  })
  afterEach(() => store.close())

  /** A setting (its id chosen, as the results name it) with an enrolled device, for its submissions. */
  async function settingWithDevice(id: string, name: string, urn: string, seipArea?: string): Promise<{ setting: Setting; device: Device }> {
    const setting = await store.createSetting({ id, name, urn, phase: 'secondary', seipArea }, AT)
    return { setting, device: await enrolledDevice(store, setting, AT) }
  }

  const send = (device: Device, kind: SubmissionKind, eventDate: string, facts: { days?: number; pupilKey?: string } = {}) =>
    submit(store, device, kind, `${eventDate}T12:00:00.000Z`, { eventDate, suspensionDays: facts.days, pupilKey: facts.pupilKey, pupilName: facts.pupilKey && 'someone' })

  describe('rolls', () => {
    it('lists every setting by name with its roll where entered, and the latest roll set', async () => {
      const { setting: zouch } = await settingWithDevice('s-1', 'Zouch Academy', '100001', 'North West Leicestershire')
      const { setting: ashby } = await settingWithDevice('s-2', 'Ashby School', '100002')
      await settingWithDevice('s-3', 'ashby lowercase', '100003')
      expect(await store.levels.settingsWithRolls()).toEqual([
        { id: 's-2', name: 'Ashby School', urn: '100002', phase: 'secondary', createdAt: AT },
        { id: 's-1', name: 'Zouch Academy', urn: '100001', phase: 'secondary', seipArea: 'North West Leicestershire', createdAt: AT },
        { id: 's-3', name: 'ashby lowercase', urn: '100003', phase: 'secondary', createdAt: AT },
      ])
      await store.levels.setRoll(zouch.id, 950, 'officer-1', AT)
      await store.levels.setRoll(ashby.id, 1200, 'officer-1', AT)
      await store.levels.setRoll(ashby.id, 1250, 'officer-2', '2026-11-18T10:00:00.000Z')
      expect((await store.levels.settingsWithRolls()).map((setting) => [setting.id, setting.roll])).toEqual([['s-2', 1250], ['s-1', 950], ['s-3', undefined]])
      expect(await store.levels.settingWithRoll('s-1')).toEqual({
        id: 's-1', name: 'Zouch Academy', urn: '100001', phase: 'secondary', seipArea: 'North West Leicestershire', createdAt: AT, roll: 950,
      })
      expect(await store.levels.settingWithRoll('s-3')).toEqual({ id: 's-3', name: 'ashby lowercase', urn: '100003', phase: 'secondary', createdAt: AT })
      expect(await store.levels.settingWithRoll('no-such-setting')).toBeUndefined()
    })

    it('refuses a roll for a setting that does not exist', async () => {
      await expect(store.levels.setRoll('no-such-setting', 100, 'officer-1', AT)).rejects.toThrow()
    })

    it('keeps one roll when two are set at once', async () => {
      await settingWithDevice('s-1', 'Ashby School', '100001')
      await Promise.all([store.levels.setRoll('s-1', 900, 'officer-1', AT), store.levels.setRoll('s-1', 901, 'officer-2', AT)])
      expect([900, 901]).toContain((await store.levels.settingWithRoll('s-1'))!.roll)
      expect(await store.levels.settingsWithRolls()).toHaveLength(1)
    })
  })

  describe('suspensions in a period', () => {
    it('counts each setting’s suspensions, days, distinct pupils and pupils suspended twice or more, by setting', async () => {
      const { device: burbage } = await settingWithDevice('s-b', 'Burbage Academy', '100001')
      const { device: ashby } = await settingWithDevice('s-a', 'Ashby School', '100002')
      const { device: quiet } = await settingWithDevice('s-q', 'Quiet School', '100003')
      // Ashby: Sam twice (one on each boundary), Kim once, one sent before pupil keys were kept, one with no length.
      await send(ashby, 'suspension', '2026-09-03', { days: 1.5, pupilKey: 'sam' })
      await send(ashby, 'suspension', '2026-12-18', { days: 2, pupilKey: 'sam' })
      await send(ashby, 'suspension', '2026-10-01', { days: 3, pupilKey: 'kim' })
      await send(ashby, 'suspension', '2026-10-02', { days: 0.5 })
      await send(ashby, 'suspension', '2026-10-05', { pupilKey: 'lee' })
      // Outside the period, or not a suspension: not counted.
      await send(ashby, 'suspension', '2026-09-02', { days: 5, pupilKey: 'kim' })
      await send(ashby, 'suspension', '2026-12-19', { days: 5, pupilKey: 'kim' })
      await send(ashby, 'permanent-exclusion', '2026-10-01', { pupilKey: 'kim' })
      // Burbage: Kim three times (another setting's Kim), two without keys (not one pupil twice).
      await send(burbage, 'suspension', '2026-09-10', { days: 1, pupilKey: 'kim' })
      await send(burbage, 'suspension', '2026-09-11', { days: 1, pupilKey: 'kim' })
      await send(burbage, 'suspension', '2026-09-12', { days: 1, pupilKey: 'kim' })
      await send(burbage, 'suspension', '2026-09-13', { days: 1 })
      await send(burbage, 'suspension', '2026-09-14', { days: 1 })
      await send(quiet, 'suspension', '2027-01-10', { days: 1, pupilKey: 'ali' })

      const autumn = await store.levels.suspensionsBetween('2026-09-03', '2026-12-18')
      expect(autumn).toStrictEqual([
        { settingId: 's-a', suspensions: 5, days: 7, pupils: 3, repeatPupils: 1 },
        { settingId: 's-b', suspensions: 5, days: 5, pupils: 1, repeatPupils: 1 },
      ])
      expect(await store.levels.suspensionsBetween('2026-09-03', '2026-12-18', 's-b')).toStrictEqual([
        { settingId: 's-b', suspensions: 5, days: 5, pupils: 1, repeatPupils: 1 },
      ])
      expect(await store.levels.suspensionsBetween('2026-12-18', '2026-12-18')).toStrictEqual([
        { settingId: 's-a', suspensions: 1, days: 2, pupils: 1, repeatPupils: 0 },
      ])
      // A suspension with no length counts as a suspension of no days.
      expect(await store.levels.suspensionsBetween('2026-10-05', '2026-10-05')).toStrictEqual([
        { settingId: 's-a', suspensions: 1, days: 0, pupils: 1, repeatPupils: 0 },
      ])
      expect(await store.levels.suspensionsBetween('2026-09-03', '2026-12-18', 's-q')).toEqual([])
      expect(await store.levels.suspensionsBetween('2027-07-22', '2027-08-31')).toEqual([])
    })
  })

  describe('the threshold', () => {
    it('is unset at first, sets either part or both, and clears a part left out', async () => {
      expect(await store.levels.threshold()).toStrictEqual({})
      await store.levels.setThreshold({ rateTenths: 41, suspensions: 12 }, AT)
      expect(await store.levels.threshold()).toStrictEqual({ rateTenths: 41, suspensions: 12 })
      await store.levels.setThreshold({ rateTenths: 30 }, AT)
      expect(await store.levels.threshold()).toStrictEqual({ rateTenths: 30 })
      await store.levels.setThreshold({ suspensions: 1 }, AT)
      expect(await store.levels.threshold()).toStrictEqual({ suspensions: 1 })
      await store.levels.setThreshold({}, AT)
      expect(await store.levels.threshold()).toStrictEqual({})
    })

    it('is one threshold or the other, never a mixture, when two are set at once', async () => {
      await Promise.all([store.levels.setThreshold({ rateTenths: 10, suspensions: 10 }, AT), store.levels.setThreshold({ rateTenths: 20, suspensions: 20 }, AT)])
      expect([{ rateTenths: 10, suspensions: 10 }, { rateTenths: 20, suspensions: 20 }]).toContainEqual(await store.levels.threshold())
    })
  })

  describe('school contacts', () => {
    const contact = (settingId: string, date: string, extra: Partial<NewSchoolContact> = {}): NewSchoolContact => ({
      settingId, date, contacted: 'The head', agreed: 'A review in a fortnight', officerId: 'officer-1', officerUsername: 'casey', recordedAt: AT, ...extra,
    })

    it('lists a setting’s contacts, the most recent first, with the officer’s name now where the account still exists', async () => {
      await settingWithDevice('s-a', 'Ashby School', '100001')
      await settingWithDevice('s-b', 'Burbage Academy', '100002')
      await store.people.createOfficer({ id: 'officer-1', username: 'casey', displayName: 'Casey Officer', role: 'officer', passwordHash: 'hash' }, AT)
      const older = await store.levels.recordContact(contact('s-a', '2026-10-01'))
      const newer = await store.levels.recordContact(contact('s-a', '2026-11-02', { contacted: 'The deputy head', agreed: 'Nothing further' }))
      const sameDayLater = await store.levels.recordContact(contact('s-a', '2026-10-01', { officerId: 'officer-gone', officerUsername: 'gone' }))
      await store.levels.recordContact(contact('s-b', '2026-11-03'))
      expect(newer).toBeGreaterThan(older)
      expect(sameDayLater).toBeGreaterThan(newer)

      const contacts = await store.levels.contactsFor('s-a')
      expect(contacts.map((item) => item.id)).toEqual([newer, sameDayLater, older])
      expect(contacts[0]).toEqual({
        id: newer, settingId: 's-a', date: '2026-11-02', contacted: 'The deputy head', agreed: 'Nothing further', officerId: 'officer-1', officerUsername: 'casey',
        recordedAt: AT, officerName: 'Casey Officer',
      })
      expect(contacts[1]!.officerName).toBeUndefined()
      expect(contacts[1]!.officerUsername).toBe('gone')
      expect(await store.levels.contactsFor('s-c')).toEqual([])
    })

    it('gives each setting’s latest contact on or after a date', async () => {
      await settingWithDevice('s-a', 'Ashby School', '100001')
      await settingWithDevice('s-b', 'Burbage Academy', '100002')
      await settingWithDevice('s-c', 'Coalville School', '100003')
      await store.levels.recordContact(contact('s-b', '2026-11-03'))
      await store.levels.recordContact(contact('s-a', '2026-11-02'))
      await store.levels.recordContact(contact('s-a', '2026-10-01'))
      await store.levels.recordContact(contact('s-c', '2026-08-31'))
      await store.levels.recordContact(contact('s-b', '2026-09-01'))
      const latest = await store.levels.latestContactsSince('2026-09-01')
      expect([...latest]).toEqual([['s-a', '2026-11-02'], ['s-b', '2026-11-03']])
      expect([...(await store.levels.latestContactsSince('2026-11-03'))]).toEqual([['s-b', '2026-11-03']])
      expect((await store.levels.latestContactsSince('2026-11-04')).size).toBe(0)
    })

    it('refuses a contact for a setting that does not exist', async () => {
      await expect(store.levels.recordContact(contact('no-such-setting', '2026-11-02'))).rejects.toThrow()
    })
  })

  // The rows the suspension levels page left before the county calendar was content: read and cleared once, when moved into it.
  describe('county terms', () => {
    it('lists terms by start date (then as added), with the half-term where entered', async () => {
      const summer = await store.levels.addCountyTerm(SUMMER, AT)
      const autumn = await store.levels.addCountyTerm(AUTUMN, AT)
      const spring = await store.levels.addCountyTerm(SPRING, AT)
      const springAgain = await store.levels.addCountyTerm({ ...SPRING, name: 'Spring 2027 (again)' }, AT)
      expect(new Set([summer, autumn, spring, springAgain]).size).toBe(4)
      expect(await store.levels.countyTerms()).toEqual([
        { id: autumn, ...AUTUMN },
        { id: spring, ...SPRING },
        { id: springAgain, ...SPRING, name: 'Spring 2027 (again)' },
        { id: summer, ...SUMMER },
      ])
    })

    it('clears every term, and clearing none is fine', async () => {
      await store.levels.clearCountyTerms()
      await store.levels.addCountyTerm(AUTUMN, AT)
      await store.levels.addCountyTerm(SPRING, AT)
      await store.levels.clearCountyTerms()
      expect(await store.levels.countyTerms()).toEqual([])
    })
  })

  describe('moving the county terms into the content, at start-up', () => {
    const LATER = '2026-11-18T08:00:00.000Z'
    let logged: string[]
    const log = { info: (_details: object, message: string) => logged.push(`info: ${message}`), warn: (_details: object, message: string) => logged.push(`warn: ${message}`) }
    const published = async () => JSON.parse((await store.content.latestContent())!.body)
    const publishBundled = () => store.content.publishFirstContent(JSON.stringify(defaultContent), AT, { note: 'The content the service ships with' })

    beforeEach(() => {
      logged = []
    })

    it('publishes a version holding them, with the bundled bank holidays, adds them to a draft without terms, then deletes the rows; a second start does nothing', async () => {
      await publishBundled()
      await store.levels.addCountyTerm(SPRING, AT)
      await store.levels.addCountyTerm(AUTUMN, AT)
      const draft = { ...defaultContent, whatToBring: ['A draft being worked on'] }
      await store.content.saveContentDraft(JSON.stringify(draft), AT, 'officer-1')

      await moveCountyTermsIntoContent(store, LATER, log)
      expect(await store.content.contentVersions()).toEqual([
        { id: 2, publishedAt: LATER, note: 'County term dates moved from the suspension levels page' },
        { id: 1, publishedAt: AT, note: 'The content the service ships with' },
      ])
      expect(await published()).toEqual({ ...defaultContent, version: '2026-11-18.2', countyCalendar: { terms: [AUTUMN, SPRING], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays } })
      // Still the officer's draft, as they left it, with the terms that were published alongside it.
      const savedDraft = (await store.content.contentDraft())!
      expect(savedDraft).toMatchObject({ updatedAt: AT, updatedBy: 'officer-1' })
      expect(JSON.parse(savedDraft.body)).toEqual({ ...draft, countyCalendar: { terms: [AUTUMN, SPRING], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays } })
      expect(await store.levels.countyTerms()).toEqual([])
      expect(logged).toEqual(['info: county terms moved from the suspension levels page into the content'])

      await moveCountyTermsIntoContent(store, LATER, log)
      expect(await store.content.contentVersions()).toHaveLength(2)
      expect(logged).toHaveLength(1)
    })

    it('keeps the bank holidays of a version from before the county calendar was content as the bundled ones', async () => {
      const { countyCalendar: _calendar, ...older } = defaultContent
      await store.content.publishFirstContent(JSON.stringify(older), AT, { note: 'Older' })
      await store.levels.addCountyTerm(AUTUMN, AT)
      await moveCountyTermsIntoContent(store, LATER, log)
      expect((await published()).countyCalendar).toEqual({ terms: [AUTUMN], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })
    })

    it('leaves content that has county terms already as it is, deleting the rows and saying so once', async () => {
      const calendar = { terms: [SUMMER], bankHolidays: ['2027-05-31'] }
      await store.content.publishFirstContent(JSON.stringify({ ...defaultContent, countyCalendar: calendar }), AT, { note: 'With terms' })
      await store.levels.addCountyTerm(AUTUMN, AT)
      await moveCountyTermsIntoContent(store, LATER, log)
      expect(await store.content.contentVersions()).toHaveLength(1)
      expect((await published()).countyCalendar).toEqual(calendar)
      expect(await store.levels.countyTerms()).toEqual([])
      expect(logged).toEqual(['info: county terms from the suspension levels page not moved: the published content has county terms already'])
    })

    it('keeps rows the app’s schema refuses, with a warning, and publishes nothing', async () => {
      await publishBundled()
      await store.levels.addCountyTerm(AUTUMN, AT)
      await store.levels.addCountyTerm({ name: 'Overlapping', start: '2026-12-01', end: '2026-12-22' }, AT)
      await moveCountyTermsIntoContent(store, LATER, log)
      expect(await store.content.contentVersions()).toHaveLength(1)
      expect(await store.levels.countyTerms()).toHaveLength(2)
      expect(logged).toEqual(['warn: county terms from the suspension levels page do not fit the content schema: kept where they are'])
    })

    it('does nothing without rows', async () => {
      await publishBundled()
      await moveCountyTermsIntoContent(store, LATER, log)
      expect(await store.content.contentVersions()).toHaveLength(1)
      expect(logged).toEqual([])
    })
  })
})
