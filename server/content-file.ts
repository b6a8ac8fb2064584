import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { defaultContent } from '../src/domain/default-content/default-content'
import { checkContent, type Content } from '../src/domain/content-schema'

const RECHECK_MS = 1000

export interface ContentLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

/**
 * The reference content the Inclusion Service publishes: a JSON file it can edit without a
 * new release. Read again when it changes; a version that fails the schema is refused (and
 * logged) and the last good one stays in service.
 */
export class ContentFile {
  private content: Content = defaultContent
  private loadedMtime = -1
  private lastCheck = 0

  constructor(
    private readonly path: string,
    private readonly log: ContentLog,
    private readonly recheckMs = RECHECK_MS,
  ) {
    if (!existsSync(path)) writeFileSync(path, `${JSON.stringify(defaultContent, null, 2)}\n`)
    this.reload()
  }

  current(): Content {
    const now = Date.now()
    if (now - this.lastCheck >= this.recheckMs) {
      this.lastCheck = now
      if (statSync(this.path, { throwIfNoEntry: false })?.mtimeMs !== this.loadedMtime) this.reload()
    }
    return this.content
  }

  private reload(): void {
    const mtime = statSync(this.path).mtimeMs
    this.loadedMtime = mtime
    this.content = readContent(readFileSync(this.path, 'utf8'), this.log, { file: this.path }) ?? this.content
  }
}

/**
 * Published content as text, checked against the app's schema: the content, or nothing
 * (with a warning naming where it came from) when it is not JSON or does not fit, so that
 * the caller keeps serving what it had.
 */
export function readContent(text: string, log: ContentLog, source: object): Content | undefined {
  let candidate: unknown
  try {
    candidate = JSON.parse(text)
  } catch {
    log.warn(source, 'published content is not valid JSON: keeping the current content')
    return undefined
  }
  const checked = checkContent(candidate)
  if (!checked.ok) {
    log.warn({ ...source, problems: checked.problems.slice(0, 20) }, 'published content failed validation: keeping the current content')
    return undefined
  }
  log.info({ version: checked.content.version }, 'content loaded')
  return checked.content
}
