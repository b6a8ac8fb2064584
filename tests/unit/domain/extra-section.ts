import type { ForumCaseDraft } from '../../../src/domain/forum-case'
import type { CaseSection, DraftValue } from '../../../src/domain/forum-case-sections'

type WithWorries = ForumCaseDraft & { worries?: string }
/** Kept in the draft under a key that drafts saved before the section existed do not have. */
const worries: DraftValue<string> = {
  get: (draft) => (draft as WithWorries).worries as string,
  set: (draft, value) => void ((draft as WithWorries).worries = value),
}

/** A section the app does not have, for tests that add one to the table: one long answer that must be given. */
export const WORRIES_SECTION = {
  id: 'worries',
  title: 'Worries the child has shared',
  fields: [{ kind: 'textarea', id: 'worries', label: 'Worries the child has shared', large: true, value: worries, required: 'Enter the worries the child has shared', row: { key: 'Answer' } }],
} as const satisfies CaseSection
