import type Database from 'better-sqlite3'

interface QueuedWrite {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/**
 * Group commit for one SQLite connection. With WAL and synchronous FULL every COMMIT waits
 * for an fsync of the log, and that wait, not the SQL, is most of a small write's cost: a
 * service taking many submissions at once would spend its time on one fsync per write, one
 * after another. So the writes asked for while the event loop is busy wait for its next turn
 * (setImmediate: no timer, no added delay when only one is waiting) and are committed together
 * in ONE transaction, with one fsync:
 *
 * - each write runs in a savepoint of its own: one that throws is undone alone and only its
 *   caller hears the error; the others go ahead;
 * - every caller hears its result only after the COMMIT has returned, so nothing is
 *   acknowledged before it is durable;
 * - if the COMMIT (or BEGIN) fails, nothing of the group was stored and every caller hears
 *   the error, successful savepoints included.
 *
 * better-sqlite3 is synchronous, so a group is written from BEGIN to COMMIT without yielding:
 * no other request's work can slip into it half-way, and no lock is held between turns.
 */
export class GroupCommit {
  private queue: QueuedWrite[] = []
  // Made once: better-sqlite3 builds a wrapper per transaction() call. Inside the group's
  // transaction, `inSavepoint` is a SAVEPOINT ... RELEASE (ROLLBACK TO on a throw).
  private readonly inSavepoint: (work: () => unknown) => unknown
  private readonly commitGroup: (group: QueuedWrite[]) => Outcome[]

  constructor(private readonly db: Database.Database) {
    this.inSavepoint = db.transaction((work: () => unknown) => work())
    const runGroup = db.transaction((group: QueuedWrite[]): Outcome[] =>
      group.map((write): Outcome => {
        try {
          return { ok: true, value: this.inSavepoint(write.work) }
        } catch (error) {
          // Some errors (a full disk, an I/O error) end the whole transaction, not just the
          // savepoint: then nothing before it stands either, so the group fails as one.
          if (!db.inTransaction) throw error
          return { ok: false, error }
        }
      }),
    )
    // IMMEDIATE takes the write lock at BEGIN (waiting up to busy_timeout for another
    // connection), rather than failing half-way when a read has to become a write.
    this.commitGroup = runGroup.immediate
  }

  /**
   * Runs `work` (synchronous SQL) in the next group's transaction, all of it or none;
   * resolves once that has committed. Inside a transaction the caller opened itself, `work`
   * runs at once, in a savepoint, and commits with the caller's (the benchmark's seed calls
   * the store's methods that way).
   */
  write<T>(work: () => T): Promise<T> {
    if (this.db.inTransaction) {
      try {
        return Promise.resolve(this.inSavepoint(work) as T)
      } catch (error) {
        return Promise.reject(error)
      }
    }
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.commit())
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
    })
  }

  /** Commits what is waiting now, rather than on the next turn: before the connection closes. */
  flush(): void {
    this.commit()
  }

  private commit(): void {
    const group = this.queue
    if (group.length === 0) return
    this.queue = []
    let outcomes: Outcome[]
    try {
      outcomes = this.commitGroup(group)
    } catch (error) {
      for (const write of group) write.reject(error)
      return
    }
    group.forEach((write, index) => {
      const outcome = outcomes[index]!
      if (outcome.ok) write.resolve(outcome.value)
      else write.reject(outcome.error)
    })
  }
}
