import { describe, expect, it } from 'vitest'
import { linesOf, newContentId } from '../../../server/workspace/content-draft'

describe('ids for what officers add to the content', () => {
  it.each([
    ['Attendance support', [], 'attendance-support'],
    ['  Café & Family Hub!  ', [], 'cafe-family-hub'],
    ['Attendance support', ['attendance-support'], 'attendance-support-2'],
    ['Attendance support', ['attendance-support', 'attendance-support-2'], 'attendance-support-3'],
    // "new" is each editor's add page: a service or section called New gets another id.
    ['New', [], 'new-2'],
    ['***', [], ''],
  ])('%s with %j taken: %s', (name, taken, id) => {
    expect(newContentId(name, taken)).toBe(id)
  })

  it('reads a textarea one item a line, trimmed, blank lines left out', () => {
    expect(linesOf(' First \r\n\n  \nSecond\n')).toEqual(['First', 'Second'])
  })
})
