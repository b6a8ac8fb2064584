import { describe, expect, it } from 'vitest'
import { datePartId, parseDateParts } from '../../../src/domain/date-input'

describe('parseDateParts (GOV.UK date input messages)', () => {
  it.each([
    [{ day: '', month: '', year: '' }, { kind: 'empty' }],
    [{ day: ' 1', month: '9 ', year: '2022' }, { kind: 'date', iso: '2022-09-01' }],
    [{ day: '29', month: '2', year: '2020' }, { kind: 'date', iso: '2020-02-29' }],
    [{ day: '31', month: 'aug', year: '2015' }, { kind: 'date', iso: '2015-08-31' }],
    [{ day: '1', month: 'Sept', year: '2015' }, { kind: 'date', iso: '2015-09-01' }],
    [{ day: '1', month: 'SEPTEMBER', year: '2015' }, { kind: 'date', iso: '2015-09-01' }],
    [{ day: '1', month: 'jan', year: '2016' }, { kind: 'date', iso: '2016-01-01' }],
    [{ day: '30', month: 'June', year: '2016' }, { kind: 'date', iso: '2016-06-30' }],
    [{ day: '1', month: 'jul', year: '2016' }, { kind: 'date', iso: '2016-07-01' }],
    [{ day: '31', month: 'Decem', year: '2016' }, { kind: 'date', iso: '2016-12-31' }],
    [{ day: '1', month: 'ju', year: '2016' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
    [{ day: '1', month: 'mayday', year: '2016' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
    [{ day: '1', month: 'sep 2016', year: '2016' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
    [{ day: '29', month: '2', year: '2021' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['day'] }],
    [{ day: '31', month: '', year: '' }, { kind: 'error', message: 'Date of birth must include a month and year', parts: ['month', 'year'] }],
    [{ day: '', month: '8', year: '2015' }, { kind: 'error', message: 'Date of birth must include a day', parts: ['day'] }],
    [{ day: 'x', month: '8', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['day'] }],
    [{ day: '1', month: 'se', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
    [{ day: '1', month: 'septembre', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
    [{ day: '31', month: '8', year: '15' }, { kind: 'error', message: 'Year must include 4 numbers', parts: ['year'] }],
    [{ day: '31', month: '8', year: '0015' }, { kind: 'error', message: 'Date of birth must be after 1900', parts: ['year'] }],
    [{ day: '31', month: '13', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date', parts: ['month'] }],
  ])('%o → %o', (parts, expected) => {
    expect(parseDateParts(parts, 'Date of birth')).toEqual(expected)
  })

  it('names the box an error links to', () => {
    expect(['day', 'month', 'year'].map((part) => datePartId('dob', part as 'day'))).toEqual(['dob', 'dob-month', 'dob-year'])
  })
})
