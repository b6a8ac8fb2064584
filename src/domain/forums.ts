export const FORUM_IDS = ['early-years', 'primary', 'secondary', 'post-16'] as const
export type ForumId = (typeof FORUM_IDS)[number]

/** Post-16 EET: 16 to 19, and up to 25 for a young person with an EHCP (seed 004). */
export const POST_16_MAX_AGE = 19
export const POST_16_MAX_AGE_WITH_EHCP = 25
