/**
 * Passkey unlock: the vault's data key wrapped by a key that only the authenticator can
 * give back, through the WebAuthn PRF extension.
 *
 * The authenticator keeps a secret per credential and, after user verification, returns
 * HMAC(secret, salt) for the salt we send: the same 32 bytes on every ceremony with the same
 * credential and salt, and nothing without the fingerprint, face or screen lock. From those
 * bytes HKDF-SHA-256 derives an AES-GCM key that wraps the data key, so what is stored
 * (credential id, salt, IV, wrapped key) opens nothing on its own.
 *
 * There is no server, so the challenge is just random bytes and nobody verifies the
 * assertion's signature; nothing needs to. The security comes from the PRF secret, which
 * never leaves the authenticator: without it the stored wrap cannot be opened, whatever a
 * page or an attacker claims about the ceremony.
 *
 * The plain WebAuthn API rather than @simplewebauthn/browser: PRF takes binary salts in and
 * gives ArrayBuffers out, and that library's JSON (base64url) options and responses would
 * only add conversions around the one extension we need.
 */
// The stored shape lives with the keyring's (a type only: nothing of Dexie is loaded here).
import type { PasskeyWrap } from './database'
import { randomBytes, unwrapWith } from './vault-crypto'

export type { PasskeyWrap }

export type PrfWrapped = Pick<PasskeyWrap, 'wrapIv' | 'wrappedKey'>

const UNLOCK_FAILED = 'The passkey did not unlock the app. Try again, or use your passphrase.'
const ADD_FAILED = 'The passkey was not added. Try again, or keep using your passphrase.'
const NO_PRF = 'This passkey cannot protect the app’s data on this device. Keep using your passphrase.'

/**
 * Cancelled, timed out, no PRF result, or the wrong key: one error, with a message a user
 * can act on. The browser's own error text is never passed on.
 */
export class PasskeyFailedError extends Error {
  constructor(message = UNLOCK_FAILED) {
    super(message)
    this.name = 'PasskeyFailedError'
  }
}

const PRF_BYTES = 32
const SALT_BYTES = 32
const IV_BYTES = 12
const CHALLENGE_BYTES = 32
const USER_ID_BYTES = 16
const HKDF_INFO = new TextEncoder().encode('inclusion-companion vault key wrap v1')
// COSE algorithm identifiers: ES256 first (what platform authenticators use), RS256 for Windows Hello.
const ES256 = -7
const RS256 = -257

const subtle = () => globalThis.crypto.subtle

/** Whether to offer a passkey at all: a platform authenticator with user verification and PRF. Never throws. */
export async function passkeysSupported(): Promise<boolean> {
  try {
    if (typeof PublicKeyCredential === 'undefined') return false
    // Without getClientCapabilities there is no way to know about PRF before a ceremony: do not offer it.
    if (typeof PublicKeyCredential.getClientCapabilities !== 'function') return false
    const capabilities = await PublicKeyCredential.getClientCapabilities()
    if (capabilities['extension:prf'] !== true) return false
    return await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()
  } catch {
    return false
  }
}

async function deriveWrappingKey(prfOutput: BufferSource): Promise<CryptoKey> {
  if (prfOutput.byteLength !== PRF_BYTES) throw new PasskeyFailedError()
  const material = await subtle().importKey('raw', prfOutput, 'HKDF', false, ['deriveKey'])
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: HKDF_INFO },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  )
}

/** Wraps an extractable data key under the PRF output, with a fresh IV. */
export async function wrapWithPrf(prfOutput: BufferSource, dataKey: CryptoKey): Promise<PrfWrapped> {
  const wrappingKey = await deriveWrappingKey(prfOutput)
  const wrapIv = randomBytes(IV_BYTES)
  const wrappedKey = await subtle().wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv: wrapIv })
  return { wrapIv, wrappedKey }
}

/** The data key back, non-extractable; another PRF output or a changed wrap fails. */
export async function unwrapWithPrf(prfOutput: BufferSource, wrapped: PrfWrapped): Promise<CryptoKey> {
  const dataKey = await unwrapWith(await deriveWrappingKey(prfOutput), wrapped)
  if (!dataKey) throw new PasskeyFailedError()
  return dataKey
}

function prfRequest(salt: Uint8Array<ArrayBuffer>): AuthenticationExtensionsClientInputs {
  return { prf: { eval: { first: salt } } }
}

/** The PRF output of an assertion by this credential for this salt; any failure is a PasskeyFailedError. */
async function evaluatePrf(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, failure: string): Promise<BufferSource> {
  let credential: Credential | null
  try {
    credential = await navigator.credentials.get({
      publicKey: {
        challenge: randomBytes(CHALLENGE_BYTES),
        allowCredentials: [{ type: 'public-key', id: credentialId }],
        userVerification: 'required',
        extensions: prfRequest(salt),
      },
    })
  } catch {
    throw new PasskeyFailedError(failure)
  }
  const output = prfOutputOf(credential)
  if (!output) throw new PasskeyFailedError(failure)
  return output
}

function prfOutputOf(credential: Credential | null): BufferSource | undefined {
  if (!(credential instanceof PublicKeyCredential)) return undefined
  return credential.getClientExtensionResults().prf?.results?.first
}

/**
 * Creates a passkey for the profile on this device and wraps the data key with its PRF
 * output. The data key must be extractable (only for this call); the result is what to store.
 */
export async function registerPasskey(profile: { id: string; name: string }, exportableDataKey: CryptoKey, now: number): Promise<PasskeyWrap> {
  // A fresh salt per registration: another passkey, or this one added again, gives another wrapping key.
  const prfSalt = randomBytes(SALT_BYTES)
  let credential: Credential | null
  try {
    credential = await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Inclusion Companion' },
        // A random handle, not the profile id: the authenticator learns nothing about the profile but the first name shown.
        user: { id: randomBytes(USER_ID_BYTES), name: profile.name, displayName: profile.name },
        challenge: randomBytes(CHALLENGE_BYTES),
        pubKeyCredParams: [
          { type: 'public-key', alg: ES256 },
          { type: 'public-key', alg: RS256 },
        ],
        authenticatorSelection: { authenticatorAttachment: 'platform', residentKey: 'preferred', userVerification: 'required' },
        extensions: prfRequest(prfSalt),
      },
    })
  } catch {
    throw new PasskeyFailedError(ADD_FAILED)
  }
  if (!(credential instanceof PublicKeyCredential)) throw new PasskeyFailedError(ADD_FAILED)
  const prf = credential.getClientExtensionResults().prf
  if (prf?.enabled !== true) throw new PasskeyFailedError(NO_PRF)
  const credentialId = new Uint8Array(credential.rawId)
  // Some authenticators evaluate PRF only at assertion time, not at creation: ask once more then.
  const prfOutput = prf.results?.first ?? (await evaluatePrf(credentialId, prfSalt, ADD_FAILED))
  const { wrapIv, wrappedKey } = await wrapWithPrf(prfOutput, exportableDataKey)
  return { credentialId, prfSalt, wrapIv, wrappedKey, createdAt: now }
}

/** Asks the authenticator (fingerprint, face or screen lock) and gives back the data key, non-extractable. */
export async function unlockWithPasskey(stored: PasskeyWrap): Promise<CryptoKey> {
  const prfOutput = await evaluatePrf(stored.credentialId, stored.prfSalt, UNLOCK_FAILED)
  return unwrapWithPrf(prfOutput, stored)
}
