import { z } from '../../src/domain/zod'

/**
 * What the inbox's routes take, written once in zod: the handlers' types are inferred from
 * these, and Fastify validates with their JSON Schema before a handler runs. Every field is
 * one string within bounds, so a field sent twice (a list), a number or an object is refused
 * with 400. Fields stay optional: a form sent empty still gets its page's own message.
 */
const field = (maxLength: number) => z.string().max(maxLength).optional()

export const submissionParams = z.object({ id: z.string().regex(/^[0-9]{1,15}$/) })
export const loginForm = z.looseObject({ username: field(200), password: field(1024) })
export const forumDateForm = z.looseObject({ forumDate: field(100) })
export const outcomeForm = z.looseObject({ outcome: field(200) })
export const filterQuery = z.looseObject({ kind: field(100), status: field(100), setting: field(100), from: field(100), to: field(100) })

export type SubmissionParams = z.infer<typeof submissionParams>
export type LoginForm = z.infer<typeof loginForm>
export type ForumDateForm = z.infer<typeof forumDateForm>
export type OutcomeForm = z.infer<typeof outcomeForm>
export type FilterQuery = z.infer<typeof filterQuery>

/** The JSON Schema Fastify's validator (Ajv, draft-07) reads. */
export function routeSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>
}
