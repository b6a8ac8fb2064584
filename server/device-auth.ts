import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from './problem'
import { sha256 } from './secrets'
import type { Device, IntakeStore } from './store/intake-store'

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device that sent the request, once authenticateDevice has let it through. */
    device: Device | null
  }
}

/** A device proves itself with the token it got at enrolment: Authorization: Bearer <token>. */
export function deviceTokenHash(request: FastifyRequest): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')
  return match ? sha256(match[1]!) : undefined
}

/** Gives this plugin's requests `request.device`, and the preHandler that sets it or refuses the request. */
export function deviceAuthentication(app: FastifyInstance, store: IntakeStore) {
  app.decorateRequest('device', null)
  return async function authenticateDevice(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const tokenHash = deviceTokenHash(request)
    const device = tokenHash ? await store.deviceByTokenHash(tokenHash) : undefined
    if (!device) {
      reply.header('WWW-Authenticate', 'Bearer')
      return void sendProblem(reply, {
        type: 'urn:inclusion-companion:problem:device-not-enrolled',
        title: 'This device is not enrolled',
        status: 401,
        detail: 'Enrol the device with a code from the Inclusion Service.',
      })
    }
    if (device.revokedAt) {
      return void sendProblem(reply, {
        type: 'urn:inclusion-companion:problem:device-revoked',
        title: 'This device has been revoked',
        status: 403,
        detail: 'The Inclusion Service has stopped this device sending. Keep what is waiting and contact them.',
      })
    }
    request.device = device
  }
}
