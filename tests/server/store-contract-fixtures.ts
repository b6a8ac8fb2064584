import { randomUUID } from 'node:crypto'
import type { SubmissionKind } from '../../src/domain/submissions'
import type { Device, IntakeStore, NewSubmission, Setting } from '../../server/store/intake-store'

/** What the core contract tests build on: settings with enrolled devices, and submissions from them. */

export const LATER = '2030-01-01T00:00:00.000Z'

export async function enrolledDevice(store: IntakeStore, setting: Setting, at: string, token: string = randomUUID()): Promise<Device> {
  const code = `code-${randomUUID()}`
  await store.addEnrolmentCode(setting.id, code, LATER, at)
  const redeemed = await store.redeemEnrolmentCode(code, { id: randomUUID(), tokenHash: `token-${token}` }, at)
  if (redeemed.outcome !== 'enrolled') throw new Error(`not enrolled: ${redeemed.outcome}`)
  return redeemed.device
}

export async function settingWithDevice(store: IntakeStore, name: string, urn: string, at = '2026-01-05T09:00:00.000Z'): Promise<{ setting: Setting; device: Device }> {
  const setting = await store.createSetting({ id: randomUUID(), name, urn, phase: 'primary' }, at)
  return { setting, device: await enrolledDevice(store, setting, at) }
}

/** Records a submission without a claim first, as a seed; answers with its id. */
export async function submit(
  store: IntakeStore,
  from: Device,
  kind: SubmissionKind,
  receivedAt: string,
  extra: Partial<Omit<NewSubmission, 'deviceId' | 'settingId' | 'kind' | 'receivedAt'>> = {},
): Promise<{ id: number; key: string }> {
  const key = extra.idempotencyKey ?? randomUUID()
  const id = await store.recordSubmission(
    { payload: {}, ...extra, deviceId: from.id, settingId: from.settingId, idempotencyKey: key, kind, receivedAt },
    (id) => ({ status: 201, body: JSON.stringify({ id }) }),
  )
  return { id, key }
}
