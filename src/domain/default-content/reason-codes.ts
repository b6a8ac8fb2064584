import type { Content, ReasonCodes } from '../content-schema'

/**
 * School census reasons for a suspension or permanent exclusion (DOMAIN.md), as this release
 * ships them. Versioned: a notice records the version its codes come from. (The newer CBDS
 * 2026 list splits several of these; it is not shipped until its full list is confirmed.)
 */
export const BUNDLED_REASON_CODES: ReasonCodes = {
  listVersion: 'census-2024',
  codes: [
    { code: 'PP', label: 'Physical assault against a pupil' },
    { code: 'PA', label: 'Physical assault against an adult' },
    { code: 'VP', label: 'Verbal abuse or threatening behaviour against a pupil' },
    { code: 'VA', label: 'Verbal abuse or threatening behaviour against an adult' },
    { code: 'OW', label: 'Use or threat of use of an offensive weapon or prohibited item' },
    { code: 'BU', label: 'Bullying' },
    { code: 'RA', label: 'Racist abuse' },
    { code: 'LG', label: 'Abuse against sexual orientation and gender identity' },
    { code: 'DS', label: 'Abuse relating to disability' },
    { code: 'SM', label: 'Sexual misconduct' },
    { code: 'DA', label: 'Drug and alcohol related' },
    { code: 'DM', label: 'Damage' },
    { code: 'TH', label: 'Theft' },
    { code: 'DB', label: 'Persistent disruptive behaviour' },
    { code: 'MT', label: 'Inappropriate use of social media or online technology' },
    { code: 'PH', label: 'Wilful and repeated transgression of protective measures to protect public health' },
  ],
}

/** The reason list of any content: versions published before it was content have this release's. */
export function reasonCodesOf(content: Pick<Content, 'reasonCodes'> | undefined): ReasonCodes {
  return content?.reasonCodes ?? BUNDLED_REASON_CODES
}
