import type { z } from './zod'

/** A problem with an answer, by the id of the field it is about. */
export interface FieldProblem {
  field: string
  message: string
}

/** Trimmed text, or undefined for an optional answer left empty (it is then not sent). */
export const optionalText = (value: string): string | undefined => (value.trim() ? value.trim() : undefined)

/**
 * Checks a payload built from a draft with the schema the service applies. The checks before
 * it name most problems in the user's words; what only the schema finds (a length, a format)
 * is put against the field `fieldOf` gives for the payload path, with `labelOf`'s name for it.
 */
export function checkedPayload<Schema extends z.ZodType>(
  schema: Schema,
  candidate: unknown,
  fieldOf: (path: readonly PropertyKey[]) => { field: string; label: string },
): { ok: true; payload: z.infer<Schema> } | { ok: false; problems: FieldProblem[] } {
  // A JSON round trip drops the undefined answers, as sending would.
  const checked = schema.safeParse(JSON.parse(JSON.stringify(candidate)))
  if (checked.success) return { ok: true, payload: checked.data }
  return {
    ok: false,
    problems: checked.error.issues.map((issue) => {
      const { field, label } = fieldOf(issue.path)
      return { field, message: `${label}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` }
    }),
  }
}
