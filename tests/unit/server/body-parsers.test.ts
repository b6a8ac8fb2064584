import { describe, expect, it } from 'vitest'
import { formFields } from '../../../server/body-parsers'

describe('form fields', () => {
  it('reads each field once, decoded', () => {
    expect({ ...formFields('username=inbox&password=a+long+one%21') }).toEqual({ username: 'inbox', password: 'a long one!' })
  })

  it('keeps a field sent more than once as a list, so that a schema can refuse it', () => {
    expect({ ...formFields('forumDate=2026-12-01&forumDate=2026-12-02&forumDate=x') }).toEqual({ forumDate: ['2026-12-01', '2026-12-02', 'x'] })
  })

  it('takes names like __proto__ as plain fields', () => {
    const fields = formFields('__proto__=x&constructor=y')
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
