// Before `npm start` and `npm test`: install the locked dependencies when they are missing or
// differ from package-lock.json, so a fresh clone needs only those two commands. Node's own
// modules only: nothing else may be installed yet.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))

function installedVersion(path) {
  try {
    return JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

// Optional packages (one per platform, such as rollup's native builds) are absent by design.
const stale = Object.entries(lock.packages)
  .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.optional && !entry.link)
  .filter(([path, entry]) => installedVersion(path) !== entry.version)
  .map(([path]) => path.slice('node_modules/'.length))

if (stale.length > 0) {
  console.log(`Installing the locked dependencies (${stale.length} missing or out of date, such as ${stale.slice(0, 3).join(', ')})…`)
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
