import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContentSource } from '../../server/content-source'
import { createOfficer, openContent } from '../../server/service'
import { addDaysToIsoDate, ukDate } from '../../src/domain/dates'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { enrol, namedForumCase, permanentExclusion, post, sealedBody, startIntake, suspension, type Intake } from '../server/intake-harness'
import { expectKeyboardReachable, expectNoAxeViolations, openOfficerBrowser, signInWithKeyboard, type OfficerBrowser } from './workspace'

// Every page of the workspace, and the error state of each form, as an administrator and as
// a viewer: no axe violations, and every control reached with Tab and showing its focus.
let intake: Intake
let officer: OfficerBrowser
let settingId: string
let viewerId: string
let content: ContentSource & { stop(): void }

beforeAll(async () => {
  // With the built app, whose icon the workspace's pages use.
  intake = await startIntake({ appDir: 'dist' })
  const device = await enrol(intake.url, intake.code)
  for (const [kind, payload] of [['suspension', suspension()], ['forum-case', namedForumCase()], ['permanent-exclusion', permanentExclusion()]] as const) {
    const key = crypto.randomUUID()
    expect((await post(intake.url, device, key, await sealedBody(device, kind, key, payload))).status).toBe(201)
  }
  settingId = (await intake.store.listSettings())[0]!.id
  viewerId = (await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })).id
  // The store's first content version, as the service publishes it at start.
  content = (await openContent({ dataDir: intake.dataDir }, intake.store, { info: () => {}, warn: () => {} }, 60_000)) as typeof content
  officer = await openOfficerBrowser()
}, 60_000)

afterAll(async () => {
  expect(officer.errors).toEqual([])
  await officer.close()
  content.stop()
  await intake.close()
})

const page = () => officer.page

async function check(target: Page): Promise<void> {
  await expectNoAxeViolations(target)
  await expectKeyboardReachable(target)
}

/**
 * The error state of the page's main form: a date that cannot be (31 February) where the
 * form asks for one, everything else left empty, then its button.
 */
async function sendBadly(target: Page, button: string): Promise<void> {
  const form = target.locator('main form', { has: target.getByRole('button', { name: button, exact: true }) })
  const day = form.locator('input[id$="-day"]').first()
  if (await day.count()) {
    await day.fill('31')
    await form.locator('input[id$="-month"]').first().fill('2')
    await form.locator('input[id$="-year"]').first().fill('2026')
  }
  await target.getByRole('button', { name: button, exact: true }).click()
  await target.locator('.govuk-error-summary').waitFor()
  expect(await target.title()).toMatch(/^Error: /)
}

