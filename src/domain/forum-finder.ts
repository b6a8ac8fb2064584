import { ageOn, formatLongDate, parseIsoDate, type CalendarDate } from './dates'
import { POST_16_MAX_AGE, POST_16_MAX_AGE_WITH_EHCP, type ForumId } from './forums'
import {
  chronologicalYear, schoolYearLabel, startOfSchoolYearCutOff, yearGroupLabel, yearNumber, YEAR_GROUPS,
  type YearGroup,
} from './school-year'

export const SETTING_TYPES = ['early-years', 'school', 'post-16'] as const
export type SettingType = (typeof SETTING_TYPES)[number]

export const SETTING_TYPE_LABELS: Record<SettingType, string> = {
  'early-years': 'Early years or pre-school setting (nursery, pre-school, childminder)',
  school: 'School (primary, secondary, all-through or special)',
  'post-16': 'Sixth form college, further education college or training provider',
}

export interface FinderAnswers {
  setting?: SettingType
  /** ISO date, or empty when the user gave a year group instead. */
  dateOfBirth?: string
  yearGroup?: YearGroup
  hasEhcp?: boolean
  /** ISO date: rules never read the clock. */
  today: string
}

export type FinderField = 'setting' | 'dateOfBirth' | 'yearGroup' | 'hasEhcp'
export interface FinderError { field: FinderField; message: string }

export type FinderResult =
  | { outcome: 'forum'; forum: ForumId; reasons: string[] }
  | { outcome: 'no-forum'; explanation: string; advice: string }
  | { outcome: 'invalid'; errors: FinderError[] }

const LAST_PRIMARY_YEAR = 6
const LAST_SECONDARY_YEAR = 11
const FIRST_POST_16_YEAR = 12
/** Children taught out of their chronological year group are rarely more than a year out. */
const MAX_YEARS_OUT_OF_GROUP = 1

interface Child {
  yearNumber: number
  /** Age today, known only from a date of birth. */
  age: number | undefined
  reasons: string[]
}

export function findForum(answers: FinderAnswers): FinderResult {
  const today = parseIsoDate(answers.today)
  if (!today) throw new Error('findForum needs today as an ISO date')

  const errors = answerErrors(answers, today)
  if (errors.length > 0) return { outcome: 'invalid', errors }

  const child = describeChild(answers, today)
  if ('outcome' in child) return child
  return chooseForum(answers.setting!, answers.hasEhcp!, child)
}

function answerErrors(answers: FinderAnswers, today: CalendarDate): FinderError[] {
  const errors: FinderError[] = []
  if (!answers.setting) errors.push({ field: 'setting', message: 'Select the type of setting the child attends' })
  if (!answers.dateOfBirth && !answers.yearGroup) {
    errors.push({ field: 'dateOfBirth', message: 'Enter the child’s date of birth, or select their year group' })
  }
  if (answers.dateOfBirth) {
    const dateOfBirth = parseIsoDate(answers.dateOfBirth)
    if (!dateOfBirth) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be a real date' })
    else if (ageOn(dateOfBirth, today) < 0) {
      errors.push({ field: 'dateOfBirth', message: 'Date of birth must be today or in the past' })
    }
  }
  if (answers.yearGroup && !YEAR_GROUPS.includes(answers.yearGroup)) {
    errors.push({ field: 'yearGroup', message: 'Select a year group from the list' })
  }
  if (answers.hasEhcp === undefined) {
    errors.push({ field: 'hasEhcp', message: 'Select yes if the child has an education, health and care plan (EHCP)' })
  }
  return errors
}

function describeChild(answers: FinderAnswers, today: CalendarDate): Child | FinderResult {
  const dateOfBirth = answers.dateOfBirth ? parseIsoDate(answers.dateOfBirth) : undefined
  const reasons: string[] = []
  let chronological: number | undefined
  let age: number | undefined

  if (dateOfBirth) {
    const year = chronologicalYear(dateOfBirth, today)
    chronological = year.yearNumber
    age = ageOn(dateOfBirth, today)
    reasons.push(describeAge(dateOfBirth, today, year.ageOnCutOff, year.group, age))
  }

  if (!answers.yearGroup) return { yearNumber: chronological!, age, reasons }

  const chosen = yearNumber(answers.yearGroup)
  // Past year 11 the year group no longer decides the forum (a 20-year-old with an EHCP may
  // be "year 13" in a special school), so it cannot contradict the age.
  const bothPost16 = chronological !== undefined && chronological >= FIRST_POST_16_YEAR && chosen >= FIRST_POST_16_YEAR
  if (chronological !== undefined && !bothPost16 && Math.abs(chosen - chronological) > MAX_YEARS_OUT_OF_GROUP) {
    return {
      outcome: 'no-forum',
      explanation:
        `The date of birth and the year group do not match: by age the child would be in ${describeYear(chronological)}, ` +
        `but you selected ${yearGroupLabel(answers.yearGroup).toLowerCase()}.`,
      advice:
        'Check the date of birth. If the child really is taught that far outside their age group, ' +
        'leave the date of birth empty and answer with the year group they are in.',
    }
  }
  if (chronological !== undefined && chosen !== chronological && !bothPost16) {
    reasons.push(
      `The child is taught out of their age group, in ${yearGroupLabel(answers.yearGroup).toLowerCase()}: ` +
        'the forum follows the year group they are in.',
    )
  } else if (chronological === undefined) {
    reasons.push(`The child is in ${yearGroupLabel(answers.yearGroup).toLowerCase()}.`)
  }
  return { yearNumber: chosen, age, reasons }
}

