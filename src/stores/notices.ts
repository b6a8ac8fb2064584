import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { parseDateParts } from '../domain/date-input'
import type { SuspensionRecord } from '../domain/exclusion-rules'
import { emptyPermanentExclusion, type PermanentExclusionDraft } from '../domain/permanent-exclusion'
import { emptySuspension, thisSuspension, type SuspensionDraft } from '../domain/suspension-notice'
import { useVaultStore } from './vault'

export type NoticeKind = 'suspension' | 'permanent-exclusion'
export type NoticeDraft = SuspensionDraft | PermanentExclusionDraft

export interface NoticeSummary {
  id: string
  kind: NoticeKind
  status: string
  updatedAt: number
  /** Undefined when the record cannot be read (written with another key). */
  draft?: NoticeDraft
}

/** Who a suspension is about, to match a pupil's notices: the name as typed, and the date of birth. */
export function pupilKey(notice: SuspensionDraft): string {
  const born = parseDateParts(notice.pupil.dateOfBirth, 'Date')
  return `${notice.pupil.name.trim().toLowerCase()}|${born.kind === 'date' ? born.iso : ''}`
}

/** The exclusion notices on this device, decrypted only while unlocked and dropped when the app locks. */
export const useNoticesStore = defineStore('notices', () => {
  const vault = useVaultStore()
  const notices = shallowRef<NoticeSummary[]>()
  void vault.onLock(() => {
    notices.value = undefined
  })

  async function load(): Promise<NoticeSummary[]> {
    const records = await vault.readAll<NoticeDraft>(['suspension', 'permanent-exclusion'])
    if (!records) return []
    notices.value = records.map(({ meta, data }) => ({ id: meta.id, kind: meta.kind as NoticeKind, status: meta.status, updatedAt: meta.updatedAt, draft: data }))
    return notices.value
  }

  async function start(kind: NoticeKind): Promise<string> {
    const id = crypto.randomUUID()
    await (await vault.vault()).put({ id, kind, status: 'draft' }, kind === 'suspension' ? emptySuspension() : emptyPermanentExclusion())
    return id
  }

  /** The pupil's other suspensions sent from this device (once loaded), as the totals count them: a draft may never be sent. */
  function sentSuspensionsOf(pupil: string, exceptId: string): SuspensionRecord[] {
    return (notices.value ?? []).flatMap((notice) => {
      if (notice.kind !== 'suspension' || notice.id === exceptId || notice.status === 'draft' || !notice.draft) return []
      const draft = notice.draft as SuspensionDraft
      const record = pupilKey(draft) === pupil ? thisSuspension(draft) : undefined
      return record ? [record] : []
    })
  }

  return { notices, load, start, sentSuspensionsOf }
})
