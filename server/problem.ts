import type { FastifyReply } from 'fastify'

/** RFC 9457 problem details. `detail` must never repeat what the client sent. */
export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: { path: string; message: string }[]
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .header('Cache-Control', 'no-store')
    .send({ type: 'about:blank', ...problem })
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request took too long',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'Request not accepted')
}
