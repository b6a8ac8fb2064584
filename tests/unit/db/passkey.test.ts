import { describe, expect, it } from 'vitest'
import { PasskeyFailedError, passkeysSupported, unwrapWithPrf, wrapWithPrf } from '../../../src/db/passkey'
import { decryptJson, encryptJson } from '../../../src/db/vault-crypto'

// Stand-ins for what an authenticator's PRF gives: 32 bytes, fixed so a failure can be replayed.
const prfOutput = new Uint8Array(32).fill(7)
const otherPrfOutput = new Uint8Array(32).fill(8)
const record = { child: 'Ada Lovelace', notes: 'é ✓ 🙂' }
const associatedData = 'default\u0000case\u00001'

async function exportableDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
}

describe('the data key wrapped by a passkey’s PRF output', () => {
  it('unwraps to a key that decrypts what the original key encrypted', async () => {
    const dataKey = await exportableDataKey()
    const sealed = await encryptJson(dataKey, record, associatedData)
    const wrapped = await wrapWithPrf(prfOutput, dataKey)
    const unwrapped = await unwrapWithPrf(new Uint8Array(32).fill(7), wrapped)
    expect(await decryptJson(unwrapped, sealed, associatedData)).toEqual(record)
  })

  it('is wrapped with a fresh 12-byte IV each time', async () => {
    const dataKey = await exportableDataKey()
    const first = await wrapWithPrf(prfOutput, dataKey)
    const second = await wrapWithPrf(prfOutput, dataKey)
    expect(first.wrapIv).toHaveLength(12)
    expect(second.wrapIv).toHaveLength(12)
    expect(first.wrapIv).not.toEqual(second.wrapIv)
    // 32 bytes of key and AES-GCM's 16-byte tag.
    expect(first.wrappedKey.byteLength).toBe(48)
  })

  it('refuses another PRF output', async () => {
    const wrapped = await wrapWithPrf(prfOutput, await exportableDataKey())
    const failure = unwrapWithPrf(otherPrfOutput, wrapped)
    await expect(failure).rejects.toBeInstanceOf(PasskeyFailedError)
    await expect(failure).rejects.toThrow('The passkey did not unlock the app. Try again, or use your passphrase.')
  })

  it('refuses a PRF output that is not 32 bytes', async () => {
    const wrapped = await wrapWithPrf(prfOutput, await exportableDataKey())
    await expect(unwrapWithPrf(prfOutput.subarray(0, 16), wrapped)).rejects.toBeInstanceOf(PasskeyFailedError)
  })

  it('refuses a changed wrapped key', async () => {
    const wrapped = await wrapWithPrf(prfOutput, await exportableDataKey())
    const tampered = new Uint8Array(wrapped.wrappedKey.slice(0))
    tampered[0]! ^= 1
    await expect(unwrapWithPrf(prfOutput, { ...wrapped, wrappedKey: tampered.buffer })).rejects.toBeInstanceOf(PasskeyFailedError)
  })

  it('refuses a changed IV', async () => {
    const wrapped = await wrapWithPrf(prfOutput, await exportableDataKey())
    const wrapIv = wrapped.wrapIv.slice()
    wrapIv[11]! ^= 1
    await expect(unwrapWithPrf(prfOutput, { ...wrapped, wrapIv })).rejects.toBeInstanceOf(PasskeyFailedError)
  })

  it('names its error for the page to recognise', () => {
    expect(new PasskeyFailedError().name).toBe('PasskeyFailedError')
  })

  it('unwraps as a non-extractable key for encrypt and decrypt only', async () => {
    const unwrapped = await unwrapWithPrf(prfOutput, await wrapWithPrf(prfOutput, await exportableDataKey()))
    expect(unwrapped.extractable).toBe(false)
    expect([...unwrapped.usages].sort()).toEqual(['decrypt', 'encrypt'])
    await expect(crypto.subtle.exportKey('raw', unwrapped)).rejects.toThrow()
  })
})

describe('whether passkeys are offered', () => {
  it('answers no, without throwing, where there is no WebAuthn (as in Node)', async () => {
    expect(await passkeysSupported()).toBe(false)
  })
})