describe('every workspace page and state', () => {
  it('signs in, with its error state', async () => {
    await page().goto(`${intake.url}/workspace/sign-in`)
    await check(page())
    await sendBadly(page(), 'Sign in')
    await check(page())
    await signInWithKeyboard(page(), intake.url)
  })

  it.each([
    ['Today', '/workspace', undefined],
    ['Find', '/workspace/submissions', 'Search'],
    ['a suspension notice', '/workspace/submissions/1', undefined],
    ['a forum case', '/workspace/submissions/2', 'Set forum date'],
    ['a permanent exclusion case', '/workspace/cases/3', undefined],
    ['a case step', '/workspace/cases/3/steps/school-decision', 'Save'],
    ['suspension levels this term', '/workspace/suspension-levels', undefined],
    ['suspension levels this year', '/workspace/suspension-levels?period=year', undefined],
    ['the threshold', '/workspace/suspension-levels/threshold', undefined],
    ['the county calendar', '/workspace/content/county-calendar', 'Add term'],
    ['the county calendar’s bank holidays', '/workspace/content/county-calendar', 'Add bank holiday'],
    ['people', '/workspace/people', undefined],
    ['a new account', '/workspace/people/new', 'Add account'],
    ['your password', '/workspace/account/password', 'Change password'],
    ['the audit log', '/workspace/audit', undefined],
    ['retention', '/workspace/retention', undefined],
    ['subject access', '/workspace/subject-access', 'Find records'],
    ['content', '/workspace/content', undefined],
    ['the directory of services', '/workspace/content/services', undefined],
    ['a new service', '/workspace/content/services/new', 'Save in the draft'],
    ['a service', '/workspace/content/services/leamis', undefined],
    ['removing a service a guidance section lists', '/workspace/content/services/legal-service/remove', 'Remove service'],
    ['the preview of the directory', '/workspace/content/preview', undefined],
    ['the forums', '/workspace/content/forums', undefined],
    ['a forum', '/workspace/content/forums/primary', undefined],
    ['the forum guidance', '/workspace/content/guidance/forum-guidance', undefined],
    ['the exclusion guidance', '/workspace/content/guidance/exclusion-guidance', undefined],
    ['a guidance section', '/workspace/content/guidance/exclusion-guidance/at-risk', undefined],
    ['a new guidance section', '/workspace/content/guidance/forum-guidance/new', 'Save in the draft'],
    ['removing a guidance section', '/workspace/content/guidance/forum-guidance/monitoring/remove', undefined],
    ['what to bring to a forum', '/workspace/content/what-to-bring', undefined],
    ['restoring a version', '/workspace/content/versions/1/restore', undefined],
    ['the census reason codes', '/workspace/content/reason-codes', 'Add reason'],
    ['a census reason', '/workspace/content/reason-codes/PA', undefined],
    ['removing a census reason', '/workspace/content/reason-codes/PA/remove', undefined],
    ['the forum meetings', '/workspace/content/meetings', undefined],
    ['a new forum meeting', '/workspace/content/meetings/new', 'Save in the draft'],
  ])('%s (%s), and its error state', async (_name, path, button) => {
    await page().goto(`${intake.url}${path}`)
    expect(page().url()).toBe(`${intake.url}${path}`)
    await check(page())
    if (button) {
      await sendBadly(page(), button)
      await check(page())
    }
  })

  it('a setting’s page and its contact form’s errors', async () => {
    await page().goto(`${intake.url}/workspace/settings/${settingId}`)
    await check(page())
    await sendBadly(page(), 'Record contact')
    await check(page())
  })

  it('a forum’s form with its fields emptied, and its errors', async () => {
    await page().goto(`${intake.url}/workspace/content/forums/primary`)
    await page().getByLabel('Name', { exact: true }).fill('')
    await page().getByLabel('How to book').fill('')
    await sendBadly(page(), 'Save in the draft')
    await check(page())
  })

  it('a guidance section naming a service not in the directory, and its format help open', async () => {
    await page().goto(`${intake.url}/workspace/content/guidance/exclusion-guidance/at-risk`)
    await page().getByLabel('Text', { exact: true }).fill('Contacts: No such service')
    await sendBadly(page(), 'Save in the draft')
    await page().getByText('How to format the text').click()
    await check(page())
  })

  it('a forum meeting in the list, its form and its removal page', async () => {
    // Test data: a meeting next January, so that it is always to come.
    const year = String(new Date().getFullYear() + 1)
    await page().goto(`${intake.url}/workspace/content/meetings/new`)
    await page().getByLabel('Secondary inclusion forum').check()
    await page().getByLabel('Day', { exact: true }).fill('12')
    await page().getByLabel('Month', { exact: true }).fill('1')
    await page().getByLabel('Year', { exact: true }).fill(year)
    await page().getByLabel('Start time').fill('13:30')
    await page().getByLabel('Online', { exact: true }).check()
    await page().getByLabel('Number of case slots').fill('8')
    await page().getByRole('button', { name: 'Save in the draft', exact: true }).click()
    await page().waitForURL(`${intake.url}/workspace/content/meetings?done=added`)
    await check(page())
    await page().goto(`${intake.url}/workspace/content/meetings/secondary-${year}-01-12`)
    await check(page())
    await page().goto(`${intake.url}/workspace/content/meetings/secondary-${year}-01-12/remove`)
    await check(page())
  })

  it('the content page with a draft, and its publish form’s errors', async () => {
    await page().goto(`${intake.url}/workspace/content/services/leamis`)
    await page().getByRole('button', { name: 'Save in the draft', exact: true }).click()
    await page().waitForURL(`${intake.url}/workspace/content/services?done=saved`)
    await check(page())
    await page().goto(`${intake.url}/workspace/content`)
    await check(page())
    await sendBadly(page(), 'Publish')
    await check(page())
  })

  it('the census reason codes changed under the published version name, its warning and the errors it gives', async () => {
    await page().goto(`${intake.url}/workspace/content/reason-codes`)
    // Test data: one of the CBDS 2026 codes DOMAIN.md names.
    await page().getByLabel('Code', { exact: true }).fill('BW')
    await page().getByLabel('Reason', { exact: true }).fill('Weapon brought into school')
    await page().getByRole('button', { name: 'Add reason', exact: true }).click()
    await page().waitForURL(`${intake.url}/workspace/content/reason-codes?done=added`)
    await page().getByText('Give the changed list a new version name').waitFor()
    await check(page())
    // The version name is still the published one.
    await page().getByRole('button', { name: 'Save version name', exact: true }).click()
    await page().locator('.govuk-error-summary').waitFor()
    await check(page())
    await page().goto(`${intake.url}/workspace/content`)
    await page().getByLabel('What changed').fill('Added BW')
    await page().getByRole('button', { name: 'Publish', exact: true }).click()
    await page().locator('.govuk-error-summary').waitFor()
    await check(page())
  })

  it('a person’s page', async () => {
    await page().goto(`${intake.url}/workspace/people/${viewerId}`)
    await check(page())
  })

  it('results of a search by pupil name', async () => {
    await page().goto(`${intake.url}/workspace/submissions`)
    await page().getByLabel('Pupil’s name').fill('Sam')
    await page().getByLabel('Starts with').check()
    await page().getByRole('button', { name: 'Search', exact: true }).click()
    await page().locator('main table').waitFor()
    expect(page().url()).not.toContain('Sam')
    await check(page())
  })

  it('forum meetings: the list, a full meeting with a case at it and one waiting, a move’s errors, the agenda, and a case’s Meeting block with its errors', async () => {
    // Test meetings around the real today (the workspace runs on the real clock here).
    const today = ukDate(new Date())
    const meeting = (id: string, days: number, slots: number) => ({ id, forum: 'primary', date: addDaysToIsoDate(today, days), start: '13:30', end: '15:30', place: 'Test venue', online: days > 30, slots })
    const meetings = [meeting('primary-past', -14, 4), meeting('primary-soon', 14, 1), meeting('primary-later', 42, 8)]
    await intake.store.content.publishContent(JSON.stringify({ ...defaultContent, forumMeetings: meetings }), new Date().toISOString(), { note: 'Test meetings' })
    const [device] = await intake.store.listDevices()
    const waiting = await intake.store.recordSubmission(
      { deviceId: device!.id, settingId, idempotencyKey: crypto.randomUUID(), kind: 'forum-case', payload: namedForumCase({ preferredMeeting: 'next' }), receivedAt: new Date().toISOString() },
      () => ({ status: 201, body: '{}' }),
    )
    expect(await intake.store.meetings.assign(2, meetings[1]!, { id: 'test', displayName: 'Test Officer' }, new Date().toISOString())).toEqual({ outcome: 'assigned' })

    for (const path of ['/workspace/meetings', '/workspace/meetings?show=past', '/workspace/meetings/primary-soon', '/workspace/meetings/primary-soon/agenda']) {
      await page().goto(`${intake.url}${path}`)
      await check(page())
    }
    await page().goto(`${intake.url}/workspace/meetings/primary-soon`)
    await sendBadly(page(), 'Move IC-000002')
    await check(page())
    await page().goto(`${intake.url}/workspace/submissions/${waiting}`)
    await check(page())
    await sendBadly(page(), 'Assign to meeting')
    await check(page())
  })

  it('the education plan: its form and its errors, a case with its plan recorded, and monitoring', async () => {
    await page().goto(`${intake.url}/workspace/submissions/2/plan`)
    await check(page())
    await sendBadly(page(), 'Save the education plan')
    await check(page())
    // Test data: a plan for the forum case, reviewed next year.
    const reviewDate = addDaysToIsoDate(ukDate(new Date()), 90)
    const actions = [{ id: 'a1', action: 'Daily check-in with a trusted adult', who: 'SENCO', byWhen: reviewDate }]
    expect(await intake.store.plans.record(2, { advice: ['best-endeavours'], adviceNotes: 'Notes on the advice.', actions, reviewDate, recordedAt: new Date().toISOString() }, { id: 'test', displayName: 'Test Officer' }))
      .toEqual({ outcome: 'recorded' })
    for (const path of ['/workspace/submissions/2', '/workspace/submissions/2/plan', '/workspace/meetings/monitoring']) {
      await page().goto(`${intake.url}${path}`)
      await check(page())
    }
  })

  it('a page that is not there', async () => {
    const answer = await page().goto(`${intake.url}/workspace/no-such-page`)
    expect(answer?.status()).toBe(404)
    await check(page())
  })

  it('a page the role does not allow', async () => {
    await page().context().clearCookies()
    await signInWithKeyboard(page(), intake.url, 'viewer', 'a long viewer password')
    await check(page())
    const answer = await page().goto(`${intake.url}/workspace/people`)
    expect(answer?.status()).toBe(403)
    await check(page())
    await page().goto(`${intake.url}/workspace/cases/3`)
    await check(page())
  })
})
