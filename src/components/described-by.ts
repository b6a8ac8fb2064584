/** The aria-describedby of a field whose hint and error FieldMessages renders. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
}

/** The id of option `index` of a radio or checkbox group: the first carries the group's own id, for the error summary. */
export function optionId(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`
}
