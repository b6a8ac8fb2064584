import { describe, expect, it } from 'vitest'
import { findForum, type FinderAnswers } from '../../../src/domain/forum-finder'

const TODAY = '2026-11-23' // school year 2026 to 2027: groups fixed on 31 August 2026

type Case = [string, Omit<FinderAnswers, 'today'> & { today?: string }, string]

const forumCases: Case[] = [
  ['a newborn in a nursery', { setting: 'early-years', dateOfBirth: '2026-11-23', hasEhcp: false }, 'early-years'],
  ['reception age (31 August birthday) still in pre-school', { setting: 'early-years', dateOfBirth: '2022-08-31', hasEhcp: false }, 'early-years'],
  ['reception (31 August birthday) in school', { setting: 'school', dateOfBirth: '2022-08-31', hasEhcp: false }, 'primary'],
  ['below reception (1 September birthday) in a school nursery class', { setting: 'school', dateOfBirth: '2022-09-01', hasEhcp: false }, 'early-years'],
  ['below reception (1 September birthday) in pre-school', { setting: 'early-years', dateOfBirth: '2022-09-01', hasEhcp: false }, 'early-years'],
  ['leap-day birthday in year 2', { setting: 'school', dateOfBirth: '2020-02-29', hasEhcp: false }, 'primary'],
  ['year 6 (1 September birthday)', { setting: 'school', dateOfBirth: '2015-09-01', hasEhcp: false }, 'primary'],
  ['year 7 (31 August birthday)', { setting: 'school', dateOfBirth: '2015-08-31', hasEhcp: false }, 'secondary'],
  ['year 11 (1 September birthday)', { setting: 'school', dateOfBirth: '2010-09-01', hasEhcp: false }, 'secondary'],
  ['year 12 in a school sixth form (31 August birthday)', { setting: 'school', dateOfBirth: '2010-08-31', hasEhcp: false }, 'post-16'],
  ['year 12 at college', { setting: 'post-16', dateOfBirth: '2010-08-31', hasEhcp: false }, 'post-16'],
  ['19 at college without an EHCP', { setting: 'post-16', dateOfBirth: '2006-11-24', hasEhcp: false }, 'post-16'],
  ['20 today with an EHCP', { setting: 'post-16', dateOfBirth: '2006-11-23', hasEhcp: true }, 'post-16'],
  ['25 today with an EHCP', { setting: 'post-16', dateOfBirth: '2001-11-23', hasEhcp: true }, 'post-16'],
  ['19 in a special school with an EHCP', { setting: 'school', dateOfBirth: '2007-06-01', hasEhcp: true }, 'post-16'],
  ['year group only: year 7', { setting: 'school', yearGroup: 'year-7', hasEhcp: false }, 'secondary'],
  ['year group only: reception', { setting: 'school', yearGroup: 'reception', hasEhcp: false }, 'primary'],
  ['year group only: year 13 at college', { setting: 'post-16', yearGroup: 'year-13', hasEhcp: false }, 'post-16'],
  ['taught a year above: year 6 by age, in year 7', { setting: 'school', dateOfBirth: '2015-09-01', yearGroup: 'year-7', hasEhcp: true }, 'secondary'],
  ['taught a year below: year 7 by age, in year 6', { setting: 'school', dateOfBirth: '2015-08-31', yearGroup: 'year-6', hasEhcp: false }, 'primary'],
  ['20 with an EHCP, in "year 13" at a special school', { setting: 'school', dateOfBirth: '2006-01-01', yearGroup: 'year-13', hasEhcp: true }, 'post-16'],
  ['20 with an EHCP, in year 13 at college', { setting: 'post-16', dateOfBirth: '2006-01-01', yearGroup: 'year-13', hasEhcp: true }, 'post-16'],
  ['term boundary: 31 August, still nursery', { setting: 'school', dateOfBirth: '2022-08-31', hasEhcp: false, today: '2026-08-31' }, 'early-years'],
  ['term boundary: 1 September, now reception', { setting: 'school', dateOfBirth: '2022-08-31', hasEhcp: false, today: '2026-09-01' }, 'primary'],
]

