import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export default function setup(): void {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' })
  if (!existsSync('dist/index.html')) {
    throw new Error('The end-to-end tests run against the built app: run `npm run build` first (npm test does).')
  }
}
