import type { FastifyPluginAsync, FastifyReply, FastifyRequest, RequestPayload } from 'fastify'
import { sealingAdditionalData, UnsealError } from '../../src/domain/seal'
import { openSealedJson } from '../seal-opener'
import type { ForumMeeting } from '../../src/domain/content-schema'
import { DEPENDS_ON_KIND, fieldProblems, PAYLOAD_SCHEMAS, submissionEnvelopeSchema, type SubmissionStatusReport } from '../../src/domain/submissions'
import { deviceAuthentication } from '../device-auth'
import { problemBody, sendProblem, type Problem } from '../problem'
import { sha256 } from '../secrets'
import type { SealingKeys } from '../sealing-key'
import { searchFacts } from '../store/search-facts'
import { submissionReference, type IntakeStore, type NewSubmission, type StoredResponse, type StoredStatus } from '../store/intake-store'
import { assignedMeeting, publishedMeetings } from '../store/meetings-store'

/** How long a claimed key stays "in progress" if the service dies mid-request; a retry after that is processed afresh. */
const LEASE_MS = 30_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

export const SUBMISSIONS_PER_DEVICE_PER_MINUTE = 120

export interface SubmissionRoutesOptions {
  store: IntakeStore
  sealing: SealingKeys
  /** Submissions allowed per device per minute. */
  perDeviceLimit?: number
  /**
   * The clock the workspace stamps its changes with (tests set one): the status cursor is read
   * against it, so that a change the workspace makes is never older than the cursor.
   */
  now?: () => Date
}

/**
 * POST /api/submissions, exactly once per Idempotency-Key (the IETF draft): the same key and
 * bytes replay the stored answer; the same key with other bytes is 422; while the first is
 * still being handled, 409; no key, 400. Keys belong to the device that sent them.
 * GET /api/submissions/status: where each of this device's submissions has got to.
 * GET /api/submissions/:idempotencyKey/plan: a forum case's education plan, for its setting's devices.
 */
