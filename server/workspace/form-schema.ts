import { z } from '../../src/domain/zod'

/**
 * What the workspace's routes take, written once in zod: handlers' types are inferred from
 * these, and Fastify validates with their JSON Schema before a handler runs. Every field is
 * one string within bounds, so a field sent twice (a list), a number or an object is refused
 * with a 400 page. Fields stay optional: a form sent empty still gets its page's own messages.
 */
export const field = (maxLength: number) => z.string().max(maxLength).optional()

/** A form of the given fields, each one string; the CSRF token rides along. */
export const form = <Shape extends Record<string, ReturnType<typeof field>>>(shape: Shape) => z.looseObject({ _csrf: field(200), ...shape })

export const numericId = z.object({ id: z.string().regex(/^[0-9]{1,15}$/) })
export type NumericId = z.infer<typeof numericId>

const converted = new WeakMap<z.ZodType, Record<string, unknown>>()

/** The JSON Schema Fastify's validator (Ajv, draft-07) reads: converted once, however many apps are built. */
export function routeSchema(schema: z.ZodType): Record<string, unknown> {
  let json = converted.get(schema)
  if (!json) converted.set(schema, (json = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>))
  return json
}
