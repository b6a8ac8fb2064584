import type { FastifyReply } from 'fastify'

/** RFC 9457 problem details. `detail` must never repeat what the client sent. */
export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: { path: string; message: string }[]
}

/** The body of a problem answer, the same wherever it is written. */
export function problemBody(problem: Problem): string {
  return JSON.stringify({ type: 'about:blank', ...problem })
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .header('Cache-Control', 'no-store')
    .send(problemBody(problem))
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
  414: 'Address too long',
  415: 'Unsupported media type',
  417: 'Expectation not met',
  422: 'Unprocessable request',
  429: 'Too many requests',
  431: 'Request headers too large',
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'Request not accepted')
}

/** What a route schema found wrong, located by field; JSON Schema's messages never quote the value. */
export function validationErrors(
  context: string | undefined,
  errors: { instancePath: string; message?: string }[],
): NonNullable<Problem['errors']> {
  return errors.map((error) => ({ path: `${context ?? 'request'}${error.instancePath}`, message: error.message ?? 'is not valid' }))
}
