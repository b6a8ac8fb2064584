/** A row as either driver gives it: its columns by name (ids and counts already numbers, or strings read with Number). */
export type Row = Record<string, unknown>