export const submissionRoutes: FastifyPluginAsync<SubmissionRoutesOptions> = async (app, { store, sealing, perDeviceLimit = SUBMISSIONS_PER_DEVICE_PER_MINUTE, now: clock = () => new Date() }) => {
  const authenticate = deviceAuthentication(app, store)
  // Counted once the device has proved who it is; the per-IP limit counts before that (in
  // onRequest), so made-up tokens cannot dodge both. A route's own rateLimit config would
  // replace the per-IP limit on that route, so this check is made by hand after authentication.
  const perDevice = app.createRateLimit({ max: perDeviceLimit, timeWindow: '1 minute', keyGenerator: (request) => request.device!.id })
  const limitPerDevice = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const limit = await perDevice(request)
    if (limit.isAllowed || !limit.isExceeded) return
    reply.header('Retry-After', String(limit.ttlInSeconds))
    return void sendProblem(reply, { title: 'Too many requests', status: 429, detail: 'This device is sending too fast. It will try again.' })
  }

  // Before the body is read: a caller that may not send is refused without the service
  // parsing up to a megabyte for it.
  const beforeBody =
    (check: (request: FastifyRequest, reply: FastifyReply) => Promise<void>) =>
    async (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload): Promise<RequestPayload> => {
      if (!reply.sent) await check(request, reply)
      return payload
    }

  app.post(
    '/api/submissions',
    { preParsing: [beforeBody(authenticate), beforeBody(limitPerDevice)] },
    async (request, reply) => {
      const device = request.device!
      const key = request.headers['idempotency-key']
      if (typeof key !== 'string' || !UUID.test(key)) {
        return sendProblem(reply, {
          type: 'urn:inclusion-companion:problem:idempotency-key-missing',
          title: 'An Idempotency-Key header with a UUID is required',
          status: 400,
        })
      }
      const requestHash = sha256(request.rawBody ?? Buffer.alloc(0))
      const now = Date.now()
      const claim = await store.claimIdempotencyKey(device.id, key, requestHash, new Date(now).toISOString(), now + LEASE_MS, now)
      if (claim.outcome === 'different-request') {
        return sendProblem(reply, {
          type: 'urn:inclusion-companion:problem:idempotency-key-reused',
          title: 'This Idempotency-Key was used for a different request',
          status: 422,
        })
      }
      if (claim.outcome === 'in-progress') {
        reply.header('Retry-After', '1')
        return sendProblem(reply, {
          type: 'urn:inclusion-companion:problem:request-in-progress',
          title: 'A request with this Idempotency-Key is still being processed',
          status: 409,
        })
      }
      if (claim.outcome === 'replay') return replay(reply, claim.response)

      try {
        return await accept(reply, device.id, device.settingId, key)
      } catch (error) {
        await store.releaseIdempotencyKey(device.id, key)
        throw error
      }

      async function accept(reply: FastifyReply, deviceId: string, settingId: string, idempotencyKey: string) {
        const refuse = async (problem: Problem) => {
          const response = problemResponse(problem)
          await store.answerIdempotencyKey(deviceId, idempotencyKey, response)
          return replay(reply, response, false)
        }
        const envelope = submissionEnvelopeSchema.safeParse(request.body)
        if (!envelope.success) {
          return refuse({ type: 'urn:inclusion-companion:problem:invalid-submission', title: 'The submission is not valid', status: 422, errors: fieldProblems(envelope.error) })
        }
        const { kind, dependsOn, sealed } = envelope.data
        let opened: unknown
        try {
          opened = openSealedJson(sealing.privateKey, sealed, sealingAdditionalData(kind, idempotencyKey))
        } catch (error) {
          if (!(error instanceof UnsealError)) throw error
          return refuse({
            type: 'urn:inclusion-companion:problem:payload-unreadable',
            title: 'The sealed payload could not be opened: it was changed, or sealed to another key',
            status: 422,
          })
        }
        const payload = PAYLOAD_SCHEMAS[kind].safeParse(opened)
        if (!payload.success) {
          return refuse({ type: 'urn:inclusion-companion:problem:invalid-payload', title: 'The submission is not valid', status: 422, errors: fieldProblems(payload.error) })
        }
        const needs = DEPENDS_ON_KIND[kind]
        if (needs && (!dependsOn || !(await store.submissionKeyExists(deviceId, dependsOn, needs)))) {
          // Not a final answer: the notice may yet arrive, and this retry should then succeed.
          await store.releaseIdempotencyKey(deviceId, idempotencyKey)
          return sendProblem(reply, {
            type: 'urn:inclusion-companion:problem:dependency-missing',
            title: 'The submission this one follows has not been received',
            status: 422,
          })
        }

        const receivedAt = new Date().toISOString()
        const submission: NewSubmission = { deviceId, settingId, idempotencyKey, kind, payload: payload.data, receivedAt, ...searchFacts(kind, payload.data) }
        if (dependsOn) submission.dependsOn = dependsOn
        let stored: StoredResponse | undefined
        await store.recordSubmission(submission, (id) => {
          stored = { status: 201, body: JSON.stringify({ reference: submissionReference(id), receivedAt, status: 'received' }) }
          return stored
        })
        return replay(reply, stored!, false)
      }
    },
  )

  const meetings = publishedMeetings(store.content)
  app.get<{ Querystring: { since?: unknown } }>('/api/submissions/status', { preParsing: beforeBody(authenticate) }, async (request, reply) => {
    const askedAt = clock().getTime()
    const contentId = (await store.content.latestContentId()) ?? 0
    const since = readCursor(request.query.since)
    // Meetings are read from the content: a new version may have moved one, so every status
    // is sent again then; otherwise only those changed since the device last asked.
    const changedSince = since && since.contentId === contentId ? since.changedSince : undefined
    const [statuses, published] = await Promise.all([store.statusesForDevice(request.device!.id, changedSince), meetings()])
    return reply.header('Cache-Control', 'no-store').send({
      submissions: statuses.map((status) => withMeeting(status, published)),
      cursor: writeCursor({ changedSince: new Date(askedAt - CURSOR_OVERLAP_MS).toISOString(), contentId }),
    })
  })

  // Any device of the setting that sent the case may have it (a setting's tablets share their
  // cases); to any other device, another setting's case and one that is not there answer the
  // same 404, so a key it was never given confirms nothing.
  app.get<{ Params: { idempotencyKey: string } }>(
    '/api/submissions/:idempotencyKey/plan',
    { preParsing: beforeBody(authenticate), schema: { params: PLAN_PARAMS } },
    async (request, reply) => {
      const plan = await store.plans.planForSetting(request.device!.settingId, request.params.idempotencyKey)
      if (!plan) return sendProblem(reply, { type: 'urn:inclusion-companion:problem:plan-not-found', title: 'No education plan', status: 404 })
      return reply.header('Cache-Control', 'no-store').send(plan)
    },
  )
}

/** The key as the device sent it with the case (either case of hex digits, as POST takes it): anything else is a 400. */
const PLAN_PARAMS = {
  type: 'object',
  properties: { idempotencyKey: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' } },
  required: ['idempotencyKey'],
}

/**
 * The next answer repeats the changes of the last few minutes: a change committed by another
 * instance whose clock is a little behind, or in a transaction still open as this one read,
 * is never missed. The device skips a status it already has.
 */
const CURSOR_OVERLAP_MS = 5 * 60_000
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,15})$/

interface StatusCursor {
  changedSince: string
  contentId: number
}

/** "2026-12-02T10:00:00.000Z~7": when the device's last answer was read, and the content version its meetings came from. */
const writeCursor = (cursor: StatusCursor) => `${cursor.changedSince}~${cursor.contentId}`

/** A cursor this service wrote; anything else asks for every status, as a device that never asked does. */
function readCursor(since: unknown): StatusCursor | undefined {
  const match = typeof since === 'string' ? CURSOR.exec(since) : null
  return match ? { changedSince: match[1]!, contentId: Number(match[2]) } : undefined
}

/** A status as the device is told it: an assigned case's meeting as the content has it now; a meeting since unpublished, the forum date alone. */
function withMeeting({ meetingId, ...status }: StoredStatus, published: Map<string, ForumMeeting>): SubmissionStatusReport {
  const meeting = meetingId === undefined ? undefined : published.get(meetingId)
  return meeting ? { ...status, meeting: assignedMeeting(meeting) } : status
}

function problemResponse(problem: Problem): StoredResponse {
  return { status: problem.status, body: problemBody(problem) }
}

function replay(reply: FastifyReply, response: StoredResponse, replayed = true): FastifyReply {
  if (replayed) reply.header('Idempotent-Replayed', 'true')
  return reply
    .code(response.status)
    .header('Cache-Control', 'no-store')
    .type(response.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8')
    .send(response.body)
}
