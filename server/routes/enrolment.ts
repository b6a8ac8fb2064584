import type { FastifyPluginAsync } from 'fastify'
import { randomUUID } from 'node:crypto'
import { z } from '../../src/domain/zod'
import { sendProblem } from '../problem'
import { normaliseEnrolmentCode, randomToken, sha256 } from '../secrets'
import type { SealingKeys } from '../sealing-key'
import type { IntakeStore } from '../store/intake-store'

const enrolBody = z.object({ code: z.string().min(4).max(40) })

const REFUSALS = {
  unknown: 'That enrolment code is not right. Check it with the Inclusion Service.',
  used: 'That enrolment code has already been used. Ask the Inclusion Service for a new one.',
  expired: 'That enrolment code has expired. Ask the Inclusion Service for a new one.',
} as const

/** POST /api/enrol: a one-time code, exchanged once for a device token, the setting and the sealing key. */
export const enrolmentRoutes: FastifyPluginAsync<{ store: IntakeStore; sealing: SealingKeys }> = async (app, { store, sealing }) => {
  app.post('/api/enrol', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = enrolBody.safeParse(request.body)
    if (!body.success) {
      return sendProblem(reply, { title: 'Enter the enrolment code', status: 400, errors: [{ path: 'code', message: 'An enrolment code' }] })
    }
    const token = randomToken()
    const redemption = await store.redeemEnrolmentCode(
      sha256(normaliseEnrolmentCode(body.data.code)),
      { id: randomUUID(), tokenHash: sha256(token) },
      new Date().toISOString(),
    )
    if (redemption.outcome !== 'enrolled') {
      return sendProblem(reply, {
        type: `urn:inclusion-companion:problem:enrolment-code-${redemption.outcome}`,
        title: REFUSALS[redemption.outcome],
        status: 400,
      })
    }
    const { setting, device } = redemption
    return reply.code(201).header('Cache-Control', 'no-store').send({
      deviceToken: token,
      deviceId: device.id,
      setting: { id: setting.id, name: setting.name, urn: setting.urn, phase: setting.phase, seipArea: setting.seipArea },
      sealingKey: sealing.publicJwk,
    })
  })

  app.get('/api/sealing-key', async (_request, reply) => reply.header('Cache-Control', 'no-cache').send(sealing.publicJwk))
}
