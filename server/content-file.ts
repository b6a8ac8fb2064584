import { checkContent, type Content } from '../src/domain/content-schema'

export interface ContentLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
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
