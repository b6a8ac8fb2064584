import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSealedJson } from '../../../server/seal-opener'
import { fromBase64Url, toBase64Url } from '../../../src/domain/base64url'
import { publicKeyJwkSchema, sealJson, UnsealError, type Sealed } from '../../../src/domain/seal'

/** A recipient key pair as the service keeps one: the private half for node:crypto, the public as a JWK. */
function recipient(): { privateKey: KeyObject; publicJwk: ReturnType<typeof publicKeyJwkSchema.parse> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { privateKey, publicJwk: publicKeyJwkSchema.parse(publicKey.export({ format: 'jwk' })) }
}

const PAYLOAD = { kind: 'suspension', pupil: { name: 'Test Pupil' }, days: [1, 2, 3], note: 'Ünïcödé ✓' }
const AAD = 'suspension\u0000c0ffee00-0000-4000-8000-000000000000'

/** One byte of a base64url field flipped. */
function flipped(field: string, at = 0): string {
  const bytes = fromBase64Url(field)
  bytes[at] = bytes[at]! ^ 1
  return toBase64Url(bytes)
}

describe('openSealedJson: node:crypto opens what the app seals with WebCrypto', () => {
  it('opens the payload exactly', async () => {
    const { privateKey, publicJwk } = recipient()
    const sealed = await sealJson(publicJwk, PAYLOAD, AAD)
    expect(openSealedJson(privateKey, sealed, AAD)).toEqual(PAYLOAD)
  })

  it('opens a payload of 700 KB', async () => {
    const { privateKey, publicJwk } = recipient()
    const large = { text: 'x'.repeat(700_000) }
    expect(openSealedJson(privateKey, await sealJson(publicJwk, large, AAD), AAD)).toEqual(large)
  })

  const changes: [string, (sealed: Sealed) => Sealed][] = [
    ['a byte of the ciphertext', (sealed) => ({ ...sealed, ct: flipped(sealed.ct) })],
    ['a byte of the tag', (sealed) => ({ ...sealed, ct: flipped(sealed.ct, fromBase64Url(sealed.ct).length - 1) })],
    ['the ciphertext cut short of a tag', (sealed) => ({ ...sealed, ct: toBase64Url(fromBase64Url(sealed.ct).subarray(0, 15)) })],
    ['the IV', (sealed) => ({ ...sealed, iv: flipped(sealed.iv) })],
    ['the salt', (sealed) => ({ ...sealed, salt: flipped(sealed.salt) })],
    ['the ephemeral key, off the curve', (sealed) => ({ ...sealed, epk: { ...sealed.epk, y: flipped(sealed.epk.y, 31) } })],
  ]
  it.each(changes)('refuses %s with UnsealError', async (_change, change) => {
    const { privateKey, publicJwk } = recipient()
    const sealed = await sealJson(publicJwk, PAYLOAD, AAD)
    expect(() => openSealedJson(privateKey, change(sealed), AAD)).toThrow(UnsealError)
  })

  it('refuses another submission’s binding, and another service’s key', async () => {
    const { privateKey, publicJwk } = recipient()
    const sealed = await sealJson(publicJwk, PAYLOAD, AAD)
    expect(() => openSealedJson(privateKey, sealed, 'suspension\u0000another-key')).toThrow(UnsealError)
    expect(() => openSealedJson(recipient().privateKey, sealed, AAD)).toThrow(UnsealError)
  })
})
