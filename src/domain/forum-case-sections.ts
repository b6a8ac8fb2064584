import type { DateParts } from './date-input'
import type { ForumCaseDraft, PlanUpdate, Strategy } from './forum-case'
import { ADVICE_AREA_LABELS, FORUM_IDS, type ForumId } from './forums'
import { YEAR_GROUPS, yearGroupLabel } from './school-year'
import type { ForumCasePayload } from './submissions'

/**
 * The sections of a forum case, in one table: the route, the task list, each section's page,
 * check your answers, the checks before sending and where the payload carries each answer are
 * all read from it, so a section is added by adding its entry. The router imports this file,
 * so it imports no schema (zod stays out of the first download): the rules that need one are
 * in forum-case.ts.
 */

/** What the pages know and the domain does not: the forums' names come with the content. */
export interface CaseContext {
  forumName(id: ForumId): string | undefined
}

/** Where an answer is kept in the draft. */
export interface DraftValue<Value> {
  get(draft: ForumCaseDraft): Value
  set(draft: ForumCaseDraft, value: Value): void
}

/** The answer at `key` of the draft, or at `inner` of that part (not written while the part is absent, as the plan update is on a first referral). */
export function at<Key extends keyof ForumCaseDraft>(key: Key): DraftValue<ForumCaseDraft[Key]>
export function at<Key extends keyof ForumCaseDraft, Inner extends keyof NonNullable<ForumCaseDraft[Key]>>(key: Key, inner: Inner): DraftValue<NonNullable<ForumCaseDraft[Key]>[Inner]>
export function at(key: string, inner?: string): DraftValue<unknown> {
  const holder = (draft: ForumCaseDraft) => (inner === undefined ? draft : draft[key as keyof ForumCaseDraft]) as Record<string, unknown> | undefined
  const name = inner ?? key
  return {
    get: (draft) => holder(draft)?.[name],
    set: (draft, value) => {
      const part = holder(draft)
      if (part) part[name] = value
    },
  }
}

export interface Option {
  value: string
  label: string
  hint?: string
}
type Options = readonly Option[] | ((context: CaseContext) => readonly Option[])

export const optionsOf = (field: { options: Options }, context: CaseContext): readonly Option[] =>
  typeof field.options === 'function' ? field.options(context) : field.options

const labelledOptions = <Value extends string>(labels: Record<Value, string>): { value: Value; label: string }[] =>
  (Object.keys(labels) as Value[]).map((value) => ({ value, label: labels[value] }))

/** Its row on check your answers: `unanswered` says what an empty answer reads as ("Not given"). */
interface Row {
  key: string
  unanswered?: string
}

interface FieldOf<Kind extends string, Value> {
  /** Which input it is; the section page renders each kind with its component (pages/cases/case-fields.ts). */
  kind: Kind
  /** The id of its input (a date's day box, a group's first option): error and Change links go there. */
  id: string
  /** Its label, or its legend. */
  label: string
  hint?: string
  value: DraftValue<Value>
  /** Where the payload carries it (a dotted path): a problem the schema finds there is put against this field. */
  sent?: string
  /** Asked only when this holds (the child's details: a named case). */
  when?: (draft: ForumCaseDraft) => boolean
  /** The message when it is left empty; without one the answer may be left out. */
  required?: string
  /** Not waited for on the task list (the UPN; additional needs). */
  optional?: boolean
}

/** The forms a text answer can be required to take: the checks are in forum-case.ts. */
export type TextFormat = 'upn' | 'percentage'

export type CaseField =
  | (FieldOf<'text', string> & { row: Row; width?: 'one-third'; format?: TextFormat; /** How messages name it; its label otherwise. */ errorName?: string })
  | (FieldOf<'textarea', string> & { row: Row; rows?: number; large?: boolean })
  | (FieldOf<'date', DateParts> & { row: Row; /** How messages name it ("Date of birth"). */ errorName: string })
  | (FieldOf<'radio', string> & { row: Row; options: Options })
  | (FieldOf<'select', string> & { row: Row; options: Options; placeholder: string })
  | (FieldOf<'checkboxes', string[]> & { row: Row; options: Options })
  /** Lists: each item has rows of its own; `whenEmpty` is the row while there are none. */
  | (FieldOf<'strategies', Strategy[]> & { whenEmpty?: { key: string; value: string } })
  | (FieldOf<'plan-updates', PlanUpdate[]> & { whenEmpty?: { key: string; value: string } })
export type CaseFieldKind = CaseField['kind']

/**
 * A section of the case. The task list counts it complete when every field it asks (and that
 * is not `optional`) is answered: a list, every item.
 */
