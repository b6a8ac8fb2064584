import { z } from './zod'
import { fromBase64Url, toBase64Url } from './base64url'

/**
 * Sealing a submission to the intake service's public key: ECDH P-256 with a fresh
 * ephemeral key for every payload, HKDF-SHA-256, then AES-256-GCM. Once sealed, a queued
 * submission is unreadable on the device itself; only the service's private key opens it.
 * The additional data binds the payload to its kind and Idempotency-Key, so a sealed
 * payload cannot be replayed as another submission. The app seals with WebCrypto here; the
 * service opens with node:crypto (server/seal-opener.ts), reading the format from this file.
 */

export const SEAL_ALGORITHM = 'ECDH-P256+HKDF-SHA256+A256GCM'
/** HKDF's info: the server's own opener (server/seal-opener.ts) reads the format from here. */
export const SEAL_HKDF_INFO = new TextEncoder().encode('inclusion-companion sealed submission v1')

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/)

export const publicKeyJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url.length(43),
  y: base64url.length(43),
})
export type PublicKeyJwk = z.infer<typeof publicKeyJwkSchema>

export const sealedSchema = z.object({
  v: z.literal(1),
  alg: z.literal(SEAL_ALGORITHM),
  epk: publicKeyJwkSchema,
  salt: base64url.length(22),
  iv: base64url.length(16),
  // Within the service's 1 MiB body limit.
  ct: base64url.min(22).max(1_000_000),
})
export type Sealed = z.infer<typeof sealedSchema>

export class UnsealError extends Error {
  constructor() {
    super('The payload could not be opened: it was changed, or sealed for another key or submission')
    this.name = 'UnsealError'
  }
}

const subtle = () => globalThis.crypto.subtle
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const

export function sealingAdditionalData(kind: string, idempotencyKey: string): string {
  return `${kind}\u0000${idempotencyKey}`
}

async function contentKey(sharedSecret: ArrayBuffer, salt: Uint8Array<ArrayBuffer>, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', sharedSecret, 'HKDF', false, ['deriveKey'])
  return subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: SEAL_HKDF_INFO }, material, { name: 'AES-GCM', length: 256 }, false, [usage])
}

export async function sealJson(recipient: PublicKeyJwk, value: unknown, additionalData: string): Promise<Sealed> {
  const recipientKey = await subtle().importKey('jwk', { ...recipient, ext: true }, ECDH, false, [])
  const ephemeral = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair
  const shared = await subtle().deriveBits({ name: 'ECDH', public: recipientKey }, ephemeral.privateKey, 256)
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16))
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const key = await contentKey(shared, salt, 'encrypt')
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(additionalData) },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  )
  const { kty, crv, x, y } = await subtle().exportKey('jwk', ephemeral.publicKey)
  return { v: 1, alg: SEAL_ALGORITHM, epk: publicKeyJwkSchema.parse({ kty, crv, x, y }), salt: toBase64Url(salt), iv: toBase64Url(iv), ct: toBase64Url(ct) }
}

/** Opens a sealed payload; any change to it, or the wrong key or binding, throws UnsealError. */
export async function openJson(recipientPrivateKey: CryptoKey, sealed: Sealed, additionalData: string): Promise<unknown> {
  try {
    const ephemeral = await subtle().importKey('jwk', { ...sealed.epk, ext: true }, ECDH, false, [])
    const shared = await subtle().deriveBits({ name: 'ECDH', public: ephemeral }, recipientPrivateKey, 256)
    const key = await contentKey(shared, fromBase64Url(sealed.salt), 'decrypt')
    const plaintext = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(sealed.iv), additionalData: new TextEncoder().encode(additionalData) },
      key,
      fromBase64Url(sealed.ct),
    )
    return JSON.parse(new TextDecoder().decode(plaintext))
  } catch {
    throw new UnsealError()
  }
}
