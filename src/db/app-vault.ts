import { appDatabase } from './database'
import { Vault } from './vault'

let vault: Vault | undefined

/** The vault of this device's one staff profile for now. */
export function appVault(): Vault {
  vault ??= new Vault(appDatabase())
  return vault
}
