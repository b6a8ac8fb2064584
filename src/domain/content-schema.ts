import { z } from './zod'
import { FORUM_IDS } from './forums'
import { NEEDS } from './needs'
import { parseIsoDate } from './dates'
import { termProblems, termYearProblem } from './school-calendar'

/**
 * The reference content the app ships and the intake service publishes. Everything in it
 * comes from the county council's pages (shared/seeds) or DOMAIN.md; the local authority
 * can change it without a new release, so the app validates every version before use.
 */

const text = z.string().trim().min(1)
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens')

/** UK numbers as people write them: 11 digits with spaces. */
export const phoneSchema = z.object({
  label: text.optional(),
  number: z.string().regex(/^0\d{3,4} ?\d{3} ?\d{3,4}$/, 'a UK phone number such as 0116 305 2071'),
  hours: text.optional(),
})

export const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text }),
  z.object({ type: z.literal('list'), items: z.array(text).min(1) }),
  z.object({ type: z.literal('steps'), items: z.array(text).min(1) }),
  z.object({ type: z.literal('warning'), text }),
  z.object({ type: z.literal('contacts'), serviceIds: z.array(id).min(1) }),
])

export const sectionSchema = z.object({ id, title: text, blocks: z.array(blockSchema).min(1) })

export const forumSchema = z.object({
  id: z.enum(FORUM_IDS),
  name: text,
  audience: text,
  ageRange: text,
  meets: text,
  booking: text,
  notes: z.array(text),
})

export const serviceSchema = z.object({
  id,
  name: text,
  offers: text,
  /** Who it is for, where the sources say. */
  audience: text.optional(),
  phones: z.array(phoneSchema),
  email: z.email().optional(),
  topics: z.array(text),
  needs: z.array(z.enum(NEEDS)),
  notes: z.array(text),
})

const isoDate = z.string().refine((iso) => parseIsoDate(iso) !== undefined, 'a real date written YYYY-MM-DD')

export const termSchema = z.object({
  name: z.string().trim().min(1, 'enter the name of the term'),
  start: isoDate,
  end: isoDate,
  halfTerm: z.object({ start: isoDate, end: isoDate }).optional(),
})

/**
 * The county's maintained-school term dates (DOMAIN.md: the county and the city share them)
 * and the bank holidays the local authority knows of. A setting may count its deadlines
 * with them, adding its own INSET days.
 */
export const countyCalendarSchema = z
  .object({ terms: z.array(termSchema), bankHolidays: z.array(isoDate) })
  .superRefine((calendar, ctx) => {
    // A date that is not real has its own message already.
    const real = calendar.terms.every((term) => [term.start, term.end, term.halfTerm?.start ?? term.start, term.halfTerm?.end ?? term.end].every((iso) => parseIsoDate(iso)))
    for (const problem of real ? termProblems(calendar.terms) : []) {
      ctx.addIssue({ code: 'custom', path: ['terms', problem.term, problem.field === 'half-start' ? 'halfTerm' : problem.field], message: problem.message })
    }
    const names = new Set<string>()
    calendar.terms.forEach((term, index) => {
      const yearProblem = termYearProblem(term)
      if (yearProblem) ctx.addIssue({ code: 'custom', path: ['terms', index, 'end'], message: yearProblem })
      const name = term.name.toLowerCase()
      if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['terms', index, 'name'], message: `there is already a term called ${term.name}` })
      names.add(name)
    })
    calendar.bankHolidays.forEach((day, index) => {
      if (calendar.bankHolidays.indexOf(day) !== index) ctx.addIssue({ code: 'custom', path: ['bankHolidays', index], message: `${day} is listed twice` })
    })
  })

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time on the 24-hour clock, like 13:30')

/**
 * A forum meeting the Inclusion Service publishes (seed 004: settings receive confirmation of
 * the date their case is discussed). Content, so devices read meetings offline; it carries no
 * case details. The area is as the service names it (north or south for early years, the
 * SEIP area for secondary: DOMAIN.md gives no list of names).
 */
