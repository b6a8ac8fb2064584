import { describe, expect, it } from 'vitest'
import { parseDateParts } from '../../../src/domain/date-input'

describe('parseDateParts (GOV.UK date input messages)', () => {
  it.each([
    [{ day: '', month: '', year: '' }, { kind: 'empty' }],
    [{ day: ' 1', month: '9 ', year: '2022' }, { kind: 'date', iso: '2022-09-01' }],
    [{ day: '29', month: '2', year: '2020' }, { kind: 'date', iso: '2020-02-29' }],
    [{ day: '29', month: '2', year: '2021' }, { kind: 'error', message: 'Date of birth must be a real date' }],
    [{ day: '31', month: '', year: '' }, { kind: 'error', message: 'Date of birth must include a month and year' }],
    [{ day: '', month: '8', year: '2015' }, { kind: 'error', message: 'Date of birth must include a day' }],
    [{ day: 'x', month: '8', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date' }],
    [{ day: '31', month: '8', year: '15' }, { kind: 'error', message: 'Year must include 4 numbers' }],
    [{ day: '31', month: '13', year: '2015' }, { kind: 'error', message: 'Date of birth must be a real date' }],
  ])('%o → %o', (parts, expected) => {
    expect(parseDateParts(parts, 'Date of birth')).toEqual(expected)
  })
})
