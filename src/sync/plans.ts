import type { AppDatabase, Receipt } from '../db/database'
import type { Vault } from '../db/vault'
import { withIssuedPlan, type ForumCaseDraft } from '../domain/forum-case'
import { educationPlanSchema, type EducationPlanRecord } from '../domain/submissions'
import type { Connection } from './api-client'

/**
 * The education plans the Inclusion Service issues, fetched into their cases in the vault.
 * A plan is personal, so only the page fetches it, while the vault is unlocked, and it goes
 * straight into the encrypted case: the service worker, where the vault is locked, never asks.
 */

/**
 * Puts a change into a case: 'missing' when the case is no longer on the device, 'busy' when
 * it cannot be changed now (open in another tab, whose autosave would write over it).
 */
export type CaseWriter = (caseId: string, change: (draft: ForumCaseDraft) => ForumCaseDraft) => Promise<'written' | 'missing' | 'busy'>

const REQUEST_TIMEOUT_MS = 30_000

/**
 * Fetches each plan recorded since the one the vault holds, for the unlocked profile's cases
 * still on the device, and answers how many it stored. Anything that goes wrong (offline, an answer that is not a
 * plan, a case busy elsewhere, the app locking) leaves the receipt as it was: the next pass
 * tries again, and nothing but a valid plan is ever stored.
 */
export async function fetchPlans(db: AppDatabase, connection: Connection, writeCase: CaseWriter, profileId: string): Promise<number> {
  const enrolment = await db.enrolment.get('device')
  if (!enrolment || enrolment.revokedAt) return 0
  const due = await db.receipts.filter((receipt) => receipt.profileId === profileId && planToFetch(receipt)).toArray()
  let stored = 0
  for (const receipt of due) {
    const caseId = receipt.draftId!
    try {
      if ((await db.records.where(':id').equals([profileId, caseId]).count()) === 0) continue
      const plan = await fetchPlan(connection, enrolment.token, receipt.id)
      if (!plan || (await writeCase(caseId, (draft) => withIssuedPlan(draft, plan))) !== 'written') continue
      // The time this pass set out to fetch: a plan recorded again meanwhile has moved
      // planRecordedAt on already, so the next pass fetches that one.
      await db.receipts.update(receipt.id, { planStoredAt: receipt.planRecordedAt })
      stored++
    } catch {
      // The app locked, or storage failed: tried again on the next pass.
    }
  }
  return stored
}

const planToFetch = (receipt: Receipt) =>
  receipt.kind === 'forum-case' && !receipt.purged && receipt.draftId !== undefined && receipt.planRecordedAt !== undefined && receipt.planRecordedAt !== receipt.planStoredAt

async function fetchPlan(connection: Connection, token: string, idempotencyKey: string): Promise<EducationPlanRecord | undefined> {
  try {
    const response = await connection.fetch(`${connection.baseUrl}/api/submissions/${encodeURIComponent(idempotencyKey)}/plan`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    if (!response.ok) return undefined
    const parsed = educationPlanSchema.safeParse(await response.json())
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * Writes through the vault while holding the case's edit lock, the Web Lock each page that
 * edits a record holds (`record:<id>`, useAutosave): a case open in another tab is 'busy', and
 * no page can open the case for editing half way through the write.
 */
export function vaultCaseWriter(vault: Vault, locks?: LockManager): CaseWriter {
  const write: CaseWriter = async (caseId, change) => {
    const record = await vault.get<ForumCaseDraft>(caseId)
    if (!record) return 'missing'
    // No status given: the vault keeps the one the outbox set.
    await vault.put({ id: caseId, kind: record.kind }, change(record.data))
    return 'written'
  }
  if (!locks) return write
  return (caseId, change) => locks.request(`record:${caseId}`, { ifAvailable: true }, (lock) => (lock ? write(caseId, change) : 'busy'))
}

/** The cases open for editing in this tab, each taking a plan into what its page edits. */
const openHere = new Map<string, CaseWriter>()

/**
 * A page editing a case takes a plan that arrives into what it edits, so its autosave saves the
 * plan with the rest rather than writing over it. Answers the function that stops this.
 */
export function receivePlansWhileOpen(caseId: string, write: CaseWriter): () => void {
  openHere.set(caseId, write)
  return () => {
    if (openHere.get(caseId) === write) openHere.delete(caseId)
  }
}

/** The page's writer: a case open in this tab takes the plan into its page; any other goes through the vault. */
export function pageCaseWriter(vault: Vault, locks?: LockManager): CaseWriter {
  const throughVault = vaultCaseWriter(vault, locks)
  return (caseId, change) => (openHere.get(caseId) ?? throughVault)(caseId, change)
}
