import { describe, expect, it } from 'vitest'
import type { Enrolment, OutboxRow } from '../../../src/db/database'
import { postSubmission, type Connection } from '../../../src/sync/api-client'

// What a request abandoned for an erasure answers: the flusher must not take a half-read answer
// for the service's (a 2xx with no body, a 403 without its reason).

const enrolment = { token: 'device-token' } as Enrolment
const row = { id: 'row-1', body: '{"sealed":"x"}' } as OutboxRow

/**
 * A service that sends its status and headers, then a body that never ends until the request
 * is abandoned; `headersSent` runs as the headers arrive.
 */
const slowBody = (status: number, headersSent: () => void): Connection => ({
  baseUrl: 'https://intake.test',
  fetch: async (_input, init) => {
    const signal = init!.signal!
    const body = new ReadableStream({ start: (controller) => signal.addEventListener('abort', () => controller.error(signal.reason)) })
    headersSent()
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } })
  },
})

describe('postSubmission, abandoned', () => {
  it.each([201, 403])('answers no connection when abandoned while a %s’s body is read', async (status) => {
    const abandon = new AbortController()
    const answer = await postSubmission(slowBody(status, () => abandon.abort()), enrolment, row, abandon.signal)
    expect(answer).toEqual({ status: 'network-error', retryAfter: null })
  })

  it('sends nothing when abandoned before it starts', async () => {
    const abandon = new AbortController()
    abandon.abort()
    let reachedTheWire = false
    const answer = await postSubmission(
      {
        baseUrl: 'https://intake.test',
        fetch: async (_input, init) => {
          reachedTheWire = !init!.signal!.aborted
          throw init!.signal!.reason
        },
      },
      enrolment,
      row,
      abandon.signal,
    )
    expect(answer).toEqual({ status: 'network-error', retryAfter: null })
    expect(reachedTheWire).toBe(false)
  })
})
