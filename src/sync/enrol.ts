import type { AppDatabase, Enrolment } from '../db/database'
import type { Vault } from '../db/vault'
import type { Connection } from './api-client'
import { sealWaitingForEnrolment } from './enqueue'

export type EnrolOutcome = { ok: true; enrolment: Enrolment } | { ok: false; message: string }

/** Exchanges a one-time enrolment code for this device's token, its setting and the service's sealing key. */
export async function enrolDevice(db: AppDatabase, connection: Connection, code: string, now = Date.now()): Promise<EnrolOutcome> {
  let response: Response
  try {
    response = await connection.fetch(`${connection.baseUrl}/api/enrol`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    })
  } catch {
    return { ok: false, message: 'The Inclusion Service could not be reached. Enrol when you have a connection.' }
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (response.status !== 201) {
    return { ok: false, message: typeof body.title === 'string' ? body.title : 'The device could not be enrolled. Try again later.' }
  }
  const enrolment: Enrolment = {
    key: 'device',
    token: body.deviceToken as string,
    deviceId: body.deviceId as string,
    setting: body.setting as Enrolment['setting'],
    sealingKey: body.sealingKey as Enrolment['sealingKey'],
    enrolledAt: now,
  }
  await db.enrolment.put(enrolment)
  return { ok: true, enrolment }
}

/** The kind under which a checked payload waits in the vault, encrypted, until the device is enrolled. */
export const PENDING_PAYLOAD = 'pending-payload'

/** For `enqueueSubmission` on a device not yet enrolled: keeps the checked payload in the vault under the row's id. */
export function keepInVaultUntilEnrolled(vault: () => Promise<Vault>): (id: string, payload: unknown) => Promise<void> {
  return async (id, payload) => void (await (await vault()).put({ id, kind: PENDING_PAYLOAD, status: 'waiting' }, payload))
}

/**
 * Once enrolled, with the vault unlocked: seals what was queued before enrolment from the
 * payloads kept for it, and deletes each kept payload whose row is sealed or gone. Answers
 * how many are now ready to send.
 */
export async function sealKeptPayloads(db: AppDatabase, vault: Vault, now = Date.now()): Promise<number> {
  if (!(await db.enrolment.get('device'))) return 0
  const payloadOf = async (rowId: string) => (await vault.get(rowId).catch(() => undefined))?.data
  const sealed = await sealWaitingForEnrolment(db, payloadOf, now)
  for (const meta of await vault.listMeta(PENDING_PAYLOAD)) {
    const row = await db.outbox.get(meta.id)
    if (!row || row.body) await vault.delete(meta.id)
  }
  return sealed
}
