import { describe, expect, it } from 'vitest'
import { readConfig } from '../../../server/config'

describe('readConfig', () => {
  it('defaults to port 8080 on every interface', () => {
    expect(readConfig({})).toMatchObject({ port: 8080, host: '0.0.0.0', logLevel: 'info', behindTls: false })
  })

  it('takes PORT, HOST and LOG_LEVEL from the environment', () => {
    expect(readConfig({ PORT: '9000', HOST: '127.0.0.1', LOG_LEVEL: 'warn' })).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      logLevel: 'warn',
    })
  })

  it.each(['eighty', '-1', '70000', '80.5'])('refuses PORT=%s with a clear message', (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, not "${port}"`)
  })

  it('takes BEHIND_TLS as true or false only', () => {
    expect(readConfig({ BEHIND_TLS: 'true' }).behindTls).toBe(true)
    expect(() => readConfig({ BEHIND_TLS: 'yes' })).toThrow('BEHIND_TLS must be true or false, not "yes"')
  })

  it('refuses an unknown LOG_LEVEL', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/)
  })

  it.each([
    ['', 30], ['5', 5], ['480', 480],
  ])('reads WORKSPACE_IDLE_MINUTES %j as %d minutes', (value, minutes) => {
    expect(readConfig({ WORKSPACE_IDLE_MINUTES: value }).workspaceIdleMinutes).toBe(minutes)
  })

  it.each(['4', '481', '10.5', 'soon'])('refuses WORKSPACE_IDLE_MINUTES %j', (value) => {
    expect(() => readConfig({ WORKSPACE_IDLE_MINUTES: value })).toThrow(`WORKSPACE_IDLE_MINUTES must be a whole number of minutes from 5 to 480, not "${value}"`)
  })

  it.each([
    ['short one', 'short', 'ADMIN_PASSWORD: Password must be 12 characters or more'],
    ['common one', 'password1234', 'ADMIN_PASSWORD: Password is too common'],
  ])('refuses a %s as ADMIN_PASSWORD', (_label, password, message) => {
    expect(() => readConfig({ ADMIN_USERNAME: 'jo', ADMIN_PASSWORD: password })).toThrow(message)
  })

  it('uses SQLite in DATA_DIR unless DATABASE_URL is set', () => {
    expect(readConfig({}).databaseUrl).toBeUndefined()
    expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
  })

  it.each(['postgres://intake:secret@db.internal:5432/intake', 'postgresql://db.internal/intake?sslmode=require'])('takes DATABASE_URL %s', (url) => {
    expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
  })

  it.each(['mysql://intake:secret@db/intake', 'db.internal:5432/intake', 'not a url', 'file:///var/lib/intake.sqlite'])('refuses DATABASE_URL %s without repeating it', (url) => {
    expect(() => readConfig({ DATABASE_URL: url })).toThrow('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database')
    expect(() => readConfig({ DATABASE_URL: url })).not.toThrow(url)
  })

  it.each([['', 600], ['1000000', 1_000_000]])('reads RATE_LIMIT_PER_MINUTE %j as %d', (value, limit) => {
    expect(readConfig({ RATE_LIMIT_PER_MINUTE: value }).rateLimitPerMinute).toBe(limit)
  })

  it.each(['0', '-5', '1.5', 'lots'])('refuses RATE_LIMIT_PER_MINUTE %j', (value) => {
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: value })).toThrow(`RATE_LIMIT_PER_MINUTE must be a whole number of requests, 1 or more, not "${value}"`)
  })
})
