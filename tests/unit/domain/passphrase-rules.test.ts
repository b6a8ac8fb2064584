import { describe, expect, it } from 'vitest'
import { nextAttemptAt, passphraseProblem, unlockDelaySeconds } from '../../../src/domain/passphrase-rules'

describe('unlockDelaySeconds', () => {
  it.each([
    [0, 0], [1, 0], [2, 0], [3, 2], [4, 4], [5, 8], [8, 64], [10, 256], [11, 300], [50, 300],
  ])('after %i wrong tries, wait %i s', (failures, seconds) => {
    expect(unlockDelaySeconds(failures)).toBe(seconds)
  })

  it('counts from the last wrong try', () => {
    expect(nextAttemptAt(4, 1_000)).toBe(5_000)
    expect(nextAttemptAt(1, 1_000)).toBe(0)
  })
})

describe('passphraseProblem', () => {
  it.each([
    ['', 'Enter a passphrase'],
    ['seven77', 'Passphrase must be 8 characters or more'],
    ['🙂🙂🙂🙂🙂🙂🙂', 'Passphrase must be 8 characters or more'],
    ['eight888', undefined],
    ['correct horse battery staple', undefined],
  ])('%j', (passphrase, problem) => {
    expect(passphraseProblem(passphrase)).toBe(problem)
  })
})