export interface CaseSection {
  /** Its address: /cases/:caseId/:id. */
  id: string
  title: string
  /** In some cases only (consent: not an anonymous case; the plan update: a re-referral). */
  appliesTo?: (draft: ForumCaseDraft) => boolean
  /** Checked and sent only when this holds, if that is narrower than `appliesTo` (consent: once the case is named). */
  checkedWhen?: (draft: ForumCaseDraft) => boolean
  /** A paragraph before its fields. */
  intro?: string
  fields: readonly CaseField[]
}

/** How far an action from the last plan has got: the schema's values, in the words the user picks from. */
export type PlanStatus = NonNullable<ForumCasePayload['reReferral']>['planUpdates'][number]['status']
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-done': 'Not done',
}
export const PLAN_STATUS_OPTIONS = labelledOptions(PLAN_STATUS_LABELS)

/**
 * How the parent or guardian gave consent: the schema's values, in the words the consent page
 * offers and check-your-answers (and so the printed case) repeats.
 */
export type ConsentMethod = NonNullable<ForumCasePayload['consent']>['how']
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  'in-person': 'In person',
  phone: 'By phone',
  letter: 'By letter or form',
  email: 'By email',
  other: 'Another way',
}

const named = (draft: ForumCaseDraft) => draft.caseType === 'named'
const NOT_CHOSEN = 'Not chosen'

/** A section that is one long answer, labelled with the section's title. */
function answerSection<Id extends string>(id: Id, title: string, answer: { id: string; value: DraftValue<string>; sent: string; hint?: string; rows: number }): CaseSection & { id: Id } {
  return { id, title, fields: [{ kind: 'textarea', label: title, large: true, row: { key: 'Answer' }, ...answer }] }
}