describe('findForum: the forum and why', () => {
  it.each(forumCases)('%s → %s', (_name, answers, forum) => {
    const result = findForum({ today: TODAY, ...answers })
    expect(result).toMatchObject({ outcome: 'forum', forum })
    if (result.outcome === 'forum') expect(result.reasons.length).toBeGreaterThan(0)
  })

  it('explains the year group it worked out', () => {
    const result = findForum({ today: TODAY, setting: 'school', dateOfBirth: '2015-08-31', hasEhcp: false })
    expect(result.outcome === 'forum' && result.reasons[0]).toBe(
      'Born 31 August 2015, the child was 11 on 31 August 2026, so by age is in year 7 in the 2026 to 2027 school year.',
    )
  })

  it('says a baby is below nursery age, not a negative age', () => {
    const result = findForum({ today: TODAY, setting: 'early-years', dateOfBirth: '2026-11-23', hasEhcp: false })
    expect(result.outcome === 'forum' && result.reasons[0]).toBe(
      'Born 23 November 2026, the child is below nursery age in the 2026 to 2027 school year.',
    )
  })

  it('says a young person past year 13 is their age today', () => {
    const result = findForum({ today: TODAY, setting: 'post-16', dateOfBirth: '2006-01-01', hasEhcp: true })
    expect(result.outcome === 'forum' && result.reasons[0]).toBe('Born 1 January 2006, the young person is 20 today, past year 13.')
  })

  it('says when the child is taught out of their age group', () => {
    const result = findForum({ today: TODAY, setting: 'school', dateOfBirth: '2015-09-01', yearGroup: 'year-7', hasEhcp: false })
    expect(result.outcome === 'forum' && result.reasons.join(' ')).toContain('taught out of their age group')
  })
})

const noForumCases: Case[] = [
  ['20 today without an EHCP', { setting: 'post-16', dateOfBirth: '2006-11-23', hasEhcp: false }, 'only if they have an EHCP'],
  ['25 today without an EHCP', { setting: 'post-16', dateOfBirth: '2001-11-23', hasEhcp: false }, 'only if they have an EHCP'],
  ['26 today even with an EHCP', { setting: 'post-16', dateOfBirth: '2000-11-23', hasEhcp: true }, 'up to 25'],
  ['year 3 in a pre-school setting', { setting: 'early-years', dateOfBirth: '2019-03-27', hasEhcp: false }, 'statutory school age'],
  ['year 1 by year group in a pre-school setting', { setting: 'early-years', yearGroup: 'year-1', hasEhcp: false }, 'statutory school age'],
  ['year 11 at college', { setting: 'post-16', dateOfBirth: '2010-09-01', hasEhcp: false }, 'starts from year 12'],
  ['year group far from the age', { setting: 'school', dateOfBirth: '2020-01-01', yearGroup: 'year-9', hasEhcp: false }, 'do not match'],
]

describe('findForum: out of range or contradictory answers are explained, never guessed', () => {
  it.each(noForumCases)('%s', (_name, answers, phrase) => {
    const result = findForum({ today: TODAY, ...answers })
    expect(result.outcome).toBe('no-forum')
    if (result.outcome === 'no-forum') {
      expect(result.explanation).toContain(phrase)
      expect(result.advice.length).toBeGreaterThan(0)
    }
  })
})

describe('findForum: missing or impossible answers', () => {
  it('asks for every missing answer', () => {
    expect(findForum({ today: TODAY })).toEqual({
      outcome: 'invalid',
      errors: [
        { field: 'setting', message: 'Select the type of setting the child attends' },
        { field: 'dateOfBirth', message: 'Enter the child’s date of birth, or select their year group' },
        { field: 'hasEhcp', message: 'Select yes if the child has an education, health and care plan (EHCP)' },
      ],
    })
  })

  it.each([
    ['2026-11-24', 'Date of birth must be today or in the past'],
    ['2026-02-30', 'Date of birth must be a real date'],
  ])('rejects a date of birth of %s', (dateOfBirth, message) => {
    expect(findForum({ today: TODAY, setting: 'school', dateOfBirth, hasEhcp: false })).toEqual({
      outcome: 'invalid',
      errors: [{ field: 'dateOfBirth', message }],
    })
  })

  it('never reads the clock: today must be given', () => {
    expect(() => findForum({ today: 'yesterday' })).toThrow(/today/)
  })
})
