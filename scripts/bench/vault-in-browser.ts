/**
 * Bundled by scripts/bench.ts and run inside Chromium: the vault's real costs, with real
 * WebCrypto and IndexedDB (strict durability), on a database of its own.
 */
import { AppDatabase } from '../../src/db/database'
import { Vault } from '../../src/db/vault'

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!

async function measure(): Promise<{ unlockMs: number[]; save20kbMs: number[] }> {
  const db = new AppDatabase(`vault-bench-${Date.now()}`)
  const vault = new Vault(db)
  await vault.create('a long bench passphrase')

  const unlockMs: number[] = []
  for (let run = 0; run < 5; run++) {
    await vault.lock()
    const start = performance.now()
    await vault.unlock('a long bench passphrase')
    unlockMs.push(performance.now() - start)
  }

  // About 20 KB of JSON: what a full forum case with long free-text answers comes to.
  const record = { answers: Array.from({ length: 40 }, (_, index) => `${index}: ${'typed words '.repeat(41)}`) }
  const save20kbMs: number[] = []
  for (let run = 0; run < 200; run++) {
    const start = performance.now()
    await vault.put({ id: `case-${run % 10}`, kind: 'forum-case' }, record)
    save20kbMs.push(performance.now() - start)
  }
  db.close()
  await db.delete()
  return { unlockMs, save20kbMs }
}

;(globalThis as unknown as { vaultBench: () => Promise<unknown> }).vaultBench = async () => {
  const { unlockMs, save20kbMs } = await measure()
  const sortedUnlock = [...unlockMs].sort((a, b) => a - b)
  const sortedSave = [...save20kbMs].sort((a, b) => a - b)
  return {
    unlockMedianMs: percentile(sortedUnlock, 0.5),
    unlockMaxMs: sortedUnlock.at(-1)!,
    saveMedianMs: percentile(sortedSave, 0.5),
    saveP95Ms: percentile(sortedSave, 0.95),
  }
}
