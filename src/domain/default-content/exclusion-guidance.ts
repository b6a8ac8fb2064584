import type { Content } from '../content-schema'

/** Seed 000 (what Leicestershire asks) and DOMAIN.md's national rules (DfE guidance 2023, updated 2024). */
export const exclusionGuidance: Content['exclusionGuidance'] = [
  {
    id: 'at-risk',
    title: 'When a child is at risk of exclusion',
    blocks: [
      { type: 'paragraph', text: 'Leicestershire schools and educational settings have agreed a policy of minimal use of exclusions, in place since 2013.' },
      { type: 'paragraph', text: 'Where you are unsure how to support a child’s needs, and their behaviour is affecting them, other pupils, staff or the environment, seek the advice of the Inclusion Service and the inclusion forums: advice on strategies from a range of agencies, and support to help prevent exclusion.' },
      { type: 'contacts', serviceIds: ['inclusion-service', 'oakfield-short-stay-school', 'seips', 'county-inclusion-team'] },
    ],
  },
  {
    id: 'suspension-on-the-day',
    title: 'On the day of a suspension',
    blocks: [
      {
        type: 'steps',
        items: [
          'Notify the parents without delay.',
          'Notify the local authority on the day: through the online Record Absence Data form, or the other routes your systems allow.',
          'If the pupil has a social worker or a virtual school head, notify them without delay.',
        ],
      },
      { type: 'paragraph', text: '“Suspension” is the current name for a fixed-period exclusion (older pages say fixed term exclusion). A suspension cannot be extended or converted into a permanent exclusion: that needs a new decision.' },
    ],
  },
  {
    id: 'permanent-exclusion-on-the-day',
    title: 'Considering or issuing a permanent exclusion',
    blocks: [
      {
        type: 'steps',
        items: [
          'Phone the Inclusion duty desk when you are considering a permanent exclusion, or on the day it is issued.',
          'Contact your area SEIP to discuss the options available. In North West Leicestershire, contact the County Inclusion Team.',
          'Discuss the exclusion with the Inclusion Service: the nature of the incident, support options, the process and next steps.',
          'By the end of the day, confirm whether you are continuing with the permanent exclusion. This is confirmed by secure email.',
          'Notify the parents, and the pupil’s social worker or virtual school head where they have one, without delay.',
        ],
      },
      { type: 'contacts', serviceIds: ['inclusion-service', 'seips', 'county-inclusion-team'] },
    ],
  },
  {
    id: 'permanent-exclusion-after',
    title: 'After the decision',
    blocks: [
      { type: 'paragraph', text: 'If the permanent exclusion is rescinded, the head teacher tells the Inclusion Service the alternative outcome.' },
      { type: 'paragraph', text: 'If it is upheld, the Inclusion Service works with the services needed so that education is in place by day 6 of the permanent exclusion. It formally notifies the chair of governors of the exclusion and the process they need to follow, and tells the Governor Development Service so that it can support the governors.' },
      { type: 'contacts', serviceIds: ['governor-development-service', 'legal-service'] },
    ],
  },
  {
    id: 'ehcp-child-in-need-child-protection',
    title: 'Children with an EHCP, a child in need or a child protection plan',
    blocks: [
      { type: 'paragraph', text: 'For a child with an education, health and care plan (EHCP), consider whether to arrange an interim review: for example, if the child’s needs have changed in a way that could affect the provision’s ability to meet them. Contact the SENA Team.' },
      { type: 'paragraph', text: 'For a child in need or on a child protection plan, contact the child’s social worker or the team supporting the child. Professionals reach the social care teams through First Response.' },
      { type: 'contacts', serviceIds: ['sena-team', 'first-response'] },
    ],
  },
  {
    id: 'rules-in-school-days',
    title: 'The national rules, in school days',
    blocks: [
      { type: 'paragraph', text: 'All counts are in school days of the pupil’s own setting (DfE guidance on suspension and permanent exclusion).' },
      {
        type: 'list',
        items: [
          'A pupil’s suspensions total at most 45 school days in a school year.',
          'From the 6th school day of a suspension, the school provides full-time education. From the 6th school day of a permanent exclusion, the pupil’s home local authority does.',
          'The governing board must consider reinstatement within 15 school days of the notice for any permanent exclusion, for a suspension that takes the pupil over 15 school days in a term, and for a suspension that means the pupil misses a public exam or national test.',
          'If suspensions take the pupil over 5 and up to 15 school days in a term, the board must consider reinstatement within 50 school days, but only if the parents make representations.',
          'Parents may request an independent review within 15 school days of the governing board’s decision.',
        ],
      },
    ],
  },
  {
    id: 'monitoring',
    title: 'How the local authority uses your notifications',
    blocks: [
      { type: 'paragraph', text: 'The Inclusion Service uses suspension data to monitor the levels of exclusion in each school. Where levels are high, it contacts the school to discuss any support needed.' },
    ],
  },
]
