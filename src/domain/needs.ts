/** The needs the signposting directory can be filtered by. Kept apart from the zod schema so pages stay small. */
export const NEEDS = ['exclusion-risk', 'send', 'behaviour', 'governors', 'legal', 'social-care', 'early-years'] as const
export type Need = (typeof NEEDS)[number]

export const NEED_LABELS: Record<Need, string> = {
  'exclusion-risk': 'Risk of exclusion',
  send: 'Special educational needs and disabilities (SEND)',
  behaviour: 'Behaviour',
  governors: 'Governors',
  legal: 'Legal',
  'social-care': 'Social care',
  'early-years': 'Early years',
}
