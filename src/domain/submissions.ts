import { z } from './zod'
import { parseIsoDate } from './dates'
import { ADVICE_AREAS, FORUM_IDS, type ForumId } from './forums'
import { YEAR_GROUPS } from './school-year'
import { CALENDAR_BASES, OUTSIDE_TERM_DATES } from './school-calendar'
import { sealedSchema } from './seal'

/**
 * What settings send to the Inclusion Service. The envelope travels in clear (it says only
 * what kind of thing it is); the payload inside is sealed to the service's key and checked
 * with these schemas once opened. Messages name the problem, never the value sent.
 */

export const SUBMISSION_KINDS = ['forum-case', 'suspension', 'permanent-exclusion', 'permanent-exclusion-update'] as const
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number]

export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = {
  'forum-case': 'Forum case',
  suspension: 'Suspension notice',
  'permanent-exclusion': 'Permanent exclusion notice',
  'permanent-exclusion-update': 'Permanent exclusion outcome',
}

const text = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`)
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).optional()
const isoDate = z.string().refine((value) => parseIsoDate(value) !== undefined, 'A real date as YYYY-MM-DD')
const dateTime = z.iso.datetime({ offset: true, message: 'A date and time with its offset' })
const LONG = 20_000
/** A deadline worked out from the school's calendar, or the marker that its term dates did not reach that far. */
const deadlineDate = z.union([isoDate, z.literal(OUTSIDE_TERM_DATES)], 'A real date as YYYY-MM-DD, or outside-term-dates')
/** Which calendar the deadlines were counted with: the service shows them as the school saw them, never recounted. */
const countedWith = { basis: z.enum(CALENDAR_BASES), calendar: text(200) }

/** The Unique Pupil Number: a letter, 11 digits, then a check digit or letter. */
export const upnSchema = z.string().regex(/^[A-Z]\d{11}[0-9A-Z]$/, 'A UPN is a letter, 11 digits and a final digit or letter')

export const pupilSchema = z.object({
  name: text(200),
  dateOfBirth: isoDate,
  yearGroup: z.enum(YEAR_GROUPS),
  upn: upnSchema.optional(),
})

export const referrerSchema = z.object({
  name: text(200),
  jobTitle: optionalText(200),
  phone: optionalText(30),
  email: z.email('An email address').optional(),
})

const notifiedSchema = z.object({ at: dateTime, how: optionalText(200) })

export const forumCaseSchema = z
  .object({
    forum: z.enum(FORUM_IDS),
    /** The meeting the setting would like (a meeting's id from the content), or the next one; absent: no preference. */
    preferredMeeting: z.union([z.literal('next'), z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100)]).optional(),
    caseType: z.enum(['named', 'anonymous']),
    yearGroup: z.enum(YEAR_GROUPS),
    child: z.object({ name: text(200), dateOfBirth: isoDate, upn: upnSchema.optional() }).optional(),
    consent: z
      .object({
        givenBy: text(200),
        relationship: text(100),
        date: isoDate,
        how: z.enum(['in-person', 'phone', 'letter', 'email', 'other']),
      })
      .optional(),
    sections: z.object({
      behaviourInSetting: optionalText(LONG),
      outsideFactors: optionalText(LONG),
      sendEvidence: optionalText(LONG),
      medicalNeeds: optionalText(LONG),
      attendance: z.object({ percentageThisYear: z.number().min(0).max(100).optional(), factors: optionalText(LONG) }),
      strategies: z.array(z.object({ description: text(LONG), started: isoDate.optional(), impact: optionalText(LONG) })).max(50),
      suspectedNeeds: optionalText(LONG),
      environmentalFactorsAndAces: optionalText(LONG),
      otherConcerns: optionalText(LONG),
    }),
    adviceWanted: z.array(z.enum(ADVICE_AREAS)).min(1, 'Choose at least one area of advice'),
    reReferral: z
      .object({
        planUpdates: z
          .array(z.object({ action: text(2_000), status: z.enum(['done', 'in-progress', 'not-done']), notes: optionalText(LONG) }))
          .min(1, 'List the actions from the last education plan'),
        additionalNeeds: optionalText(LONG),
        /**
         * The Inclusion Service's reference for the case this follows, where this device sent it:
         * how the service matches an anonymous case's plan to its re-referral. The service writes
         * IC- and the case's number in at least six digits (IC-000042).
         */
        previousReference: z.string().regex(/^IC-[0-9]{6,12}$/, 'A case reference like IC-000042').optional(),
      })
      .optional(),
    referrer: referrerSchema,
  })
  .superRefine((forumCase, ctx) => {
    if (forumCase.caseType === 'named') {
      if (!forumCase.child) ctx.addIssue({ code: 'custom', path: ['child'], message: 'A named case needs the child’s details' })
      if (!forumCase.consent) {
        ctx.addIssue({ code: 'custom', path: ['consent'], message: 'A named case needs the parent’s or guardian’s consent' })
      }
    } else {
      if (forumCase.child) {
        ctx.addIssue({ code: 'custom', path: ['child'], message: 'An anonymous case must not include the child’s name, date of birth or UPN' })
      }
      if (forumCase.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: 'An anonymous case records no consent' })
    }
  })

const reasonsSchema = z.object({
  /** The version of the census reason list the codes come from (content, not code). */
  listVersion: text(50),
  codes: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'A two-letter census reason code'))
    .min(1, 'At least one reason')
    .max(3, 'At most three reasons')
    .refine((codes) => new Set(codes).size === codes.length, 'Each reason once'),
})

const pupilCircumstances = {
  sen: z.enum(['none', 'sen-support', 'ehcp']),
  childInNeed: z.boolean(),
  childProtectionPlan: z.boolean(),
  lookedAfter: z.boolean(),
}

export const suspensionSchema = z.object({
  pupil: pupilSchema,
  startDate: isoDate,
  /** Whole school days, or sessions for half days and lunchtimes. */
  length: z.discriminatedUnion('unit', [
    z.object({ unit: z.literal('days'), amount: z.number().int().min(1).max(45) }),
    z.object({ unit: z.literal('sessions'), amount: z.number().int().min(1).max(90) }),
  ]),
  /** From lunchtime or the afternoon: the first day loses its afternoon only. */
  startsAfternoon: z.boolean().optional(),
  reasons: reasonsSchema,
  description: text(LONG),
  ...pupilCircumstances,
  parentsNotified: notifiedSchema,
  socialWorkerNotified: notifiedSchema.optional(),
  virtualSchoolHeadNotified: notifiedSchema.optional(),
  referrer: referrerSchema,
})

export const permanentExclusionSchema = z.object({
  pupil: pupilSchema,
  effectiveDate: isoDate,
  reasons: reasonsSchema,
  description: text(LONG),
  ...pupilCircumstances,
  dutyDeskCall: z.object({ at: dateTime, spokeTo: text(200) }),
  seipContact: z.object({ at: dateTime, who: text(200) }),
  discussion: z.object({
    incident: text(LONG),
    supportOptions: optionalText(LONG),
    process: optionalText(LONG),
    nextSteps: optionalText(LONG),
  }),
  parentsNotified: notifiedSchema,
  socialWorkerNotified: notifiedSchema.optional(),
  virtualSchoolHeadNotified: notifiedSchema.optional(),
  referrer: referrerSchema,
  /** Optional: notices queued on devices before the deadlines travelled must still be accepted. */
  deadlines: z.object({ educationFrom: deadlineDate, boardConsiderBy: deadlineDate, ...countedWith }).optional(),
})

export const permanentExclusionUpdateSchema = z
  .object({
    outcome: z.enum(['rescinded', 'upheld']),
    alternativeOutcome: optionalText(LONG),
    decidedOn: isoDate,
    /** The board's decision, once it has met, and the parents' review deadline from it. */
    deadlines: z.object({ boardDecidedOn: isoDate.optional(), independentReviewBy: deadlineDate.optional(), ...countedWith }).optional(),
  })
  .refine((update) => update.outcome !== 'rescinded' || update.alternativeOutcome, {
    path: ['alternativeOutcome'],
    message: 'A rescinded exclusion needs the alternative outcome',
  })

export const PAYLOAD_SCHEMAS = {
  'forum-case': forumCaseSchema,
  suspension: suspensionSchema,
  'permanent-exclusion': permanentExclusionSchema,
  'permanent-exclusion-update': permanentExclusionUpdateSchema,
} satisfies Record<SubmissionKind, z.ZodType>

export type ForumCasePayload = z.infer<typeof forumCaseSchema>
export type SuspensionPayload = z.infer<typeof suspensionSchema>
export type PermanentExclusionPayload = z.infer<typeof permanentExclusionSchema>
export type PermanentExclusionUpdatePayload = z.infer<typeof permanentExclusionUpdateSchema>

/** Kinds that must follow another submission, and which. */
export const DEPENDS_ON_KIND: Partial<Record<SubmissionKind, SubmissionKind>> = {
  'permanent-exclusion-update': 'permanent-exclusion',
}

/** The body of POST /api/submissions. Its Idempotency-Key header is the submission's id. */
export const submissionEnvelopeSchema = z.object({
  kind: z.enum(SUBMISSION_KINDS),
  /** The Idempotency-Key of the submission this one follows (an outcome after its notice). */
  dependsOn: z.uuid().optional(),
  sealed: sealedSchema,
})
export type SubmissionEnvelope = z.infer<typeof submissionEnvelopeSchema>

export interface FieldProblem {
  path: string
  message: string
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }))
}

export const SUBMISSION_STATUSES = ['received', 'forum-date-set', 'plan-issued', 'outcome-recorded'] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]

/**
 * The education plan the Inclusion Service records after a case is heard (seed 004: every
 * setting leaves with one; outcomes are monitored): the advice given (the six kinds), the
 * actions (what, who, by when) and the date it is reviewed. It names what the setting will
 * do for a child, so it travels only to the setting's devices, on request, and a device keeps
 * it in the vault.
 */
export const educationPlanSchema = z.object({
  advice: z.array(z.enum(ADVICE_AREAS)).min(1, 'At least one kind of advice').refine((areas) => new Set(areas).size === areas.length, 'Each kind of advice once'),
  adviceNotes: optionalText(LONG),
  actions: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), action: text(1000), who: text(200), byWhen: isoDate }))
    .min(1, 'At least one action')
    .max(30, 'At most 30 actions'),
  reviewDate: isoDate,
  recordedAt: dateTime,
})
export type EducationPlanRecord = z.infer<typeof educationPlanSchema>

/** A forum meeting as a device is told of it with its case's status. */
export interface AssignedMeeting {
  id: string
  forum: ForumId
  area?: string
  date: string
  start: string
  end?: string
  place?: string
  online: boolean
}

/** What the service tells a device about one of its submissions. */
export interface SubmissionStatusReport {
  idempotencyKey: string
  reference: string
  kind: SubmissionKind
  status: SubmissionStatus
  receivedAt: string
  updatedAt: string
  forumDate?: string
  /** The forum meeting the service assigned a case to: when and where (no case details). */
  meeting?: AssignedMeeting
  /**
   * When the education plan was last recorded, if there is one: the device fetches the plan
   * itself (GET /api/submissions/:idempotencyKey/plan) while it is unlocked, to keep it in the vault.
   */
  planRecordedAt?: string
  outcome?: string
  /**
   * A permanent exclusion's steps as the Inclusion Service has recorded them, in plain words
   * (deviceProgress in exclusion-case.ts): fixed wording and dates only, as devices keep
   * statuses unencrypted.
   */
  progress?: string[]
}
