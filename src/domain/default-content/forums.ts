import type { Content } from '../content-schema'

/** Seed 004 (Inclusion forums) and DOMAIN.md. */
export const forums: Content['forums'] = [
  {
    id: 'early-years',
    name: 'Early years inclusion forum',
    audience: 'Early years and pre-school settings: children under statutory school age.',
    ageRange: 'Birth to age 5',
    meets: 'Twice a month, in the north and the south of the county.',
    booking:
      'See the Early years inclusion and childcare service’s Eventbrite page for more information, including the dates of upcoming drop-ins.',
    notes: ['A child below reception age in a nursery or pre-school goes to the early years forum.'],
  },
  {
    id: 'primary',
    name: 'Primary inclusion forum',
    audience: 'Primary settings: reception to year 6.',
    ageRange: 'Age 5 to 11',
    meets: 'Weekly during term time, at various locations around the county.',
    booking: 'The dates and booking information are on the Oakfield Short Stay School website.',
    notes: ['A child in reception in a school goes to the primary forum.'],
  },
  {
    id: 'secondary',
    name: 'Secondary inclusion forum',
    audience: 'Secondary settings: year 7 to year 11.',
    ageRange: 'Age 11 to 16',
    meets: 'Monthly in each of the five Secondary Education and Inclusion Partnership (SEIP) areas, during term time.',
    booking: 'The dates and booking information are on the Leicestershire Secondary Education and Inclusion Partnerships website.',
    notes: [
      'The SEIPs’ own website also calls these forums “surgeries” or “multi agency panels”.',
      'North West Leicestershire has different exclusion arrangements: contact the County Inclusion Team.',
    ],
  },
  {
    id: 'post-16',
    name: 'Post 16 education, employment and training (EET) forum',
    audience: 'Young people over statutory school age: 16 to 19, and up to 25 for young people with an EHCP.',
    ageRange: '16 to 19, or up to 25 with an EHCP',
    meets: 'Every 6 weeks.',
    booking:
      'The dates and further information are available by email. The county council’s page does not give the address.',
    notes: [],
  },
]
