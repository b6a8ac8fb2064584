export const FORUM_IDS = ['early-years', 'primary', 'secondary', 'post-16'] as const
export type ForumId = (typeof FORUM_IDS)[number]

/** Post-16 EET: 16 to 19, and up to 25 for a young person with an EHCP (seed 004). */
export const POST_16_MAX_AGE = 19
export const POST_16_MAX_AGE_WITH_EHCP = 25

/** The advice a setting can ask the forum for (seed 004). */
export const ADVICE_AREAS = [
  'best-endeavours', 'self-help-resources', 'staff-training', 'attending-services-support', 'onward-referral', 'transition',
] as const
export type AdviceArea = (typeof ADVICE_AREAS)[number]

export const ADVICE_AREA_LABELS: Record<AdviceArea, string> = {
  'best-endeavours': 'Best endeavours and reasonable adjustments',
  'self-help-resources': 'Self-help resources that are specific to the need',
  'staff-training': 'Training available to support staff',
  'attending-services-support': 'Support available through the services attending',
  'onward-referral': 'Onward referral routes',
  transition: 'Transition arrangements for new schools or placements',
}
