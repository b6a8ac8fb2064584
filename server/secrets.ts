import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'
import { promisify } from 'node:util'

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>

/** Secrets are stored only as hashes: a leaked database gives no working token or code. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A one-time enrolment code, 60 random bits, written ABCD-EFGH-JKMN. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(12)
  const characters = [...bytes].map((byte) => CODE_ALPHABET[byte % 32])
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-')
}

/** What a person typed, read the way it was meant: case, spaces and dashes ignored, O as 0, I and L as 1. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

// OWASP's first Argon2id choice: 19 MiB of memory, 2 passes. Memory-hard, so guessing a
// leaked hash on a graphics card costs as much memory per guess as here.
// (algorithm 2 is Argon2id: the package's enum is a const enum, which this build cannot import.)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }
// Hashes made before Argon2id (scrypt) still verify, so no one is locked out by the change.
const SCRYPT_MAXMEM = 64 * 1024 * 1024

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password.normalize('NFC'), ARGON2)
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) return argon2Verify(stored, password.normalize('NFC')).catch(() => false)
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT_MAXMEM,
  })
  return timingSafeEqual(actual, expected)
}
