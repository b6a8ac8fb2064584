import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseContent } from '../../server/content-source'
import { createOfficer } from '../../server/service'
import { parseContent } from '../../server/workspace/content-draft'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { signIn, startIntakeWithContent, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let source: DatabaseContent
let admin: WorkspaceSession

beforeEach(async () => {
  // The service serves what its content source reads from the store, as main.ts wires it.
  ;({ intake, source } = await startIntakeWithContent())
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

const page = async (path: string, session = admin) => {
  const response = await workspaceGet(intake.url, session, `/workspace${path}`)
  return { status: response.status, html: await response.text(), location: response.headers.get('location') }
}
const send = async (path: string, fields: Record<string, string> = {}, session = admin) => {
  const response = await workspacePost(intake.url, session, `/workspace${path}`, fields)
  return { status: response.status, html: await response.text(), location: response.headers.get('location') }
}
/** The words of a page's element, tags dropped and spaces collapsed. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
/** The message GOV.UK puts beside the field `id`, or undefined. */
const besideField = (html: string, id: string) => {
  const message = new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html)
  return message && words(message[1]!)
}
/** What a textarea holds, as the browser shows it. */
const textareaValue = (html: string, id: string) => {
  const value = new RegExp(`<textarea[^>]* id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1]
  return value?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}
const draft = async () => parseContent((await intake.store.content.contentDraft())?.body)
const auditEntries = async () => (await intake.store.audit.list({}, 1000, 0)).entries.reverse().map((entry) => [entry.action, entry.subject ?? ''])
const changes = async () => words((await page('/content')).html)
const someone = async (role: 'officer' | 'viewer') => {
  await createOfficer(intake.store, { username: `a.${role}`, displayName: `Display ${role}`, role, password: 'correct horse battery staple' })
  return signIn(intake.url, `a.${role}`, 'correct horse battery staple')
}

const primary = defaultContent.forums.find((forum) => forum.id === 'primary')!
const primaryFields = { name: primary.name, audience: primary.audience, ageRange: primary.ageRange, meets: primary.meets, booking: primary.booking, notes: primary.notes.join('\n') }

describe('the forums’ details in the Content area', () => {
  it('lists the four forums and links to them from the Content page', async () => {
    const overview = await page('/content')
    for (const href of ['/workspace/content/forums', '/workspace/content/guidance/forum-guidance', '/workspace/content/guidance/exclusion-guidance']) {
      expect(overview.html).toContain(`href="${href}"`)
    }
    const list = await page('/content/forums')
    expect(list.status).toBe(200)
    for (const forum of defaultContent.forums) expect(list.html).toContain(`href="/workspace/content/forums/${forum.id}"`)
    expect(words(list.html)).toContain('Post 16 education, employment and training (EET) forum')
    expect(words(list.html)).toContain('Every 6 weeks.')
  })

  it('gives each of the schema’s rules its message beside its field, keeping what was typed', async () => {
    const form = await page('/content/forums/primary')
    expect(form.status).toBe(200)
    expect(form.html).toContain('value="Primary inclusion forum"')
    expect(textareaValue(form.html, 'notes')).toBe('A child in reception in a school goes to the primary forum.')

    const refused = await send('/content/forums/primary', { name: ' ', audience: '', ageRange: '  ', meets: '', booking: '\n', notes: 'A note kept\n\nAnother note kept' })
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('<title>Error: Change Primary inclusion forum')
    for (const [field, message] of [
      ['name', 'Enter the name of the forum'],
      ['audience', 'Enter who the forum is for'],
      ['ageRange', 'Enter the age range the forum is for'],
      ['meets', 'Enter when the forum meets'],
      ['booking', 'Enter how to book a place at the forum'],
    ]) {
      expect(besideField(refused.html, field!), field).toBe(`Error: ${message}`)
      expect(refused.html, field).toContain(`href="#${field}"`)
    }
    expect(textareaValue(refused.html, 'notes')).toBe('A note kept\n\nAnother note kept')
    expect(await intake.store.content.contentDraft()).toBeUndefined()

    const typedKept = await send('/content/forums/primary', { ...primaryFields, name: 'Primary forum (renamed)', booking: '' })
    expect(typedKept.html).toContain('value="Primary forum (renamed)"')
    expect(besideField(typedKept.html, 'name')).toBeNull()
    expect(besideField(typedKept.html, 'booking')).toBe('Error: Enter how to book a place at the forum')
  })

  it('saves a forum’s details in the draft, the notes one a line, and says so', async () => {
    const saved = await send('/content/forums/primary', { ...primaryFields, meets: 'Fortnightly during term time.', notes: '  First note  \n\nSecond note\n' })
    expect(saved).toMatchObject({ status: 303, location: '/workspace/content/forums?done=saved' })
    expect((await draft())!.forums.find((forum) => forum.id === 'primary')).toEqual({ ...primary, meets: 'Fortnightly during term time.', notes: ['First note', 'Second note'] })
    expect(words((await page('/content/forums?done=saved')).html)).toContain('Saved in the draft')
    expect(await changes()).toContain('Forums: 1 forum changed')
    expect(await auditEntries()).toContainEqual(['Saved content draft', 'forum primary'])
  })
})

// Test data: a section as an officer might write it, naming services in the bundled directory.
const EVERY_BLOCK = [
  'Phone before you decide.',
  '',
  '- Bring the plan',
  '- Bring the attendance record',
  '',
  '1. Notify the parents.',
  '2. Notify the local authority.',
  '',
  'Warning: Do not extend a suspension.',
  '',
  "Contacts: first response (children's social care), Specialist Teaching Service, including the Autism Outreach Team",
].join('\n')
const EVERY_BLOCK_PARSED = [
  { type: 'paragraph', text: 'Phone before you decide.' },
  { type: 'list', items: ['Bring the plan', 'Bring the attendance record'] },
  { type: 'steps', items: ['Notify the parents.', 'Notify the local authority.'] },
  { type: 'warning', text: 'Do not extend a suspension.' },
  { type: 'contacts', serviceIds: ['first-response', 'specialist-teaching-service'] },
]

describe('the guidance in the Content area', () => {
  it('lists a group’s sections with links to change and remove each, and what to bring with the forum guidance', async () => {
    const list = await page('/content/guidance/exclusion-guidance')
    expect(list.status).toBe(200)
    expect(words(list.html)).toContain('7 sections')
    expect(list.html).toContain('href="/workspace/content/guidance/exclusion-guidance/at-risk"')
    expect(list.html).toContain('href="/workspace/content/guidance/exclusion-guidance/at-risk/remove"')
    expect(list.html).toContain('href="/workspace/content/guidance/exclusion-guidance/new"')
    expect(list.html).not.toContain('What to bring to a forum')
    const forumList = await page('/content/guidance/forum-guidance')
    expect(words(forumList.html)).toContain('What to bring to a forum')
    expect(forumList.html).toContain('href="/workspace/content/what-to-bring"')
  })

  it('shows a section’s text in the plain-text form, with how to format it', async () => {
    const form = await page('/content/guidance/exclusion-guidance/permanent-exclusion-after')
    expect(form.status).toBe(200)
    expect(form.html).toContain('value="After the decision"')
    expect(textareaValue(form.html, 'body')).toBe(
      [
        'If the permanent exclusion is rescinded, the head teacher tells the Inclusion Service the alternative outcome.',
        '',
        'If it is upheld, the Inclusion Service works with the services needed so that education is in place by day 6 of the permanent exclusion. It formally notifies the chair of governors of the exclusion and the process they need to follow, and tells the Governor Development Service so that it can support the governors.',
        '',
        'Contacts: Governor Development Service (GDS), Legal Service – education and employment',
      ].join('\n'),
    )
    expect(words(form.html)).toContain('How to format the text')
    expect(form.html).toContain('aria-describedby="body-hint"')
  })

  it('saves a section with every kind of block, keeping its id, and devices get it once published', async () => {
    const saved = await send('/content/guidance/exclusion-guidance/monitoring', { title: 'How the Inclusion Service uses notifications', body: EVERY_BLOCK })
    expect(saved).toMatchObject({ status: 303, location: '/workspace/content/guidance/exclusion-guidance?done=saved' })
    expect(await changes()).toContain('Exclusion guidance: 1 section changed')
    const preview = await page('/content/preview')
    expect(preview.html).toContain('<ol class="govuk-list govuk-list--number"><li>Notify the parents.</li><li>Notify the local authority.</li></ol>')
    expect(preview.html).toContain('govuk-warning-text')
    expect(words(preview.html)).toContain('Do not extend a suspension.')
    expect(words(preview.html)).toContain('Primary inclusion forum')

    expect(await send('/content/publish', { note: 'Clearer monitoring section' })).toMatchObject({ status: 303 })
    await source.refresh()
    const served = await (await fetch(`${intake.url}/api/content`)).json()
    expect(served.exclusionGuidance.at(-1)).toEqual({ id: 'monitoring', title: 'How the Inclusion Service uses notifications', blocks: EVERY_BLOCK_PARSED })
    expect(await auditEntries()).toEqual(
      expect.arrayContaining([
        ['Saved content draft', 'exclusion guidance section monitoring'],
        ['Published content', 'version 2'],
      ]),
    )
  })

  it('names a contact that is not in the directory beside the text, keeping what was typed', async () => {
    const body = 'Ring them.\n\nContacts: Inclusion Service, Ashby Family Hub'
    const refused = await send('/content/guidance/forum-guidance/monitoring', { title: 'Monitoring progress', body })
    expect(refused.status).toBe(400)
    expect(besideField(refused.html, 'body')).toBe('Error: There is no service called “Ashby Family Hub” in the directory of services: check the names after “Contacts:”')
    expect(refused.html).toContain('href="#body"')
    expect(textareaValue(refused.html, 'body')).toBe(body)
    expect(await intake.store.content.contentDraft()).toBeUndefined()
  })

  it.each([
    ['no title', { title: '', body: 'Some text.' }, 'title', 'Enter the title of the section'],
    ['a title too long', { title: 'x'.repeat(151), body: 'Some text.' }, 'title', 'Title must be 150 characters or fewer'],
    ['a title without a letter or number', { title: '!!!', body: 'Some text.' }, 'title', 'Title must include a letter or a number'],
    ['no text', { title: 'Transport', body: ' \n ' }, 'body', 'Enter the text of the section'],
    ['an empty warning', { title: 'Transport', body: 'Warning:' }, 'body', 'Enter the text of the warning after “Warning:”'],
    ['text too long', { title: 'Transport', body: 'x'.repeat(10_001) }, 'body', 'The text must be 10,000 characters or fewer'],
  ])('refuses a new section with %s', async (_case, fields, field, message) => {
    const refused = await send('/content/guidance/forum-guidance/new', fields)
    expect(refused.status).toBe(400)
    expect(besideField(refused.html, field)).toBe(`Error: ${message}`)
    expect(refused.html).toContain(`value="${fields.title}"`)
    expect(await intake.store.content.contentDraft()).toBeUndefined()
  })

  it('adds sections with ids from their titles, and removes one after asking', async () => {
    expect(await send('/content/guidance/forum-guidance/new', { title: 'Getting to the forum', body: 'Ask the forum about travel.' })).toMatchObject({
      status: 303,
      location: '/workspace/content/guidance/forum-guidance?done=added',
    })
    expect(await send('/content/guidance/forum-guidance/new', { title: 'Getting to the forum!', body: 'A second section.' })).toMatchObject({ status: 303 })
    expect((await draft())!.forumGuidance.slice(-2)).toEqual([
      { id: 'getting-to-the-forum', title: 'Getting to the forum', blocks: [{ type: 'paragraph', text: 'Ask the forum about travel.' }] },
      { id: 'getting-to-the-forum-2', title: 'Getting to the forum!', blocks: [{ type: 'paragraph', text: 'A second section.' }] },
    ])
    expect(words((await page('/content/guidance/forum-guidance?done=added')).html)).toContain('Section added to the draft')

    const confirm = await page('/content/guidance/forum-guidance/getting-to-the-forum/remove')
    expect(confirm.status).toBe(200)
    expect(words(confirm.html)).toContain('Remove Getting to the forum?')
    expect((await draft())!.forumGuidance).toHaveLength(10)
    expect(await send('/content/guidance/forum-guidance/getting-to-the-forum/remove')).toMatchObject({
      status: 303,
      location: '/workspace/content/guidance/forum-guidance?done=removed',
    })
    expect((await draft())!.forumGuidance.map((section) => section.id)).toEqual([
      'purpose', 'criteria', 'named-and-anonymous', 'after-you-ask', 'what-you-leave-with', 're-referral', 'monitoring', 'attending-services', 'getting-to-the-forum-2',
    ])
    expect(await send('/content/guidance/forum-guidance/purpose/remove')).toMatchObject({ status: 303 })
    expect(await changes()).toContain('Forum guidance: 1 section added, 1 section removed')
    expect(await auditEntries()).toEqual([
      ['Signed in', ''],
      ['Saved content draft', 'forum guidance section getting-to-the-forum'],
      ['Saved content draft', 'forum guidance section getting-to-the-forum-2'],
      ['Saved content draft', 'forum guidance section getting-to-the-forum removed'],
      ['Saved content draft', 'forum guidance section purpose removed'],
    ])
  })

  it('keeps both of two officers’ changes saved at the same moment', async () => {
    const officer = await someone('officer')
    const saved = await Promise.all([
      send('/content/guidance/forum-guidance/monitoring', { title: 'Monitoring progress', body: 'Changed by the administrator.' }),
      send('/content/guidance/exclusion-guidance/monitoring', { title: 'How the local authority uses your notifications', body: 'Changed by the officer.' }, officer),
      send('/content/forums/post-16', { ...primaryFields, name: 'Post 16 forum' }, officer),
    ])
    expect(saved.map((response) => response.status)).toEqual([303, 303, 303])
    const both = (await draft())!
    expect(both.forumGuidance.find((section) => section.id === 'monitoring')!.blocks).toEqual([{ type: 'paragraph', text: 'Changed by the administrator.' }])
    expect(both.exclusionGuidance.find((section) => section.id === 'monitoring')!.blocks).toEqual([{ type: 'paragraph', text: 'Changed by the officer.' }])
    expect(both.forums.find((forum) => forum.id === 'post-16')!.name).toBe('Post 16 forum')
  })

  it('keeps at least one section in a group, and says so', async () => {
    const ids = defaultContent.exclusionGuidance.map((section) => section.id)
    for (const id of ids.slice(1)) expect((await send(`/content/guidance/exclusion-guidance/${id}/remove`)).status).toBe(303)
    const last = await page(`/content/guidance/exclusion-guidance/${ids[0]}/remove`)
    expect(last.status).toBe(200)
    expect(words(last.html)).toContain('Exclusion guidance must keep at least one section: add another section before you remove this one')
    expect(last.html).not.toContain('Remove section')
    const refused = await send(`/content/guidance/exclusion-guidance/${ids[0]}/remove`)
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('<title>Error: Remove When a child is at risk of exclusion')
    expect(refused.html).toContain('<a href="#remove">Exclusion guidance must keep at least one section: add another section before you remove this one</a>')
    expect(refused.html).toContain('<div class="govuk-inset-text" id="remove">')
    expect((await draft())!.exclusionGuidance.map((section) => section.id)).toEqual([ids[0]])
  })

  it('edits what to bring to a forum, one thing a line', async () => {
    const form = await page('/content/what-to-bring')
    expect(textareaValue(form.html, 'items')).toBe(defaultContent.whatToBring.join('\n'))
    const refused = await send('/content/what-to-bring', { items: ' \n \n' })
    expect(refused.status).toBe(400)
    expect(besideField(refused.html, 'items')).toBe('Error: Enter what a setting should bring to a forum, one thing a line')
    expect(await send('/content/what-to-bring', { items: 'The education plan\n\n  The attendance record ' })).toMatchObject({
      status: 303,
      location: '/workspace/content/guidance/forum-guidance?done=saved',
    })
    expect((await draft())!.whatToBring).toEqual(['The education plan', 'The attendance record'])
    expect(await changes()).toContain('What to bring to a forum: changed')
    expect(await auditEntries()).toContainEqual(['Saved content draft', 'what to bring to a forum'])
  })

  it('answers 404 for a forum, group or section that is not there', async () => {
    for (const path of [
      '/content/forums/tertiary', '/content/guidance/other-guidance', '/content/guidance/other-guidance/new', '/content/guidance/constructor',
      '/content/guidance/forum-guidance/no-such-section', '/content/guidance/forum-guidance/no-such-section/remove',
    ]) {
      const response = await page(path)
      expect(response.status, path).toBe(404)
      expect(response.html, path).toContain('Page not found')
    }
    for (const path of ['/content/forums/tertiary', '/content/guidance/other-guidance/new', '/content/guidance/forum-guidance/no-such-section', '/content/guidance/forum-guidance/no-such-section/remove']) {
      expect((await send(path, { ...primaryFields, title: 'A title', body: 'Text.' })).status, path).toBe(404)
    }
    expect(await intake.store.content.contentDraft()).toBeUndefined()
  })

  it('lets a viewer read the lists, and only an officer change them', async () => {
    const viewer = await someone('viewer')
    for (const path of ['/content/forums', '/content/guidance/forum-guidance', '/content/guidance/exclusion-guidance', '/content/preview']) {
      const response = await page(path, viewer)
      expect(response.status, path).toBe(200)
      expect(response.html, path).not.toContain('>Change<')
      expect(response.html, path).not.toContain('Add a section')
    }
    const editing = ['/content/forums/primary', '/content/guidance/forum-guidance/new', '/content/guidance/forum-guidance/purpose', '/content/guidance/forum-guidance/purpose/remove', '/content/what-to-bring']
    for (const path of editing) {
      const response = await page(path, viewer)
      expect(response.status, path).toBe(403)
      expect(response.html, path).toContain('You cannot do that')
      expect((await send(path, { ...primaryFields, title: 'A title', body: 'Text.', items: 'One thing' }, viewer)).status, path).toBe(403)
    }
    expect(await intake.store.content.contentDraft()).toBeUndefined()

    const officer = await someone('officer')
    expect((await send('/content/guidance/forum-guidance/purpose', { title: 'What the forums are for', body: 'Shorter.' }, officer)).status).toBe(303)
    expect((await draft())!.forumGuidance[0]).toEqual({ id: 'purpose', title: 'What the forums are for', blocks: [{ type: 'paragraph', text: 'Shorter.' }] })
  })
})
