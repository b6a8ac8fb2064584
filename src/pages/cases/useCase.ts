import { computed, type Ref } from 'vue'
import { useAutosave } from '../../composables/useAutosave'
import { caseLabel, type ForumCaseDraft } from '../../domain/forum-case'
import type { ForumId } from '../../domain/forums'
import { FORUM_CASE } from '../../stores/cases'
import { useContentStore } from '../../stores/content'

/** The case a page shows: autosaved, with what the page needs to say about it. */
export function useCase(caseId: Ref<string>) {
  const content = useContentStore()
  void content.ensureLoaded()
  const autosave = useAutosave<ForumCaseDraft>(caseId, FORUM_CASE)
  const draft = autosave.model
  const forumName = computed(() => (draft.value?.forum ? content.forum(draft.value.forum as ForumId)?.name : undefined))
  const title = computed(() => {
    if (!draft.value) return 'Forum case'
    return draft.value.caseType === 'named' && draft.value.child.name.trim() ? draft.value.child.name : caseLabel(draft.value, forumName.value)
  })
  /** Once submitted, a case is kept as sent; only the education plan can still be recorded. */
  const submitted = computed(() => autosave.meta.value !== undefined && autosave.meta.value.status !== 'draft')
  return { ...autosave, draft, forumName, title, submitted }
}
