import { fileURLToPath } from 'node:url'
import { passwordProblem } from './workspace/password-rules'
import { DEFAULT_IDLE_MINUTES } from './workspace/session'

export interface ServerConfig {
  port: number
  host: string
  /** The built app (vite build) that the service serves. */
  appDir: string
  /** The SQLite database and the sealing key (unless databaseUrl is set), and the content file. */
  dataDir: string
  /** PostgreSQL, for several equal instances: the store and the sealing key live there instead. */
  databaseUrl?: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent'
  /** A TLS proxy is in front: send Strict-Transport-Security and mark cookies Secure. */
  behindTls: boolean
  /** Believe X-Forwarded-For from a proxy in front (for per-IP rate limits). */
  trustProxy: boolean
  /** The first administrator, created at start-up if there is none. */
  admin?: { username: string; password: string }
  /** Minutes without a request after which a workspace session ends. */
  workspaceIdleMinutes: number
  /** Requests allowed per IP per minute on routes without a tighter limit, in each instance. */
  rateLimitPerMinute: number
}

const DEFAULT_RATE_LIMIT = 600
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const
const REPOSITORY = new URL('..', import.meta.url)

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]
  if (value && !['true', 'false'].includes(value)) throw new Error(`${name} must be true or false, not "${value}"`)
  return value === 'true'
}

/** A postgres:// URL, or a clear refusal that does not repeat it (it may hold a password). */
function databaseUrl(value: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database (leave it unset for SQLite in DATA_DIR)')
  }
  return value
}

/** Reads the environment once at start-up; a bad value stops the service with a clear message. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`)
  }
  const logLevel = (env.LOG_LEVEL || 'info') as ServerConfig['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`)
  }
  if (Boolean(env.ADMIN_USERNAME) !== Boolean(env.ADMIN_PASSWORD)) {
    throw new Error('ADMIN_USERNAME and ADMIN_PASSWORD go together: set both or neither')
  }
  const passwordWrong = env.ADMIN_PASSWORD ? passwordProblem(env.ADMIN_PASSWORD, env.ADMIN_USERNAME ?? '') : undefined
  if (passwordWrong) throw new Error(`ADMIN_PASSWORD: ${passwordWrong}`)
  const idle = env.WORKSPACE_IDLE_MINUTES === undefined || env.WORKSPACE_IDLE_MINUTES === '' ? DEFAULT_IDLE_MINUTES : Number(env.WORKSPACE_IDLE_MINUTES)
  if (!Number.isInteger(idle) || idle < 5 || idle > 480) {
    throw new Error(`WORKSPACE_IDLE_MINUTES must be a whole number of minutes from 5 to 480, not "${env.WORKSPACE_IDLE_MINUTES}"`)
  }
  const rateLimit = env.RATE_LIMIT_PER_MINUTE === undefined || env.RATE_LIMIT_PER_MINUTE === '' ? DEFAULT_RATE_LIMIT : Number(env.RATE_LIMIT_PER_MINUTE)
  if (!Number.isInteger(rateLimit) || rateLimit < 1) {
    throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number of requests, 1 or more, not "${env.RATE_LIMIT_PER_MINUTE}"`)
  }
  const config: ServerConfig = {
    port,
    host: env.HOST || '0.0.0.0',
    appDir: env.APP_DIR || fileURLToPath(new URL('dist', REPOSITORY)),
    dataDir: env.DATA_DIR || fileURLToPath(new URL('data', REPOSITORY)),
    logLevel,
    behindTls: flag(env, 'BEHIND_TLS'),
    trustProxy: flag(env, 'TRUST_PROXY'),
    workspaceIdleMinutes: idle,
    rateLimitPerMinute: rateLimit,
  }
  if (env.DATABASE_URL) config.databaseUrl = databaseUrl(env.DATABASE_URL)
  if (env.ADMIN_USERNAME && env.ADMIN_PASSWORD) config.admin = { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }
  return config
}
