import { describe, expect, it } from 'vitest'
import { passwordManagerUsername, profileLabel, profileNameProblem } from '../../../src/domain/profile-rules'

describe('profileNameProblem', () => {
  it.each([
    ['Sam', [], undefined],
    ['  Sam  ', ['Alex'], undefined],
    ['', [], 'Enter your first name'],
    ['   ', [], 'Enter your first name'],
    ['A'.repeat(40), [], undefined],
    ['A'.repeat(41), [], 'First name must be 40 characters or fewer'],
    // 40 letters with an accent each, counted as characters rather than UTF-16 units.
    ['é'.repeat(40), [], undefined],
    ['Sam', ['Sam'], 'This device already has a profile called Sam: add the first letter of your last name'],
    ['sam', ['Sam '], 'This device already has a profile called sam: add the first letter of your last name'],
    ['Zoë', ['Zoe'], undefined],
    ['Sam P', ['Sam'], undefined],
  ])('%j beside %j: %s', (name, others, problem) => {
    expect(profileNameProblem(name, others)).toBe(problem)
  })
})

describe('profileLabel', () => {
  it.each([
    ['Sam', 'Sam'],
    ['', 'Unnamed profile'],
  ])('%j: %s', (name, label) => {
    expect(profileLabel(name)).toBe(label)
  })
})

describe('passwordManagerUsername', () => {
  it.each([
    ['Sam', 'Inclusion Companion: Sam'],
    [' Sam ', 'Inclusion Companion: Sam'],
    ['', 'Inclusion Companion'],
  ])('%j: %s', (name, username) => {
    expect(passwordManagerUsername(name)).toBe(username)
  })
})