export const CASE_SECTIONS = [
  {
    id: 'about',
    title: 'About the child',
    fields: [
      {
        kind: 'radio', id: 'forum', label: 'Which forum is this case for?', hint: 'The forum finder works it out from the child’s age and setting.',
        options: (context) => FORUM_IDS.map((id) => ({ value: id, label: context.forumName(id) ?? id })),
        value: at('forum'), sent: 'forum', required: 'Select the forum', row: { key: 'Forum', unanswered: NOT_CHOSEN },
      },
      {
        kind: 'radio', id: 'caseType', label: 'Is this a named or an anonymous case?',
        options: [
          { value: 'named', label: 'Named', hint: 'You have, or will record, the parent’s or guardian’s consent to discuss the child at the forum.' },
          { value: 'anonymous', label: 'Anonymous', hint: 'No name, date of birth or UPN is recorded. The support plan will be subjective: you fit it to the child.' },
        ],
        value: at('caseType'), sent: 'caseType', required: 'Select whether the case is named or anonymous', row: { key: 'Named or anonymous', unanswered: NOT_CHOSEN },
      },
      {
        kind: 'select', id: 'yearGroup', label: 'Year group', hint: 'The year group the child is in, even if taught out of their age group', placeholder: 'Select the year group',
        options: YEAR_GROUPS.map((value) => ({ value, label: yearGroupLabel(value) })),
        value: at('yearGroup'), sent: 'yearGroup', required: 'Select the child’s year group', row: { key: 'Year group', unanswered: NOT_CHOSEN },
      },
      { kind: 'text', id: 'childName', label: 'Child’s full name', when: named, value: at('child', 'name'), sent: 'child.name', required: 'Enter the child’s name', row: { key: 'Name' } },
      {
        kind: 'date', id: 'childDateOfBirth', label: 'Child’s date of birth', errorName: 'Date of birth', hint: 'For example, 27 3 2017', when: named,
        value: at('child', 'dateOfBirth'), sent: 'child.dateOfBirth', required: 'Enter the child’s date of birth', row: { key: 'Date of birth' },
      },
      {
        kind: 'text', id: 'childUpn', label: 'Unique pupil number (UPN, optional)', hint: '13 characters, starting with a letter', width: 'one-third', format: 'upn', optional: true, when: named,
        value: at('child', 'upn'), sent: 'child.upn', row: { key: 'UPN' },
      },
    ],
  },
  {
    id: 'consent',
    title: 'Parental consent',
    appliesTo: (draft) => draft.caseType !== 'anonymous',
    checkedWhen: named,
    intro: 'For a named case you must have the consent of the child’s parent or guardian to discuss their child at a multi-agency forum.',
    fields: [
      { kind: 'text', id: 'consentGivenBy', label: 'Who gave consent', hint: 'Their full name', value: at('consent', 'givenBy'), sent: 'consent.givenBy', required: 'Enter who gave consent', row: { key: 'Given by' } },
      {
        kind: 'text', id: 'consentRelationship', label: 'Their relationship to the child', hint: 'For example, mother, father, guardian, foster carer',
        value: at('consent', 'relationship'), sent: 'consent.relationship', required: 'Enter their relationship to the child', row: { key: 'Relationship to the child' },
      },
      {
        kind: 'date', id: 'consentDate', label: 'When consent was given', errorName: 'Date consent was given', hint: 'For example, 10 11 2026',
        value: at('consent', 'date'), sent: 'consent.date', required: 'Enter the date consent was given', row: { key: 'Date' },
      },
      {
        kind: 'radio', id: 'consentHow', label: 'How consent was given', options: labelledOptions(CONSENT_METHOD_LABELS),
        value: at('consent', 'how'), sent: 'consent.how', required: 'Select how consent was given', row: { key: 'How' },
      },
    ],
  },
  answerSection('behaviour', 'How the child behaves in the setting', {
    id: 'behaviourInSetting', value: at('behaviourInSetting'), sent: 'sections.behaviourInSetting', rows: 10,
    hint: 'What happens, when, and what you have noticed helps or makes it worse. Include what existing strategies or support have not worked.',
  }),
  answerSection('outside', 'Factors from outside the setting', {
    id: 'outsideFactors', value: at('outsideFactors'), sent: 'sections.outsideFactors', rows: 8, hint: 'Anything outside the setting that may contribute to behaviours.',
  }),
  answerSection('send', 'Evidence of SEND, including physical and mental health', {
    id: 'sendEvidence', value: at('sendEvidence'), sent: 'sections.sendEvidence', rows: 8,
    hint: 'Evidence of any special educational needs and disabilities, including physical or mental health needs.',
  }),
  answerSection('medical', 'Medical needs', { id: 'medicalNeeds', value: at('medicalNeeds'), sent: 'sections.medicalNeeds', rows: 6, hint: 'Evidence of medical needs, where available.' }),
  {
    id: 'attendance',
    title: 'Attendance',
    fields: [
      {
        kind: 'text', id: 'attendancePercentage', label: 'Attendance this school year, as a percentage', errorName: 'Attendance', hint: 'For example, 91.5', width: 'one-third', format: 'percentage',
        value: at('attendance', 'percentage'), sent: 'sections.attendance.percentageThisYear', row: { key: 'This school year' },
      },
      { kind: 'textarea', id: 'attendanceFactors', label: 'What affects the child’s attendance', value: at('attendance', 'factors'), sent: 'sections.attendance.factors', row: { key: 'What affects it' } },
    ],
  },
  {
    id: 'strategies',
    title: 'Strategies and current support',
    intro: 'Every strategy and support in place, with when it started and its impact or outcome. Add as many as you need.',
    fields: [{ kind: 'strategies', id: 'strategies', label: 'Strategies', value: at('strategies'), sent: 'sections.strategies', whenEmpty: { key: 'Strategies', value: 'None added' } }],
  },
  answerSection('suspected', 'Suspected needs being explored', { id: 'suspectedNeeds', value: at('suspectedNeeds'), sent: 'sections.suspectedNeeds', rows: 6 }),
  answerSection('environment', 'Environmental factors and adverse childhood experiences', {
    id: 'environmentalFactorsAndAces', value: at('environmentalFactorsAndAces'), sent: 'sections.environmentalFactorsAndAces', rows: 8,
    hint: 'Any additional contributory environmental factors or adverse childhood experiences (ACEs).',
  }),
  answerSection('other', 'Any other concerns', { id: 'otherConcerns', value: at('otherConcerns'), sent: 'sections.otherConcerns', rows: 6 }),
  {
    id: 'advice',
    title: 'The advice you want',
    fields: [
      {
        kind: 'checkboxes', id: 'adviceWanted', label: 'What would you like the forum to advise on?', hint: 'Select all that apply', options: labelledOptions(ADVICE_AREA_LABELS),
        value: at('adviceWanted'), sent: 'adviceWanted', required: 'Select at least one area of advice', row: { key: 'Advice wanted', unanswered: 'None chosen' },
      },
    ],
  },
  {
    id: 're-referral',
    title: 'Update on the last education plan',
    appliesTo: (draft) => Boolean(draft.reReferral),
    intro: 'Bring the updated plan: how far each action from the last forum has got, and any additional needs now presenting.',
    fields: [
      { kind: 'plan-updates', id: 'planUpdates', label: 'The last education plan', value: at('reReferral', 'planUpdates'), sent: 'reReferral.planUpdates', required: 'List the actions from the last education plan' },
      {
        kind: 'textarea', id: 'additionalNeeds', label: 'Any additional needs now presenting', optional: true,
        value: at('reReferral', 'additionalNeeds'), sent: 'reReferral.additionalNeeds', row: { key: 'Additional needs' },
      },
    ],
  },
] as const satisfies readonly CaseSection[]
export type CaseSectionId = (typeof CASE_SECTIONS)[number]['id']
