import type { Enrolment, OutboxRow } from '../db/database'

/** How the outbox reaches the service: the page and the worker use fetch on this origin; tests pass a base and a fetch of their own. */
export interface Connection {
  baseUrl: string
  fetch: typeof fetch
}

export const sameOrigin = (): Connection => ({ baseUrl: '', fetch: (input, init) => globalThis.fetch(input, init) })

const REQUEST_TIMEOUT_MS = 30_000

export interface Answer {
  status: number | 'network-error'
  body?: unknown
  problemType?: string
  retryAfter: string | null
}

/** `abandon`: given up before the answer comes (an erasure), answered as no connection. */
export async function postSubmission(connection: Connection, enrolment: Enrolment, row: OutboxRow, abandon?: AbortSignal): Promise<Answer> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
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
      // A connection that hangs is treated as none: the claim is given back and tried again.
      signal: abandon ? AbortSignal.any([timeout, abandon]) : timeout,
    })
  } catch {
    return { status: 'network-error', retryAfter: null }
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
