import { computed, nextTick, toRaw, watch, type Ref } from 'vue'
import { useAutosave } from '../../composables/useAutosave'
import { caseLabel, type ForumCaseDraft } from '../../domain/forum-case'
import type { CaseContext } from '../../domain/forum-case-sections'
import { FORUM_CASE } from '../../stores/cases'
import { useContentStore } from '../../stores/content'
import { receivePlansWhileOpen, type CaseWriter } from '../../sync/plans'

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

  // An education plan that arrives while the case is open for editing here goes into what the
  // page edits, and is saved with it: written to the vault behind the page, the next autosave
  // would write over it.
  const takePlan: CaseWriter = async (_id, change) => {
    if (!draft.value || autosave.readOnly.value) return 'busy'
    draft.value = change(structuredClone(toRaw(draft.value)))
    await nextTick() // the autosave notes the change before it is flushed
    await autosave.flush()
    return autosave.state.value === 'failed' ? 'busy' : 'written'
  }
  const editing = computed(() => autosave.meta.value !== undefined && !autosave.readOnly.value)
  watch(
    [caseId, editing],
    ([id, open], _old, onCleanup) => {
      if (open) onCleanup(receivePlansWhileOpen(id, takePlan))
    },
    { immediate: true },
  )

  return { ...autosave, draft, context, forumName, title, submitted }
}
