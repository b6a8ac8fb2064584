// The built app's text files, compressed once at build time at the highest levels (Brotli 11,
// gzip 9), for the service to send as they are (@fastify/static's preCompressed): smaller than
// compressing each response on the fly, and no CPU spent per request. Run after the build has
// written everything, the service worker included.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = join(import.meta.dirname, '..', 'dist')
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/

let before = 0
let after = 0
/** The workspace's stylesheet, which the service reads and sends itself (server/workspace/assets.ts). */
const SERVED_OTHERWISE = join(dist, 'workspace')

for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name) || entry.parentPath.startsWith(SERVED_OTHERWISE)) continue
  const file = join(entry.parentPath, entry.name)
  const bytes = readFileSync(file)
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
  const gzip = gzipSync(bytes, { level: 9 })
  // A file too small to gain is sent as it is.
  if (brotli.length < bytes.length) writeFileSync(`${file}.br`, brotli)
  if (gzip.length < bytes.length) writeFileSync(`${file}.gz`, gzip)
  before += bytes.length
  after += Math.min(brotli.length, bytes.length)
}
console.log(`precompressed the app's text files: ${(before / 1024).toFixed(0)} KiB, ${(after / 1024).toFixed(0)} KiB with Brotli`)
