import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { appDatabase, type Receipt } from '../db/database'
import { emptyForumCase, reReferralFrom, type ForumCaseDraft } from '../domain/forum-case'
import type { ForumId } from '../domain/forums'
import { useVaultStore } from './vault'

export const FORUM_CASE = 'forum-case'

export interface CaseSummary {
  id: string
  status: string
  updatedAt: number
  draft: ForumCaseDraft
}

/** The forum cases on this device, decrypted only while unlocked and dropped when the app locks. */
export const useCasesStore = defineStore('cases', () => {
  const vault = useVaultStore()
  const cases = shallowRef<CaseSummary[]>()
  void vault.onLock(() => {
    cases.value = undefined
  })

  async function load(): Promise<CaseSummary[]> {
    const records = await vault.readAll<ForumCaseDraft>([FORUM_CASE])
    if (!records) return []
    // A record that cannot be read (written with another key) is left out, not the whole list.
    cases.value = records.flatMap(({ meta, data }) => (data ? [{ id: meta.id, status: meta.status, updatedAt: meta.updatedAt, draft: data }] : []))
    return cases.value
  }

  async function create(draft: ForumCaseDraft): Promise<string> {
    const id = crypto.randomUUID()
    await (await vault.vault()).put({ id, kind: FORUM_CASE, status: 'draft' }, draft)
    return id
  }

  const startCase = (forum: ForumId | '') => create(emptyForumCase(forum))

  async function startReReferral(previousId: string): Promise<string | undefined> {
    const previous = await (await vault.vault()).get<ForumCaseDraft>(previousId)
    return previous ? create(reReferralFrom(previous.data, previousId)) : undefined
  }

  /**
   * The reference the Inclusion Service gave a case this device sent (its receipt's, which
   * stays after the case's details are cleared); undefined if it was never sent from here, or
   * has not been answered yet. Receipts hold no personal data, so this needs no unlocked vault;
   * with one unlocked, only its profile's receipts are looked at, as they are its own.
   */
  async function sentReference(caseId: string): Promise<string | undefined> {
    const ours = (each: Receipt) => each.kind === 'forum-case' && each.draftId === caseId && (!vault.profileId || each.profileId === vault.profileId)
    const receipt = await appDatabase().receipts.filter(ours).first()
    return receipt?.reference
  }

  async function remove(id: string): Promise<void> {
    await (await vault.vault()).delete(id)
    cases.value = cases.value?.filter((summary) => summary.id !== id)
  }

  return { cases, load, create, startCase, startReReferral, sentReference, remove }
})
