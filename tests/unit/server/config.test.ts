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
})
