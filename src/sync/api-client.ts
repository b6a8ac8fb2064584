import type { Enrolment, OutboxRow } from '../db/database'

/** How the outbox reaches the service: the page and the worker use fetch on this origin; tests pass a base and a fetch of their own. */
export interface Connection {
  baseUrl: string
  fetch: typeof fetch
}

export const sameOrigin = (): Connection => ({ baseUrl: '', fetch: (input, init) => globalThis.fetch(input, init) })

/** A connection that hangs this long is treated as none: the claim is given back and tried again. */
export const REQUEST_TIMEOUT_MS = 30_000

export interface Answer {
  status: number | 'network-error'
  body?: unknown
  problemType?: string
  retryAfter: string | null
}

/**
 * `abandon`: given up (an erasure), whenever that happens, even as the answer's body is read:
 * then answered as no connection, since whether it arrived is not known.
 */
export async function postSubmission(connection: Connection, enrolment: Enrolment, row: OutboxRow, abandon?: AbortSignal): Promise<Answer> {
  // One signal for both, by hand: AbortSignal.any is newer than the iPads schools keep.
  const controller = new AbortController()
  const stop = () => controller.abort()
  const timer = setTimeout(stop, REQUEST_TIMEOUT_MS)
  abandon?.addEventListener('abort', stop)
  if (abandon?.aborted) stop()
  try {
    const answer = await send(connection, enrolment, row, controller.signal)
    return abandon?.aborted ? NO_ANSWER : answer
  } finally {
    clearTimeout(timer)
    abandon?.removeEventListener('abort', stop)
  }
}

const NO_ANSWER: Answer = { status: 'network-error', retryAfter: null }

async function send(connection: Connection, enrolment: Enrolment, row: OutboxRow, signal: AbortSignal): Promise<Answer> {
  let response: Response
  try {
    response = await connection.fetch(`${connection.baseUrl}/api/submissions`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${enrolment.token}`,
        'Idempotency-Key': row.id,
      },
      body: row.body,
      cache: 'no-store',
      signal,
    })
  } catch {
    return NO_ANSWER
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  const problemType = typeof (body as { type?: unknown } | undefined)?.type === 'string' ? (body as { type: string }).type : undefined
  return { status: response.status, body, problemType, retryAfter: response.headers.get('Retry-After') }
}
