import pg from 'pg'
import type { Row } from '../rows/row'

// BIGINT columns hold epoch milliseconds and ids, all well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/** Something queries can be sent to: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = Row>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** The pool every sub-store shares, with the one way to run a transaction. */
export class Db implements Queryable {
  constructor(readonly pool: pg.Pool) {}

  query<R extends pg.QueryResultRow = Row>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, values)
  }

  async rows<R extends pg.QueryResultRow = Row>(sql: string, values?: unknown[]): Promise<R[]> {
    return (await this.pool.query<R>(sql, values)).rows
  }

  async row<R extends pg.QueryResultRow = Row>(sql: string, values?: unknown[]): Promise<R | undefined> {
    return (await this.pool.query<R>(sql, values)).rows[0]
  }

  /**
   * Runs work in one transaction on one connection: committed when it returns, rolled back
   * when it throws. READ COMMITTED, PostgreSQL's default: a row the work must not see
   * change is locked with SELECT … FOR UPDATE.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }
}
