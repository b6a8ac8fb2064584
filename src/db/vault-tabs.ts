import type { Vault } from './vault'

/** Where the tabs of the app tell each other about the vault. */
export const VAULT_CHANNEL = 'inclusion-companion-vault'

/** What one tab tells the others. */
export type TabMessage = { type: 'locked' } | { type: 'opened'; profileId: string } | { type: 'removed'; profileId: string } | { type: 'profiles' }

/**
 * Keeps this tab's vault in step with the app's other tabs. Each tab holds a key in its own
 * memory: when one tab locks, switches user or removes a profile, every other tab follows at
 * once, and another member of staff opening their profile in one tab locks any other profile
 * in the rest. Locking saves what was typed first; after a removal nothing is saved, since the
 * key and records it would be saved with are gone. `changed` runs when another tab changed the
 * profiles. Answers how to tell the other tabs.
 */
export function joinTabs(vault: Vault, changed: () => void): (message: TabMessage) => void {
  if (typeof BroadcastChannel !== 'function') return () => {}
  const tabs = new BroadcastChannel(VAULT_CHANNEL)
  let followingOtherTab = false
  const follow = () => {
    followingOtherTab = true
    void vault.lock().finally(() => (followingOtherTab = false))
  }
  tabs.addEventListener('message', ({ data: message }: MessageEvent<TabMessage>) => {
    if (message.type === 'locked') follow()
    if (message.type === 'opened' && vault.profileId !== undefined && vault.profileId !== message.profileId) follow()
    if (message.type === 'removed') void vault.forgetRemoved(message.profileId).then(changed)
    if (message.type === 'profiles') changed()
  })
  // A lock that follows another tab is not news to pass on: it would lock that tab's new profile.
  vault.onLock(() => {
    if (!followingOtherTab) tabs.postMessage({ type: 'locked' } satisfies TabMessage)
  })
  return (message) => tabs.postMessage(message)
}
