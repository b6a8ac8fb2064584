import type Database from 'better-sqlite3'

/**
 * Prepares each SQL text once per connection. Compiling a statement costs about as much as
 * running a small one, and every submission runs the same few; the texts are fixed in the
 * code (values are always bound parameters), so the cache stays as small as the code.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>()
  return (sql) => {
    let statement = prepared.get(sql)
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)))
    return statement
  }
}
