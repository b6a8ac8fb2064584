import type { Block } from '../../src/domain/content-schema'

/**
 * A guidance section's blocks as plain text an officer edits in one textarea, and back:
 *
 * - paragraphs are separated by a blank line (a paragraph's own line breaks are kept);
 * - lines starting "- " are a bulleted list, lines starting "1. ", "2. " … numbered steps;
 * - a paragraph starting "Warning: " is a warning;
 * - a line "Contacts: " then services' names from the directory, separated by commas, is a
 *   contacts block (names matched without regard to case, curly quotes or dashes).
 *
 * A text line that would read as one of these starts with a backslash, which is dropped.
 * Every block the workspace can write, and all the bundled guidance, reads back unchanged.
 */

/** A service of the directory as the contacts line names it. */
export interface DirectoryEntry {
  id: string
  name: string
}

export type ParsedText = { ok: true; blocks: Block[] } | { ok: false; message: string }

const LIST = /^-\s+(.+)$/
const STEP = /^\d+\.\s+(.+)$/
const WARNING = /^warning:\s*(.*)$/i
const CONTACTS = /^contacts:(.*)$/i
const ESCAPE = '\\'

/** A line of a paragraph's text that would otherwise read as a marker (or lose its own backslash). */
const escapeLine = (line: string) => (line.startsWith(ESCAPE) || [LIST, STEP, WARNING, CONTACTS].some((marker) => marker.test(line)) ? ESCAPE + line : line)
const unescapeLine = (line: string) => (line.startsWith(ESCAPE) ? line.slice(1).trim() : line)

/** Names compared as people type them: case, curly quotes, dashes and spacing aside. */
const comparable = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()

/** The text form of a section's blocks. */
export function blocksToText(blocks: readonly Block[], services: readonly DirectoryEntry[]): string {
  const nameOf = new Map(services.map((service) => [service.id, service.name]))
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return block.text.split('\n').map(escapeLine).join('\n')
        case 'warning': {
          // What follows the prefix is the warning's text whatever it looks like: only its later lines need escaping.
          const [first, ...rest] = block.text.split('\n')
          return [`Warning: ${first}`, ...rest.map(escapeLine)].join('\n')
        }
        case 'list':
          return block.items.map((item) => `- ${item}`).join('\n')
        case 'steps':
          return block.items.map((item, index) => `${index + 1}. ${item}`).join('\n')
        case 'contacts':
          // An id the directory no longer has is written as it is, so that reading it back says so.
          return `Contacts: ${block.serviceIds.map((id) => nameOf.get(id) ?? id).join(', ')}`
      }
    })
    .join('\n\n')
}

/**
 * The services a contacts line names, by id. Names may hold commas themselves ("Specialist
 * Teaching Service, including the Autism Outreach Team"): the longest run of comma-separated
 * pieces that is a service's name is taken first.
 */
function contactIds(names: string, services: readonly DirectoryEntry[]): { ids: string[]; unknown: string[] } {
  const idOf = new Map(services.map((service) => [comparable(service.name), service.id]))
  const pieces = names.split(',').map((piece) => piece.trim())
  const ids: string[] = []
  const unknown: string[] = []
  for (let start = 0; start < pieces.length; ) {
    let end = pieces.length
    while (end > start && !idOf.has(comparable(pieces.slice(start, end).join(', ')))) end--
    if (end > start) {
      ids.push(idOf.get(comparable(pieces.slice(start, end).join(', ')))!)
      start = end
    } else {
      if (pieces[start]) unknown.push(pieces[start]!)
      start++
    }
  }
  return { ids, unknown }
}

const quoted = (names: string[]) => names.map((name) => `“${name}”`)
const either = (names: string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`)

/** A section's blocks from their text form, or what to say beside the field. */
export function textToBlocks(text: string, services: readonly DirectoryEntry[]): ParsedText {
  const blocks: Block[] = []
  // The block being read: lines of a paragraph or warning, or items of a list or steps.
  let open: { type: 'paragraph' | 'warning' | 'list' | 'steps'; lines: string[] } | undefined
  const close = () => {
    if (open?.type === 'paragraph' || open?.type === 'warning') blocks.push({ type: open.type, text: open.lines.join('\n') })
    else if (open) blocks.push({ type: open.type, items: open.lines })
    open = undefined
  }
  const add = (type: NonNullable<typeof open>['type'], line: string) => {
    if (open?.type !== type) {
      close()
      open = { type, lines: [] }
    }
    open.lines.push(line)
  }

  for (const line of text.split(/\r?\n/).map((each) => each.trim())) {
    if (!line) {
      close()
      continue
    }
    const [list, step, contacts] = line.startsWith(ESCAPE) ? [] : [LIST.exec(line), STEP.exec(line), CONTACTS.exec(line)]
    if (contacts) {
      close()
      const { ids, unknown } = contactIds(contacts[1]!, services)
      if (unknown.length) {
        return { ok: false, message: `There is no service called ${either(quoted(unknown))} in the directory of services: check the names after “Contacts:”` }
      }
      if (!ids.length) return { ok: false, message: 'Enter the names of services from the directory after “Contacts:”, separated by commas' }
      blocks.push({ type: 'contacts', serviceIds: ids })
    } else if (list) add('list', list[1]!)
    else if (step) add('steps', step[1]!)
    else if (open?.type === 'paragraph' || open?.type === 'warning') open.lines.push(unescapeLine(line))
    else {
      const warning = line.startsWith(ESCAPE) ? null : WARNING.exec(line)
      if (warning && !warning[1]) return { ok: false, message: 'Enter the text of the warning after “Warning:”' }
      add(warning ? 'warning' : 'paragraph', warning ? warning[1]! : unescapeLine(line))
    }
  }
  close()
  if (!blocks.length) return { ok: false, message: 'Enter the text of the section' }
  return { ok: true, blocks }
}
