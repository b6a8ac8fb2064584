import { createDecipheriv, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto'
import { fromBase64Url } from '../src/domain/base64url'
import { SEAL_HKDF_INFO, UnsealError, type Sealed } from '../src/domain/seal'

const TAG_BYTES = 16

/**
 * Opens what a device sealed with `sealJson` (src/domain/seal.ts, WebCrypto), with
 * node:crypto: the same ECDH P-256, HKDF-SHA-256 and AES-256-GCM, and the format's constants
 * from that file. Node's own crypto opens a payload in half the CPU time of its WebCrypto,
 * and opening is most of an intake request's work. A conformance test seals with the app's
 * code and opens with this. Any change to the payload, or the wrong key or binding, throws
 * UnsealError.
 */
export function openSealedJson(recipientPrivateKey: KeyObject, sealed: Sealed, additionalData: string): unknown {
  try {
    const ephemeral = createPublicKey({ key: { kty: sealed.epk.kty, crv: sealed.epk.crv, x: sealed.epk.x, y: sealed.epk.y }, format: 'jwk' })
    const shared = diffieHellman({ privateKey: recipientPrivateKey, publicKey: ephemeral })
    const key = Buffer.from(hkdfSync('sha256', shared, fromBase64Url(sealed.salt), SEAL_HKDF_INFO, 32))
    const sealedBytes = fromBase64Url(sealed.ct)
    if (sealedBytes.length < TAG_BYTES) throw new UnsealError()
    const decipher = createDecipheriv('aes-256-gcm', key, fromBase64Url(sealed.iv), { authTagLength: TAG_BYTES })
    decipher.setAAD(new TextEncoder().encode(additionalData))
    decipher.setAuthTag(sealedBytes.subarray(sealedBytes.length - TAG_BYTES))
    const plaintext = Buffer.concat([decipher.update(sealedBytes.subarray(0, sealedBytes.length - TAG_BYTES)), decipher.final()])
    return JSON.parse(plaintext.toString('utf8'))
  } catch {
    throw new UnsealError()
  }
}
