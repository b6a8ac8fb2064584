import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { publicKeyJwkSchema, type PublicKeyJwk } from '../src/domain/seal'

export interface SealingKeys {
  /** Handed to devices at enrolment: they seal every submission to it. */
  publicJwk: PublicKeyJwk
  privateKey: CryptoKey
}

const FILE = 'sealing-key.json'
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const

/**
 * The service's ECDH P-256 key pair, made on first start and kept in the data directory,
 * readable by the service's user only. Losing it makes queued submissions unreadable: back
 * it up with the database.
 */
export async function loadOrCreateSealingKeys(dataDir: string): Promise<SealingKeys> {
  const path = join(dataDir, FILE)
  if (!existsSync(path)) {
    const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
    writeFileSync(`${path}.tmp`, JSON.stringify(privateJwk), { mode: 0o600 })
    renameSync(`${path}.tmp`, path)
  }
  const privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JsonWebKey
  const privateKey = await crypto.subtle.importKey('jwk', privateJwk, ECDH, false, ['deriveBits'])
  const publicJwk = publicKeyJwkSchema.parse({ kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y })
  return { publicJwk, privateKey }
}
