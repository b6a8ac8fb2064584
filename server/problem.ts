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
