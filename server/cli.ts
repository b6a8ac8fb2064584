/**
 * npm run admin -- <command> [options]: the Inclusion Service's administration from a shell.
 * Works on the same store as the service (DATABASE_URL, or DATA_DIR), while it runs or not.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { checkContent } from '../src/domain/content-schema'
import { readConfig } from './config'
import { hashPassword, randomToken } from './secrets'
import { createAdministrator, createSetting, ENROLMENT_CODE_DAYS, isUniqueViolation, issueEnrolmentCode, openService } from './service'
import { SETTING_PHASES, type SettingPhase } from './store/intake-store'
import { passwordProblem } from './workspace/password-rules'

const USAGE = `Usage: npm run admin -- <command> [options]

  create-setting --name NAME --urn URN --phase PHASE [--seip-area AREA]
      Adds a setting and prints its one-time enrolment code (valid ${ENROLMENT_CODE_DAYS} days).
      PHASE is one of: ${SETTING_PHASES.join(', ')}. A secondary setting needs --seip-area.
  new-code --setting SETTING_ID       Prints a new enrolment code for a setting.
  list-settings                       Lists the settings and their ids.
  list-devices                        Lists enrolled devices.
  revoke-device --device DEVICE_ID    Stops a device from sending; what it holds stays on it.
  create-admin --username NAME        Adds a workspace administrator. The password comes from
                                      ADMIN_PASSWORD if set, otherwise one is made and printed.
  set-password --username NAME        Gives an account a new password, the same way; its
                                      sessions end.
  publish-content --file FILE [--note NOTE]
                                      Publishes the reference content in FILE (JSON), checked
                                      against the app's schema first, as a new content version
                                      in the store (NOTE says what changed).`

class UsageError extends Error {}

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' }, urn: { type: 'string' }, phase: { type: 'string' }, 'seip-area': { type: 'string' },
      setting: { type: 'string' }, device: { type: 'string' }, username: { type: 'string' }, file: { type: 'string' }, note: { type: 'string' },
    },
    strict: true,
  })
  const config = readConfig({ ...process.env, ADMIN_USERNAME: undefined, ADMIN_PASSWORD: undefined })
  const { store } = await openService(config)
  try {
    switch (command) {
      case 'create-setting': {
        const name = values.name?.trim()
        const phase = values.phase as SettingPhase
        const seipArea = values['seip-area']?.trim()
        if (!name || name.length > 200) throw new UsageError('--name is the setting’s name, up to 200 characters')
        if (!values.urn || !/^\d{6}$/.test(values.urn)) throw new UsageError('--urn is the setting’s 6-digit DfE URN')
        if (!SETTING_PHASES.includes(phase)) throw new UsageError(`--phase is one of ${SETTING_PHASES.join(', ')}`)
        if (phase === 'secondary' && !seipArea) throw new UsageError('A secondary setting needs --seip-area')
        const exists = new UsageError(`A setting with URN ${values.urn} exists already`)
        if ((await store.listSettings()).some((setting) => setting.urn === values.urn)) throw exists
        // The URN is unique in the store too: another administrator may add it between the check and the write.
        const { setting, code, expiresAt } = await createSetting(store, { name, urn: values.urn, phase, ...(seipArea ? { seipArea } : {}) }).catch((error: unknown) => {
          throw isUniqueViolation(error) ? exists : error
        })
        return `Created ${setting.name} (id ${setting.id}).\nEnrolment code: ${code} (valid until ${expiresAt})`
      }
      case 'new-code': {
        if (!values.setting || !(await store.listSettings()).some((setting) => setting.id === values.setting)) throw new UsageError('--setting is a setting id from list-settings')
        const { code, expiresAt } = await issueEnrolmentCode(store, values.setting)
        return `Enrolment code: ${code} (valid until ${expiresAt})`
      }
      case 'publish-content': {
        if (!values.file) throw new UsageError('--file is the content to publish, as JSON')
        if ((values.note?.length ?? 0) > 500) throw new UsageError('--note is what changed, in 500 characters or fewer')
        let candidate: unknown
        try {
          candidate = JSON.parse(readFileSync(values.file, 'utf8'))
        } catch (error) {
          throw new UsageError(`${values.file} could not be read as JSON: ${(error as Error).message}`)
        }
        const checked = checkContent(candidate)
        if (!checked.ok) throw new UsageError(`Not published: the content does not fit the app's schema:\n${checked.problems.slice(0, 20).join('\n')}`)
        const id = await store.content.publishContent(JSON.stringify(checked.content), new Date().toISOString(), { note: values.note?.trim() || `Published from ${basename(values.file)}` })
        // The store stamps each version with its own number: devices take every publish.
        const { version } = JSON.parse((await store.content.contentVersion(id))!.body) as { version: string }
        return `Published content version ${version} (version ${id} in the workspace's Content area): every instance serves it within a few seconds.`
      }
      case 'list-settings':
        return (await store.listSettings()).map((s) => `${s.id}  ${s.urn}  ${s.phase}${s.seipArea ? ` (${s.seipArea})` : ''}  ${s.name}`).join('\n') || 'No settings yet.'
      case 'list-devices':
        return (await store.listDevices()).map((d) => `${d.id}  setting ${d.settingId}  enrolled ${d.enrolledAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}`).join('\n') || 'No devices yet.'
      case 'revoke-device': {
        if (!values.device) throw new UsageError('--device is a device id from list-devices')
        return (await store.revokeDevice(values.device, new Date().toISOString())) ? `Revoked ${values.device}.` : `No active device ${values.device}.`
      }
      case 'create-admin': {
        const username = values.username?.trim()
        if (!username || !/^[\w.@-]{3,100}$/.test(username)) throw new UsageError('--username is 3 to 100 letters, digits, or . _ @ -')
        if (await store.people.officerByUsername(username)) throw new UsageError(`An account ${username} exists already`)
        const password = process.env.ADMIN_PASSWORD || randomToken(12)
        const problem = passwordProblem(password, username)
        if (problem) throw new UsageError(`ADMIN_PASSWORD: ${problem}`)
        await createAdministrator(store, username, password)
        return process.env.ADMIN_PASSWORD ? `Created administrator ${username}.` : `Created administrator ${username} with password: ${password}`
      }
      case 'set-password': {
        const admin = values.username ? await store.people.officerByUsername(values.username) : undefined
        if (!admin) throw new UsageError('--username is an existing account')
        const password = process.env.ADMIN_PASSWORD || randomToken(12)
        const problem = passwordProblem(password, admin.username)
        if (problem) throw new UsageError(`ADMIN_PASSWORD: ${problem}`)
        await store.people.setPassword(admin.id, await hashPassword(password))
        return process.env.ADMIN_PASSWORD ? `New password set for ${admin.username}.` : `New password for ${admin.username}: ${password}`
      }
      default:
        throw new UsageError(command ? `Unknown command "${command}"` : 'Name a command')
    }
  } finally {
    await store.close()
  }
}

try {
  console.log(await run(process.argv.slice(2)))
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  console.error(`${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`)
  process.exit(usage ? 2 : 1)
}
