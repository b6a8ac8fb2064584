import { createPrivateKey, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { publicKeyJwkSchema, type PublicKeyJwk } from '../src/domain/seal'

export interface SealingKeys {
  /** Handed to devices at enrolment: they seal every submission to it. */
  publicJwk: PublicKeyJwk
  /** For node:crypto (server/seal-opener.ts). */
  privateKey: KeyObject
}

/** Where several instances keep the key pair they share: the database (PostgresStore.sharedSecret). */
export interface SharedSecrets {
  /** The secret kept under `name`; when there is none yet, `make()`'s, kept now, whoever asks first. */
  sharedSecret(name: string, make: () => Promise<string>, at: string): Promise<string>
}

const FILE = 'sealing-key.json'
const SECRET_NAME = 'sealing-key'
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const

/**
 * The service's ECDH P-256 key pair, made on first start and kept in the data directory,
 * readable by the service's user only. Losing it makes queued submissions unreadable: back
 * it up with the database.
 */
export async function loadOrCreateSealingKeys(dataDir: string): Promise<SealingKeys> {
  const path = join(dataDir, FILE)
  if (!existsSync(path)) {
    writeFileSync(`${path}.tmp`, await newPrivateJwk(), { mode: 0o600 })
    renameSync(`${path}.tmp`, path)
  }
  return sealingKeysFrom(readFileSync(path, 'utf8'))
}

/**
 * The same key pair, for several instances: kept in the database they share, so a device
 * enrolled through one instance seals to a key every instance can open. Whichever instance
 * starts first makes it; the database's copy is backed up with the database.
 */
export async function loadOrCreateSharedSealingKeys(secrets: SharedSecrets, now = new Date()): Promise<SealingKeys> {
  return sealingKeysFrom(await secrets.sharedSecret(SECRET_NAME, newPrivateJwk, now.toISOString()))
}

/** A new key pair, as its private JWK's JSON: the one format kept, in a file or a row. */
async function newPrivateJwk(): Promise<string> {
  const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair
  return JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey))
}

function sealingKeysFrom(privateJwkJson: string): SealingKeys {
  const privateJwk = JSON.parse(privateJwkJson) as NodeJsonWebKey
  const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' })
  const publicJwk = publicKeyJwkSchema.parse({ kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y })
  return { publicJwk, privateKey }
}
