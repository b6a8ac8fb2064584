/** Kept apart from the content itself so start-up can compare versions without loading it. */
export const BUNDLED_CONTENT_VERSION = '2026-11-23.1'
