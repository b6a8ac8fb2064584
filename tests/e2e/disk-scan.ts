import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The ways Chromium writes text to disk: UTF-8 (and Latin-1, the same for ASCII) and UTF-16 either way round. */
function encodings(text: string): Buffer[] {
  const utf16le = Buffer.from(text, 'utf16le')
  return [Buffer.from(text, 'utf8'), utf16le, Buffer.from(utf16le).swap16()]
}

export interface DiskScan {
  /** How many files were read, every regular file at any depth. */
  files: number
  /** For each text looked for, the files (relative to the directory) that hold it. */
  hits: Record<string, string[]>
}

/**
 * Reads every file under a directory, raw, and says which of them hold each text, as
 * given or upper-cased (a UPN is kept upper-cased), in any of the encodings above.
 */
export function scanDirectory(dir: string, texts: Record<string, string>): DiskScan {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
  const patterns = Object.entries(texts).map(([name, text]) => [name, [text, text.toUpperCase()].flatMap(encodings)] as const)
  const hits: Record<string, string[]> = Object.fromEntries(Object.keys(texts).map((name) => [name, []]))
  for (const file of files) {
    const bytes = readFileSync(file)
    for (const [name, encoded] of patterns) {
      if (encoded.some((pattern) => bytes.includes(pattern))) hits[name]!.push(relative(dir, file))
    }
  }
  return { files: files.length, hits }
}
