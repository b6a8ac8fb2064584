/** Kept apart from the content itself so start-up can compare versions without loading it. */
export const BUNDLED_CONTENT_VERSION = '2026-12-02.1'

/** The shape of the content (content-schema.ts): stored content of another shape is not used. */
export const CONTENT_SCHEMA_VERSION = 1
