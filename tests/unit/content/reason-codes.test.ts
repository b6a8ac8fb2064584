import { describe, expect, it } from 'vitest'
import { checkContent, type Content } from '../../../src/domain/content-schema'
import { defaultContent } from '../../../src/domain/default-content/default-content'
import { BUNDLED_REASON_CODES, reasonCodesOf } from '../../../src/domain/default-content/reason-codes'

const withList = (reasonCodes: unknown) => checkContent({ ...defaultContent, reasonCodes })

describe('the census reason list in the content', () => {
  it('ships the 2024 census list (DOMAIN.md): 16 codes, from PP to PH', () => {
    expect(BUNDLED_REASON_CODES.listVersion).toBe('census-2024')
    expect(BUNDLED_REASON_CODES.codes.map((reason) => reason.code)).toEqual(['PP', 'PA', 'VP', 'VA', 'OW', 'BU', 'RA', 'LG', 'DS', 'SM', 'DA', 'DM', 'TH', 'DB', 'MT', 'PH'])
    // Not in the bundled content itself: only the pages that need the list load it.
    expect(defaultContent.reasonCodes).toBeUndefined()
    expect(reasonCodesOf(defaultContent)).toBe(BUNDLED_REASON_CODES)
  })

  it('gives content published before the list was content this release’s list', () => {
    const older: Content = structuredClone(defaultContent)
    delete older.reasonCodes
    expect(checkContent(older).ok).toBe(true)
    expect(reasonCodesOf(older)).toBe(BUNDLED_REASON_CODES)
    expect(reasonCodesOf(undefined)).toBe(BUNDLED_REASON_CODES)
  })

  it.each([
    ['an empty list', { listVersion: 'census-2026', codes: [] }, 'reasonCodes.codes: Too small: expected array to have >=1 items'],
    ['a code of three letters', { listVersion: 'census-2026', codes: [{ code: 'PAX', label: 'Physical assault' }] }, 'reasonCodes.codes.0.code: two capital letters, like PA'],
    ['a lower-case code', { listVersion: 'census-2026', codes: [{ code: 'pa', label: 'Physical assault' }] }, 'reasonCodes.codes.0.code: two capital letters, like PA'],
    ['a code without a label', { listVersion: 'census-2026', codes: [{ code: 'PA', label: ' ' }] }, 'reasonCodes.codes.0.label: Too small: expected string to have >=1 characters'],
    ['a code twice', { listVersion: 'census-2026', codes: [{ code: 'PA', label: 'One' }, { code: 'PA', label: 'Two' }] }, 'reasonCodes.codes.1.code: the code PA is listed twice'],
    ['no version name', { listVersion: '', codes: [{ code: 'PA', label: 'Physical assault' }] }, 'reasonCodes.listVersion: Too small: expected string to have >=1 characters'],
  ])('refuses %s', (_, reasonCodes, problem) => {
    expect(withList(reasonCodes)).toEqual({ ok: false, problems: [problem] })
  })
})
