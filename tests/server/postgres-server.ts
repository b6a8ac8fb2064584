import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const BIN = '/usr/lib/postgresql/15/bin'

/** A PostgreSQL server of the tests' own: a new cluster in a temporary folder, on a free port. */
export interface PostgresServer {
  /** The server's maintenance database: make a database of your own with `createDatabase`. */
  url: string
  /** Kills the server as a power cut would (pg_ctl's immediate mode: no shutdown checkpoint; recovery from the WAL at the next start). */
  crash(): Promise<void>
  /** Starts it again on the same port and data. */
  restart(): Promise<void>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Debian's PostgreSQL 15 (installed with apt when missing), started with initdb and pg_ctl.
 * initdb refuses to run as root: as root, the cluster belongs to the postgres user. It
 * listens on loopback and a socket in its folder, trusting local connections (a test
 * machine's throwaway server); fsync and synchronous_commit keep their defaults (on).
 */
export async function startPostgres(): Promise<PostgresServer> {
  execFileSync('bash', ['scripts/ensure-postgresql.sh'], { stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const { uid, gid } = userIds('postgres')
    chownSync(dir, uid, gid)
  }
  const run = (command: string, args: string[]) => {
    const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], { encoding: 'utf8' }) : spawnSync(join(BIN, command), args, { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start'])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async crash() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    },
    async restart() {
      start()
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim())
  return { uid, gid }
}

let databases = 0

/** A new, empty database on the server, for one test's store: tests never share one. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `test_${process.pid}_${Date.now()}_${databases++}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}
