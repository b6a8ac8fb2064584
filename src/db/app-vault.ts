import { appDatabase } from './database'
import { registerPasskey, unlockWithPasskey } from './passkey'
import { Vault } from './vault'

let vault: Vault | undefined

/** The vault of this device's staff profiles, one unlocked per tab; passkeys where the browser has them. */
export function appVault(): Vault {
  vault ??= new Vault(appDatabase(), undefined, Date.now, { register: registerPasskey, unlock: unlockWithPasskey })
  return vault
}
