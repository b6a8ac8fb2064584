/**
 * When to try a submission again after the service could not take it: exponential backoff
 * from 2 seconds, doubling each attempt, capped at 15 minutes, with jitter so that devices
 * back online together do not all retry at the same moment.
 */
export const FIRST_RETRY_MS = 2_000
export const MAX_RETRY_MS = 15 * 60_000

/** "Equal jitter": half the delay for sure, the other half at random. `random` is in [0, 1). */
export function retryDelayMs(attempts: number, random: number): number {
  const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS)
  return Math.round(delay / 2 + (random * delay) / 2)
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

export type AnswerClass = 'sent' | 'retry' | 'attention' | 'not-enrolled' | 'revoked'

/** What an answer from POST /api/submissions means for the outbox. */
export function classifyAnswer(status: number | 'network-error', problemType?: string): AnswerClass {
  if (status === 'network-error') return 'retry'
  if (status >= 200 && status < 300) return 'sent'
  if (status === 401) return 'not-enrolled'
  if (status === 403 && problemType?.endsWith(':device-revoked')) return 'revoked'
  // 409: the same request is still being handled; a missing dependency may be on its way.
  if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retry'
  if (status === 422 && problemType?.endsWith(':dependency-missing')) return 'retry'
  return 'attention'
}
