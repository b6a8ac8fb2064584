import type { AppDatabase, Enrolment } from '../db/database'
import type { Connection } from './api-client'

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
