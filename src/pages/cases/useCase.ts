import { computed, type Ref } from 'vue'
import { useAutosave } from '../../composables/useAutosave'
import { caseLabel, type ForumCaseDraft } from '../../domain/forum-case'
import type { CaseContext } from '../../domain/forum-case-sections'
import { FORUM_CASE } from '../../stores/cases'
import { useContentStore } from '../../stores/content'

/** The case a page shows: autosaved, with what the page needs to say about it. */
export function useCase(caseId: Ref<string>) {
  const content = useContentStore()
  void content.ensureLoaded()
  const autosave = useAutosave<ForumCaseDraft>(caseId, FORUM_CASE)
  const draft = autosave.model
  /** What the section table needs from the content to show a case. */
  const context: CaseContext = { forumName: (id) => content.forum(id)?.name }
  const forumName = computed(() => (draft.value?.forum ? context.forumName(draft.value.forum) : undefined))
  const title = computed(() => {
    if (!draft.value) return 'Forum case'
    return draft.value.caseType === 'named' && draft.value.child.name.trim() ? draft.value.child.name : caseLabel(draft.value, forumName.value)
  })
  /** Once submitted, a case is kept as sent; only the education plan can still be recorded. */
  const submitted = computed(() => autosave.meta.value !== undefined && autosave.meta.value.status !== 'draft')
  return { ...autosave, draft, context, forumName, title, submitted }
}
