import type { Content } from '../content-schema'

const criteria = [
  'how the child behaves in the setting',
  'any factors from outside the school environment that may contribute to behaviours',
  'evidence of any special educational needs and disabilities (SEND), including physical or mental health needs',
  'evidence of medical needs (where available)',
  'attendance and any factors affecting it',
  'strategies and current support in place, including the impact or outcome of that support',
  'any suspected needs being explored',
  'any additional contributory environmental factors or adverse childhood experiences (ACEs)',
  'any other areas of concern',
]

/** Seed 004, in the order a setting needs it. */
export const forumGuidance: Content['forumGuidance'] = [
  {
    id: 'purpose',
    title: 'What the forums are for',
    blocks: [
      { type: 'paragraph', text: 'The inclusion forums support schools and settings when they have concerns about a child or young person and are not sure what to do, after trying all the options available to them.' },
      { type: 'paragraph', text: 'They aim to enable all children and young people to engage effectively in education and training, by providing multi-agency support to Leicestershire learners at the earliest possible opportunity.' },
      { type: 'paragraph', text: 'Settings use the forums to seek advice on strategies and approaches to meet the needs of the child or young person they are responsible for. The forums develop plans that support a range of approaches to achieve each child’s learning objectives.' },
      { type: 'paragraph', text: 'There are separate forums for early years, primary, secondary and post 16 education, employment and training, so that advice is based on appropriate developmental expectations.' },
    ],
  },
  {
    id: 'criteria',
    title: 'What the forum will discuss',
    blocks: [
      { type: 'paragraph', text: 'Children and young people who are finding it difficult to manage in their educational setting, and whose existing strategies or support have not been successful.' },
      { type: 'paragraph', text: 'The forum looks at the child or young person’s needs:' },
      { type: 'list', items: criteria.map((item) => item[0]!.toUpperCase() + item.slice(1)) },
    ],
  },
  {
    id: 'named-and-anonymous',
    title: 'Named and anonymous cases',
    blocks: [
      { type: 'paragraph', text: 'Cases may be named or anonymous.' },
      { type: 'warning', text: 'For a named case, you must have the consent of the child’s parent or guardian to discuss their child at a multi-agency forum.' },
      { type: 'paragraph', text: 'For an anonymous case, the forum can give your setting a support plan, but it will be subjective: your setting is responsible for making sure it fits the child’s needs.' },
    ],
  },
  {
    id: 'after-you-ask',
    title: 'After you ask to attend',
    blocks: [
      { type: 'paragraph', text: 'Following your request to attend a forum, you will receive confirmation of the date that your case will be discussed.' },
    ],
  },
  {
    id: 'what-you-leave-with',
    title: 'What your setting will leave with',
    blocks: [
      { type: 'paragraph', text: 'The forum will advise you on:' },
      {
        type: 'list',
        items: [
          'Best endeavours and reasonable adjustments',
          'Self-help resources that are specific to the need',
          'Training available to support staff',
          'Support available through the services attending',
          'Onward referral routes',
          'Transition arrangements for new schools or placements',
        ],
      },
      { type: 'paragraph', text: 'Every setting leaves with an education plan to help meet the child or young person’s needs.' },
    ],
  },
  {
    id: 're-referral',
    title: 'Re-referring a child',
    blocks: [
      { type: 'paragraph', text: 'You can re-refer the same child to the inclusion forums at any point.' },
      { type: 'warning', text: 'Bring the updated plan, with the actions you have completed against it and any additional needs that are now presenting. This helps the forum decide the next steps.' },
    ],
  },
  {
    id: 'monitoring',
    title: 'Monitoring progress',
    blocks: [{ type: 'paragraph', text: 'Outcomes are monitored to check the progress of the child or young person.' }],
  },
  {
    id: 'attending-services',
    title: 'Services that attend the forums',
    blocks: [
      {
        type: 'contacts',
        serviceIds: [
          'children-and-family-wellbeing-service', 'dwp-eet-panel', 'educational-psychology-service', 'health',
          'inclusion-service', 'sena-team', 'specialist-teaching-service', 'special-schools-and-resource-bases',
          'virtual-school-eet-panel',
        ],
      },
      { type: 'paragraph', text: 'The educational settings themselves also attend.' },
    ],
  },
]

/** What the finder tells a setting to prepare: the forum criteria, consent and the re-referral plan. */
export const whatToBring: Content['whatToBring'] = [
  'What you have noticed about how the child behaves in the setting, and what existing strategies or support have not worked',
  'Any factors from outside the setting that may contribute to behaviours',
  'Evidence of any SEND, including physical or mental health needs, and of medical needs where available',
  'Attendance, and any factors affecting it',
  'The strategies and current support in place, and their impact or outcome',
  'Any suspected needs being explored, environmental factors or adverse childhood experiences (ACEs), and any other concerns',
  'For a named case: the consent of the child’s parent or guardian to discuss the child at a multi-agency forum',
  'For a re-referral: the updated education plan from the last forum, with the actions completed against it and any additional needs now presenting',
]
