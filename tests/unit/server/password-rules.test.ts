import { describe, expect, it } from 'vitest'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../../../server/workspace/password-rules'

describe('passwordProblem', () => {
  it('asks for a password when there is none', () => {
    expect(passwordProblem('', 'jo.bloggs')).toBe('Enter a password')
  })

  it('wants 12 characters or more and 200 or fewer, with no rules about what kind', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12)
    expect(passwordProblem('short pass', 'jo.bloggs')).toBe('Password must be 12 characters or more')
    expect(passwordProblem('aaaaaaaaaaa', 'jo.bloggs')).toBe('Password must be 12 characters or more')
    expect(passwordProblem('kettle moors', 'jo.bloggs')).toBeUndefined()
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH + 1), 'jo.bloggs')).toBe('Password must be 200 characters or fewer')
    expect(passwordProblem('all lower case words here', 'jo.bloggs')).toBeUndefined()
  })

  it('refuses passwords on breached lists, whatever their case and trailing digits or symbols', () => {
    const tooCommon = 'Password is too common: choose one that is not on lists of breached passwords'
    for (const password of ['password123456', 'PASSWORD123456', 'qwertyuiop123', 'Password1234!', 'iloveyou12345']) {
      expect(passwordProblem(password, 'jo.bloggs'), password).toBe(tooCommon)
    }
  })

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('my name is Jo.Bloggs ok', 'jo.bloggs')).toBe('Password must not contain the username')
    expect(passwordProblem('my name is jo.bloggs ok', '')).toBeUndefined()
  })
})