function chooseForum(setting: SettingType, hasEhcp: boolean, child: Child): FinderResult {
  const { yearNumber: year, reasons } = child
  const forum = (id: ForumId, reason: string): FinderResult => ({ outcome: 'forum', forum: id, reasons: [...reasons, reason] })

  if (setting === 'early-years') {
    if (year <= 0) {
      return forum('early-years', 'The early years forum is for children under statutory school age (birth to 5) in pre-school settings.')
    }
    return {
      outcome: 'no-forum',
      explanation: `A child in ${describeYear(year)} is of statutory school age, and the early years forum is for children under statutory school age in pre-school settings.`,
      advice: 'If the child attends a school, choose “School” as the setting. Otherwise check the date of birth or year group.',
    }
  }

  if (setting === 'school') {
    if (year < 0) {
      return forum('early-years', 'Children below reception age, including those in a school nursery class, are under statutory school age: the early years forum covers them.')
    }
    if (year <= LAST_PRIMARY_YEAR) {
      return forum('primary', 'The primary forum is for reception to year 6 (age 5 to 11).')
    }
    if (year <= LAST_SECONDARY_YEAR) {
      return forum('secondary', 'The secondary forum is for year 7 to year 11 (age 11 to 16).')
    }
    return post16(hasEhcp, child, forum)
  }

  if (year < FIRST_POST_16_YEAR) {
    return {
      outcome: 'no-forum',
      explanation: `A child in ${describeYear(year)} is of statutory school age; the post-16 forum starts from year 12 (16 on 31 August).`,
      advice: 'If the child attends a school, choose “School” as the setting. Otherwise check the date of birth or year group.',
    }
  }
  return post16(hasEhcp, child, forum)
}

function post16(hasEhcp: boolean, child: Child, forum: (id: ForumId, reason: string) => FinderResult): FinderResult {
  const { age } = child
  if (age === undefined || age <= POST_16_MAX_AGE) {
    return forum('post-16', 'The post-16 education, employment and training (EET) forum is for young people over statutory school age, 16 to 19.')
  }
  if (age <= POST_16_MAX_AGE_WITH_EHCP && hasEhcp) {
    return forum('post-16', `The young person is ${age} and has an EHCP: the post-16 EET forum takes young people with an EHCP up to 25.`)
  }
  if (age <= POST_16_MAX_AGE_WITH_EHCP) {
    return {
      outcome: 'no-forum',
      explanation: `The young person is ${age}. The post-16 EET forum is for 16 to 19 year olds, and for young people up to 25 only if they have an EHCP.`,
      advice: 'If the young person has an EHCP, answer yes to that question. Otherwise the Inclusion Service can advise on other support.',
    }
  }
  return {
    outcome: 'no-forum',
    explanation: `The young person is ${age}. The inclusion forums are for children and young people up to 25.`,
    advice: 'Check the date of birth. The Inclusion Service can advise on other support.',
  }
}

function describeAge(dateOfBirth: CalendarDate, today: CalendarDate, ageOnCutOff: number, group: YearGroup | undefined, age: number): string {
  const born = `Born ${formatLongDate(dateOfBirth)}`
  const cutOff = formatLongDate(startOfSchoolYearCutOff(today))
  if (group) {
    return `${born}, the child was ${ageOnCutOff} on ${cutOff}, so by age is in ${yearGroupLabel(group).toLowerCase()} in the ${schoolYearLabel(today)} school year.`
  }
  if (ageOnCutOff < 3) return `${born}, the child is below nursery age in the ${schoolYearLabel(today)} school year.`
  return `${born}, the young person is ${age} today, past year 13.`
}

function describeYear(year: number): string {
  if (year < -1) return 'a year group below nursery'
  if (year > 13) return 'a year group after year 13'
  return yearGroupLabel(YEAR_GROUPS[year + 1]!).toLowerCase()
}
