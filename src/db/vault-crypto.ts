/**
 * The vault's cryptography, WebCrypto only.
 *
 * A random 256-bit AES-GCM data key encrypts records. It is stored only wrapped (AES-GCM)
 * by a key derived from the passphrase with PBKDF2-HMAC-SHA-256 and a random salt. In
 * memory both keys are non-extractable CryptoKeys. Every encryption takes a fresh random
 * 96-bit IV, and binds the ciphertext to its record with additional authenticated data, so
 * a ciphertext moved to another record fails to decrypt.
 */

export const PBKDF2_ITERATIONS = 600_000
const SALT_BYTES = 16
const IV_BYTES = 12

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is not right')
    this.name = 'WrongPassphraseError'
  }
}

/** Decryption failed: the data was changed, or belongs to another key. Never returns garbage. */
export class TamperedRecordError extends Error {
  constructor() {
    super('A record could not be decrypted: it was changed, or was written with another key')
    this.name = 'TamperedRecordError'
  }
}

/** What is stored about a key: nothing here can decrypt anything without the passphrase. */
export interface WrappedKey {
  kdf: 'PBKDF2-HMAC-SHA-256'
  iterations: number
  salt: Uint8Array<ArrayBuffer>
  wrapIv: Uint8Array<ArrayBuffer>
  wrappedKey: ArrayBuffer
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>
  ciphertext: ArrayBuffer
}

const subtle = () => globalThis.crypto.subtle
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length))
}

async function deriveWrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey'])
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  )
}

async function wrap(dataKey: CryptoKey, passphrase: string, iterations: number): Promise<WrappedKey> {
  const salt = randomBytes(SALT_BYTES)
  const wrapIv = randomBytes(IV_BYTES)
  const wrappingKey = await deriveWrappingKey(passphrase, salt, iterations)
  const wrappedKey = await subtle().wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv: wrapIv })
  return { kdf: 'PBKDF2-HMAC-SHA-256', iterations, salt, wrapIv, wrappedKey }
}

/**
 * A data key unwrapped (for records: encrypt and decrypt only); undefined when the wrapping
 * key is not the one it was wrapped with, or the wrap was changed.
 */
export async function unwrapWith(
  wrappingKey: CryptoKey,
  wrapped: { wrapIv: Uint8Array<ArrayBuffer>; wrappedKey: ArrayBuffer },
  extractable = false,
): Promise<CryptoKey | undefined> {
  try {
    return await subtle().unwrapKey(
      'raw',
      wrapped.wrappedKey,
      wrappingKey,
      { name: 'AES-GCM', iv: wrapped.wrapIv },
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    )
  } catch {
    return undefined
  }
}

async function unwrap(wrapped: WrappedKey, passphrase: string, extractable: boolean): Promise<CryptoKey> {
  const wrappingKey = await deriveWrappingKey(passphrase, wrapped.salt, wrapped.iterations)
  const dataKey = await unwrapWith(wrappingKey, wrapped, extractable)
  if (!dataKey) throw new WrongPassphraseError()
  return dataKey
}

/** A new data key, wrapped by the passphrase; returns the stored form and the key to use now. */
export async function createDataKey(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ wrapped: WrappedKey; dataKey: CryptoKey }> {
  // Extractable only long enough to be wrapped; the key kept in memory is unwrapped as non-extractable.
  const exportable = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
  const wrapped = await wrap(exportable, passphrase, iterations)
  return { wrapped, dataKey: await unwrap(wrapped, passphrase, false) }
}

export function unlockDataKey(wrapped: WrappedKey, passphrase: string): Promise<CryptoKey> {
  return unwrap(wrapped, passphrase, false)
}

/** The data key, extractable: only for wrapping it again at once (a new passphrase, a passkey). */
export function exportableDataKey(wrapped: WrappedKey, passphrase: string): Promise<CryptoKey> {
  return unwrap(wrapped, passphrase, true)
}

/** Re-wraps the same data key under a new passphrase: the records are not touched. */
export async function rewrapDataKey(wrapped: WrappedKey, currentPassphrase: string, newPassphrase: string): Promise<WrappedKey> {
  const exportable = await exportableDataKey(wrapped, currentPassphrase)
  return wrap(exportable, newPassphrase, Math.max(wrapped.iterations, PBKDF2_ITERATIONS))
}

export async function encryptJson(dataKey: CryptoKey, value: unknown, associatedData: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES)
  const ciphertext = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(associatedData) },
    dataKey,
    encoder.encode(JSON.stringify(value)),
  )
  return { iv, ciphertext }
}

export async function decryptJson<T>(dataKey: CryptoKey, sealed: Sealed, associatedData: string): Promise<T> {
  let plaintext: ArrayBuffer
  try {
    plaintext = await subtle().decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(associatedData) },
      dataKey,
      sealed.ciphertext,
    )
  } catch {
    throw new TamperedRecordError()
  }
  return JSON.parse(decoder.decode(plaintext)) as T
}