export const forumMeetingSchema = z
  .object({
    id,
    forum: z.enum(FORUM_IDS),
    area: text.optional(),
    date: isoDate,
    start: time,
    end: time.optional(),
    /** Where it meets; absent for a meeting held online only. */
    place: text.optional(),
    online: z.boolean(),
    /** How many cases it can hear. */
    slots: z.number().int().min(1).max(60),
  })
  .superRefine((meeting, ctx) => {
    if (!meeting.place && !meeting.online) ctx.addIssue({ code: 'custom', path: ['place'], message: 'a place, or online' })
    if (meeting.end && meeting.end <= meeting.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'the end must be after the start' })
  })

/**
 * The school census's reasons for a suspension or permanent exclusion (DOMAIN.md). A notice
 * records the list's version with its codes, so a new list needs a new version name.
 */
export const reasonCodesSchema = z
  .object({
    listVersion: z.string().trim().min(1).max(50),
    codes: z.array(z.object({ code: z.string().regex(/^[A-Z]{2}$/, 'two capital letters, like PA'), label: text })).min(1),
  })
  .superRefine((list, ctx) => {
    list.codes.forEach((reason, index) => {
      if (list.codes.findIndex((other) => other.code === reason.code) !== index) {
        ctx.addIssue({ code: 'custom', path: ['codes', index, 'code'], message: `the code ${reason.code} is listed twice` })
      }
    })
  })

export const contentSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Date-based and sortable: YYYY-MM-DD.N */
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/),
    forums: z.array(forumSchema).length(FORUM_IDS.length),
    forumGuidance: z.array(sectionSchema).min(1),
    /** What a setting must bring to a forum, asked for by the finder's answer. */
    whatToBring: z.array(text).min(1),
    services: z.array(serviceSchema).min(1),
    exclusionGuidance: z.array(sectionSchema).min(1),
    /** Absent from versions published before the county calendar was content: see countyCalendarOf. */
    countyCalendar: countyCalendarSchema.optional(),
    /** Absent from versions published before the reason list was content: see reasonCodesOf. */
    reasonCodes: reasonCodesSchema.optional(),
    /** Absent from versions published before meetings were content: none. */
    forumMeetings: z.array(forumMeetingSchema).optional(),
  })
  .superRefine((content, ctx) => {
    const forumIds = new Set(content.forums.map((forum) => forum.id))
    if (forumIds.size !== FORUM_IDS.length) {
      ctx.addIssue({ code: 'custom', path: ['forums'], message: 'each of the four forums exactly once' })
    }
    const serviceIds = new Set<string>()
    content.services.forEach((service, index) => {
      if (serviceIds.has(service.id)) {
        ctx.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `duplicate service id ${service.id}` })
      }
      serviceIds.add(service.id)
    })
    const meetingIds = new Set<string>()
    content.forumMeetings?.forEach((meeting, index) => {
      if (meetingIds.has(meeting.id)) ctx.addIssue({ code: 'custom', path: ['forumMeetings', index, 'id'], message: `duplicate meeting id ${meeting.id}` })
      meetingIds.add(meeting.id)
    })
    const sectionGroups = [['forumGuidance', content.forumGuidance], ['exclusionGuidance', content.exclusionGuidance]] as const
    for (const [group, sections] of sectionGroups) {
      sections.forEach((section, sectionIndex) =>
        section.blocks.forEach((block, blockIndex) => {
          if (block.type !== 'contacts') return
          for (const serviceId of block.serviceIds.filter((contactId) => !serviceIds.has(contactId))) {
            ctx.addIssue({
              code: 'custom',
              path: [group, sectionIndex, 'blocks', blockIndex, 'serviceIds'],
              message: `no service with id ${serviceId}`,
            })
          }
        }),
      )
    }
  })

export type Content = z.infer<typeof contentSchema>
export type Forum = z.infer<typeof forumSchema>
export type Service = z.infer<typeof serviceSchema>
export type Section = z.infer<typeof sectionSchema>
export type Block = z.infer<typeof blockSchema>
export type Phone = z.infer<typeof phoneSchema>
export type CountyCalendar = z.infer<typeof countyCalendarSchema>
export type ReasonCodes = z.infer<typeof reasonCodesSchema>
export type ForumMeeting = z.infer<typeof forumMeetingSchema>


export type ContentCheck = { ok: true; content: Content } | { ok: false; problems: string[] }

export function checkContent(candidate: unknown): ContentCheck {
  const result = contentSchema.safeParse(candidate)
  if (result.success) return { ok: true, content: result.data }
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) }
}
