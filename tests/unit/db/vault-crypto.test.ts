import { describe, expect, it } from 'vitest'
import {
  createDataKey, decryptJson, encryptJson, PBKDF2_ITERATIONS, rewrapDataKey, TamperedRecordError, unlockDataKey, WrongPassphraseError,
} from '../../../src/db/vault-crypto'

// Real iteration counts are slow by design; tests that are not about the count use fewer.
const FAST = 1_000
const record = { child: 'Ada Lovelace', notes: 'é ✓ 🙂' }

describe('the data key', () => {
  it('is wrapped with PBKDF2-HMAC-SHA-256 at 600,000 iterations and a random salt by default', async () => {
    const first = await createDataKey('correct horse battery')
    const second = await createDataKey('correct horse battery')
    expect(first.wrapped.kdf).toBe('PBKDF2-HMAC-SHA-256')
    expect(first.wrapped.iterations).toBeGreaterThanOrEqual(600_000)
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000)
    expect(first.wrapped.salt).toHaveLength(16)
    expect(first.wrapped.salt).not.toEqual(second.wrapped.salt)
  })

  it('is non-extractable in memory', async () => {
    const { wrapped, dataKey } = await createDataKey('correct horse battery', FAST)
    expect(dataKey.extractable).toBe(false)
    expect((await unlockDataKey(wrapped, 'correct horse battery')).extractable).toBe(false)
    await expect(crypto.subtle.exportKey('raw', dataKey)).rejects.toThrow()
  })

  it('round-trips a record after unlocking with the passphrase', async () => {
    const { wrapped, dataKey } = await createDataKey('correct horse battery', FAST)
    const sealed = await encryptJson(dataKey, record, 'default/case/1')
    const unlocked = await unlockDataKey(wrapped, 'correct horse battery')
    expect(await decryptJson(unlocked, sealed, 'default/case/1')).toEqual(record)
  })

  it.each(['correct horse batterY', '', 'correct horse battery '])('refuses the wrong passphrase %j', async (wrong) => {
    const { wrapped } = await createDataKey('correct horse battery', FAST)
    await expect(unlockDataKey(wrapped, wrong)).rejects.toBeInstanceOf(WrongPassphraseError)
  })

  it('treats the same passphrase typed in another Unicode form as the same', async () => {
    const { wrapped } = await createDataKey('caf\u00e9 au lait', FAST)
    await expect(unlockDataKey(wrapped, 'cafe\u0301 au lait')).resolves.toBeDefined()
  })

  it('changes passphrase by re-wrapping: old data stays readable, the old passphrase stops working', async () => {
    const { wrapped, dataKey } = await createDataKey('first passphrase', FAST)
    const sealed = await encryptJson(dataKey, record, 'a')
    const rewrapped = await rewrapDataKey(wrapped, 'first passphrase', 'second passphrase')
    expect(rewrapped.salt).not.toEqual(wrapped.salt)
    expect(await decryptJson(await unlockDataKey(rewrapped, 'second passphrase'), sealed, 'a')).toEqual(record)
    await expect(unlockDataKey(rewrapped, 'first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError)
    await expect(rewrapDataKey(wrapped, 'not it at all', 'third passphrase')).rejects.toBeInstanceOf(WrongPassphraseError)
  })
})

describe('record encryption', () => {
  // 10,000 real AES-GCM encryptions: 7.7 s alone on a slow two-core machine, over Vitest's 5 s default.
  it('never reuses an IV across 10,000 encryptions', { timeout: 60_000 }, async () => {
    const { dataKey } = await createDataKey('correct horse battery', FAST)
    const ivs = new Set<string>()
    for (let index = 0; index < 10_000; index++) {
      const { iv } = await encryptJson(dataKey, index, 'x')
      expect(iv).toHaveLength(12)
      ivs.add(Buffer.from(iv).toString('hex'))
    }
    expect(ivs.size).toBe(10_000)
  })

  it('rejects a changed ciphertext, a changed IV, another record’s binding, and another key', async () => {
    const { dataKey } = await createDataKey('correct horse battery', FAST)
    const { dataKey: otherKey } = await createDataKey('another passphrase', FAST)
    const sealed = await encryptJson(dataKey, record, 'default/case/1')

    const flipped = new Uint8Array(sealed.ciphertext.slice(0))
    flipped[3]! ^= 1
    const changedIv = new Uint8Array(sealed.iv)
    changedIv[0]! ^= 1

    await expect(decryptJson(dataKey, { iv: sealed.iv, ciphertext: flipped.buffer }, 'default/case/1')).rejects.toBeInstanceOf(TamperedRecordError)
    await expect(decryptJson(dataKey, { iv: changedIv, ciphertext: sealed.ciphertext }, 'default/case/1')).rejects.toBeInstanceOf(TamperedRecordError)
    await expect(decryptJson(dataKey, sealed, 'default/case/2')).rejects.toBeInstanceOf(TamperedRecordError)
    await expect(decryptJson(otherKey, sealed, 'default/case/1')).rejects.toBeInstanceOf(TamperedRecordError)
  })

  it('keeps the plaintext out of the ciphertext', async () => {
    const { dataKey } = await createDataKey('correct horse battery', FAST)
    const sealed = await encryptJson(dataKey, record, 'x')
    expect(Buffer.from(sealed.ciphertext).toString('latin1')).not.toContain('Lovelace')
  })
})
