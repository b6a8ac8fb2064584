import { fileURLToPath } from 'node:url'

export interface ServerConfig {
  port: number
  host: string
  /** The built app (vite build) that the service serves. */
  appDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent'
  /** A TLS proxy is in front: send Strict-Transport-Security. */
  behindTls: boolean
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const
const DEFAULT_APP_DIR = fileURLToPath(new URL('../dist', import.meta.url))

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
  if (env.BEHIND_TLS && !['true', 'false'].includes(env.BEHIND_TLS)) {
    throw new Error(`BEHIND_TLS must be true or false, not "${env.BEHIND_TLS}"`)
  }
  return { port, host: env.HOST || '0.0.0.0', appDir: env.APP_DIR || DEFAULT_APP_DIR, logLevel, behindTls: env.BEHIND_TLS === 'true' }
}
