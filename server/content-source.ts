import { defaultContent } from '../src/domain/default-content/default-content'
import type { Content } from '../src/domain/content-schema'
import { readContent, type ContentLog } from './content-file'
import type { ContentStore } from './store/content-store'

/** Where GET /api/content's content comes from. */
export interface ContentSource {
  current(): Content
  /** Stops reading the store again. */
  stop(): void
}

const REFRESH_MS = 5000

/** The content published when the store has none yet, and what its version's note says. */
export interface FirstContent {
  body: string
  note: string
}

export const BUNDLED_CONTENT: FirstContent = { body: JSON.stringify(defaultContent), note: 'The content the service ships with' }

/**
 * The content every instance serves alike: the newest version published in the store,
 * read again every few seconds, so each instance serves a new version within that time and
 * all serve the same. A version that fails the schema is refused (and logged) and the last
 * good one stays; a database that cannot be reached leaves the current one in service.
 */
export class DatabaseContent implements ContentSource {
  private content: Content = defaultContent
  private loadedId = 0
  private timer: NodeJS.Timeout | undefined

  private constructor(
    private readonly store: Pick<ContentStore, 'latestContent' | 'latestContentId' | 'publishFirstContent'>,
    private readonly log: ContentLog,
  ) {}

  /** Loads the newest version (publishing `first`, the bundled content unless given, when there is none yet) and keeps it fresh. */
  static async open(
    store: Pick<ContentStore, 'latestContent' | 'latestContentId' | 'publishFirstContent'>,
    log: ContentLog,
    refreshMs = REFRESH_MS,
    first: () => FirstContent = () => BUNDLED_CONTENT,
  ): Promise<DatabaseContent> {
    const source = new DatabaseContent(store, log)
    const keepCurrent = () => log.warn({}, 'content could not be read from the database: keeping the current content')
    // The database may go away just after the store opened (a restart, a failover): the
    // instance starts with the bundled content and the next refresh reads the database's.
    try {
      if (!(await store.latestContent())) {
        const { body, note } = first()
        await store.publishFirstContent(body, new Date().toISOString(), { note })
      }
      await source.refresh()
    } catch {
      keepCurrent()
    }
    source.timer = setInterval(() => void source.refresh().catch(keepCurrent), refreshMs)
    source.timer.unref()
    return source
  }

  current(): Content {
    return this.content
  }

  async refresh(): Promise<void> {
    // The id alone every few seconds; the body (tens of kilobytes) only when it is new.
    const id = await this.store.latestContentId()
    if (id === undefined || id === this.loadedId) return
    const latest = await this.store.latestContent()
    if (!latest) return
    this.loadedId = latest.id
    this.content = readContent(latest.body, this.log, { version: latest.id }) ?? this.content
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
