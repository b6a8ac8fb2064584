import { describe, expect, it } from 'vitest'
import type { Block } from '../../../src/domain/content-schema'
import { defaultContent } from '../../../src/domain/default-content/default-content'
import { exclusionGuidance } from '../../../src/domain/default-content/exclusion-guidance'
import { forumGuidance } from '../../../src/domain/default-content/forum-guidance'
import { blocksToText, textToBlocks } from '../../../server/workspace/guidance-text'

const directory = defaultContent.services

describe('the guidance text form', () => {
  it.each([
    ...forumGuidance.map((section) => ['forum guidance', section.id, section] as const),
    ...exclusionGuidance.map((section) => ['exclusion guidance', section.id, section] as const),
  ])(
    'reads back the bundled %s section %s unchanged',
    (_group, _id, section) => {
      const text = blocksToText(section.blocks, directory)
      expect({ ...section, blocks: (textToBlocks(text, directory) as { blocks: Block[] }).blocks }).toEqual(section)
    },
  )

  it('reads every kind of block from what an officer types', () => {
    const text = [
      'The forum will advise you on:',
      '- Best endeavours',
      '- Onward referral routes',
      '',
      '1. Notify the parents.',
      '2. Notify the local authority.',
      '',
      'A paragraph written',
      'over two lines.',
      '',
      'Warning: You must have consent.',
      '',
      'contacts: inclusion service, special educational needs assessment (SENA) team',
    ].join('\n')
    expect(textToBlocks(text, directory)).toEqual({
      ok: true,
      blocks: [
        { type: 'paragraph', text: 'The forum will advise you on:' },
        { type: 'list', items: ['Best endeavours', 'Onward referral routes'] },
        { type: 'steps', items: ['Notify the parents.', 'Notify the local authority.'] },
        { type: 'paragraph', text: 'A paragraph written\nover two lines.' },
        { type: 'warning', text: 'You must have consent.' },
        { type: 'contacts', serviceIds: ['inclusion-service', 'sena-team'] },
      ],
    })
  })

  it('writes every kind of block, a blank line between blocks', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: 'Cases may be named or anonymous.' },
      { type: 'list', items: ['First', 'Second'] },
      { type: 'steps', items: ['Phone the duty desk.', 'Confirm by the end of the day.'] },
      { type: 'warning', text: 'Bring the updated plan.' },
      { type: 'contacts', serviceIds: ['legal-service', 'first-response'] },
    ]
    expect(blocksToText(blocks, directory)).toBe(
      [
        'Cases may be named or anonymous.',
        '',
        '- First',
        '- Second',
        '',
        '1. Phone the duty desk.',
        '2. Confirm by the end of the day.',
        '',
        'Warning: Bring the updated plan.',
        '',
        'Contacts: Legal Service – education and employment, First Response (children’s social care)',
      ].join('\n'),
    )
  })

  it('matches names as people type them: straight apostrophes, hyphens for dashes, and names holding a comma', () => {
    const text = "Contacts: first response (children's social care), Legal Service - education and employment, Specialist Teaching Service, including the Autism Outreach Team, Health"
    expect(textToBlocks(text, directory)).toEqual({
      ok: true,
      blocks: [{ type: 'contacts', serviceIds: ['first-response', 'legal-service', 'specialist-teaching-service', 'health'] }],
    })
  })

  it('names the services the directory does not have', () => {
    expect(textToBlocks('Contacts: Health, Ashby Family Hub', directory)).toEqual({
      ok: false,
      message: 'There is no service called “Ashby Family Hub” in the directory of services: check the names after “Contacts:”',
    })
    expect(textToBlocks('Contacts: Ashby Family Hub, Health, Coalville Hub', directory)).toEqual({
      ok: false,
      message: 'There is no service called “Ashby Family Hub” or “Coalville Hub” in the directory of services: check the names after “Contacts:”',
    })
  })

  it.each([
    ['', 'Enter the text of the section'],
    ['  \n\n ', 'Enter the text of the section'],
    ['Warning:', 'Enter the text of the warning after “Warning:”'],
    ['Contacts: , ', 'Enter the names of services from the directory after “Contacts:”, separated by commas'],
  ])('says what is missing from %j', (text, message) => {
    expect(textToBlocks(text, directory)).toEqual({ ok: false, message })
  })

  it('keeps text that looks like a marker as text, with a backslash before it', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: '- not a list' },
      { type: 'paragraph', text: 'Two lines,\n1. the second not a step' },
      { type: 'paragraph', text: 'Warning: not a warning' },
      { type: 'paragraph', text: 'Contacts: not a contacts line' },
      { type: 'paragraph', text: '\\ a backslash of its own' },
      { type: 'warning', text: '- a warning that starts with a dash\nContacts: and goes on' },
      { type: 'list', items: ['\\ an item with a backslash', 'Warning: an item'] },
    ]
    const text = blocksToText(blocks, directory)
    expect(text).toBe(
      [
        '\\- not a list',
        '',
        'Two lines,',
        '\\1. the second not a step',
        '',
        '\\Warning: not a warning',
        '',
        '\\Contacts: not a contacts line',
        '',
        '\\\\ a backslash of its own',
        '',
        'Warning: - a warning that starts with a dash',
        '\\Contacts: and goes on',
        '',
        '- \\ an item with a backslash',
        '- Warning: an item',
      ].join('\n'),
    )
    expect(textToBlocks(text, directory)).toEqual({ ok: true, blocks })
  })

  it('starts a new block at a change of kind even without a blank line, and ignores spaces around lines', () => {
    expect(textToBlocks('  Before the list:  \n - One\n-   Two\nAfter the list.\r\n3. A step', directory)).toEqual({
      ok: true,
      blocks: [
        { type: 'paragraph', text: 'Before the list:' },
        { type: 'list', items: ['One', 'Two'] },
        { type: 'paragraph', text: 'After the list.' },
        { type: 'steps', items: ['A step'] },
      ],
    })
  })
})
