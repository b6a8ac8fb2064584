import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from '../../src/domain/zod'
import { hashPassword, randomToken, verifyPassword } from '../secrets'
import { LastAdministratorError, ROLE_LABELS, ROLES, UsernameTakenError, type Officer, type Role } from '../store/people-store'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { passwordProblem } from './password-rules'
import { COOKIE as SESSION_COOKIE } from './session'
import { errorSummaryList, sendPage } from './views'

const USERNAME = /^[A-Za-z0-9._@-]+$/
const DISPLAY_NAME_MAX = 100

/** What each role may do, in the words the radios give as hints. */
export const ROLE_HINTS: Record<Role, string> = {
  administrator: 'Works cases, and also manages accounts, settings, thresholds and retention, and reads the audit log',
  officer: 'Works cases: records steps and contacts with schools, and reads everything',
  viewer: 'Reads submissions, cases and suspension levels, and changes nothing',
}

const addForm = form({ displayName: field(200), username: field(200), role: field(20), passwordChoice: field(20), password: field(1024) })
const roleForm = form({ role: field(20) })
const passwordForm = form({ passwordChoice: field(20), password: field(1024) })
const ownPasswordForm = form({ currentPassword: field(1024), newPassword: field(1024) })
const officerId = z.object({ id: z.string().max(100) })
type OfficerId = z.infer<typeof officerId>

/** What a confirmation banner says after a change; the address names the change, never a person. A Map: `?done=constructor` finds nothing. */
const DONE = new Map([
  ['role', 'Role changed'],
  ['disabled', 'Account disabled. Their sessions have ended.'],
  ['enabled', 'Account enabled. They can sign in again.'],
  ['password', 'Password set. Their sessions have ended: they sign in again with the new password.'],
])

type Errors = Record<string, string>
const roleOf = (value: string | undefined): Role | undefined => (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : undefined
const roleItems = (selected?: string) => ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], hint: { text: ROLE_HINTS[role] }, checked: role === selected }))

/** A password nobody chose: 20 characters from 15 random bytes, shown once. */
function generatedPassword(username: string): string {
  for (;;) {
    const password = randomToken(15)
    if (!passwordProblem(password, username)) return password
  }
}

/** The password a form asks for: typed (and checked) or generated. */
function chosenPassword(body: { passwordChoice?: string; password?: string }, username: string): { password?: string; generated?: true; errors: Errors } {
  if (body.passwordChoice === 'generate') return { password: generatedPassword(username), generated: true, errors: {} }
  if (body.passwordChoice !== 'type') return { errors: { passwordChoice: 'Select how to set the password' } }
  const password = body.password ?? ''
  const problem = passwordProblem(password, username)
  return problem ? { errors: { password: problem } } : { password, errors: {} }
}

/** Officers' accounts and roles; each officer's own password. */
export const peopleRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const people = store.people
  const at = () => now().toISOString()

  /** The change, or false when the store refuses it for leaving no active administrator (checked in its transaction, across instances). */
  const changeUnlessLastAdministrator = async (id: string, change: Parameters<typeof people.updateOfficer>[1]) => {
    try {
      await people.updateOfficer(id, change, at())
      return true
    } catch (error) {
      if (error instanceof LastAdministratorError) return false
      throw error
    }
  }

  const personPage = (reply: FastifyReply, person: Officer, self: Officer, extra: { errors?: Errors; role?: string; passwordChoice?: string; banner?: { text: string; success: boolean } } = {}, status = 200) => {
    const errors = extra.errors ?? {}
    return sendPage(
      reply,
      'people-person.njk',
      {
        title: person.displayName,
        person,
        personRoleLabel: ROLE_LABELS[person.role],
        isSelf: person.id === self.id,
        roleItems: roleItems(extra.role ?? person.role),
        passwordChoice: extra.passwordChoice,
        errors,
        errorList: errorSummaryList(errors),
        banner: extra.banner,
        backLink: { href: '/workspace/people', text: 'Back to people' },
      },
      status,
    )
  }

  /** The person an address names, or a 404 page. */
  const personOf = async (request: FastifyRequest<{ Params: OfficerId }>, reply: FastifyReply) => {
    const person = await people.officer(request.params.id)
    if (!person) await errorPage(reply, 404)
    return person
  }

  app.get('/people', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const officers = await people.listOfficers()
    return sendPage(reply, 'people.njk', {
      title: 'People',
      rows: officers.map((officer) => ({ ...officer, roleLabel: ROLE_LABELS[officer.role] })),
    })
  })

  app.get('/people/new', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    return sendPage(reply, 'people-new.njk', { title: 'Add a person', values: {}, errors: {}, roleItems: roleItems(), backLink: { href: '/workspace/people', text: 'Back to people' } })
  })

  app.post<{ Body: z.infer<typeof addForm> }>('/people/new', { schema: { body: routeSchema(addForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const displayName = (request.body.displayName ?? '').trim()
    const username = (request.body.username ?? '').trim()
    const role = roleOf(request.body.role)
    const errors: Errors = {}
    if (!displayName) errors.displayName = 'Enter the person’s name'
    else if (displayName.length > DISPLAY_NAME_MAX) errors.displayName = `Name must be ${DISPLAY_NAME_MAX} characters or fewer`
    if (!username) errors.username = 'Enter a username'
    else if (username.length < 3 || username.length > 100) errors.username = 'Username must be between 3 and 100 characters'
    else if (!USERNAME.test(username)) errors.username = 'Username must only include letters a to z, numbers, full stops, underscores, at signs and hyphens'
    else if ((await people.listOfficers()).some((officer) => officer.username.toLowerCase() === username.toLowerCase())) errors.username = 'Username is already in use: choose another'
    if (!role) errors.role = 'Select a role'
    const chosen = chosenPassword(request.body, username)
    Object.assign(errors, chosen.errors)

    const again = () =>
      sendPage(
        reply,
        'people-new.njk',
        {
          title: 'Add a person',
          // Never the password back into the page: the officer types it again.
          values: { displayName, username, passwordChoice: request.body.passwordChoice },
          errors,
          errorList: errorSummaryList(errors),
          roleItems: roleItems(request.body.role),
          backLink: { href: '/workspace/people', text: 'Back to people' },
        },
        400,
      )
    if (Object.keys(errors).length > 0) return again()

    const id = randomUUID()
    try {
      await people.createOfficer({ id, username, displayName, role: role!, passwordHash: await hashPassword(chosen.password!) }, at())
    } catch (error) {
      // Another administrator took the username a moment ago.
      if (!(error instanceof UsernameTakenError)) throw error
      errors.username = 'Username is already in use: choose another'
      return again()
    }
    await audit(request, 'Added account', username)
    return sendPage(reply, 'people-added.njk', {
      title: 'Account added',
      person: { id, username, displayName, roleLabel: ROLE_LABELS[role!] },
      generatedPassword: chosen.generated ? chosen.password : undefined,
    })
  })

  app.get<{ Params: OfficerId; Querystring: { done?: string } }>('/people/:id', { schema: { params: routeSchema(officerId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const person = await personOf(request, reply)
    if (!person) return reply
    const done = DONE.get(request.query.done ?? '')
    return personPage(reply, person, request.officer!, done ? { banner: { text: done, success: true } } : {})
  })

  app.post<{ Params: OfficerId; Body: z.infer<typeof roleForm> }>('/people/:id/role', { schema: { params: routeSchema(officerId), body: routeSchema(roleForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const person = await personOf(request, reply)
    if (!person) return reply
    const role = roleOf(request.body.role)
    if (!role) return personPage(reply, person, request.officer!, { errors: { role: 'Select a role' } }, 400)
    if (role === person.role) return reply.redirect(`/workspace/people/${person.id}`, 303)
    if (!(await changeUnlessLastAdministrator(person.id, { role }))) {
      return personPage(reply, person, request.officer!, { role, errors: { role: 'You cannot change the role of the last administrator. Give someone else the administrator role first.' } }, 400)
    }
    await audit(request, 'Changed role', person.username)
    return reply.redirect(`/workspace/people/${person.id}?done=role`, 303)
  })

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post<{ Params: OfficerId }>(`/people/:id/${action}`, { schema: { params: routeSchema(officerId), body: routeSchema(form({})) } }, async (request, reply) => {
      if (!(await requirePermission(request, reply, 'administer'))) return reply
      const person = await personOf(request, reply)
      if (!person) return reply
      if (disabled === Boolean(person.disabledAt)) return reply.redirect(`/workspace/people/${person.id}`, 303)
      if (disabled && person.id === request.officer!.id) {
        return personPage(reply, person, request.officer!, { errors: { disable: 'You cannot disable your own account' } }, 400)
      }
      // Disabling ends the account's sessions in the same transaction (the store).
      if (!(await changeUnlessLastAdministrator(person.id, { disabled }))) {
        return personPage(reply, person, request.officer!, { errors: { disable: 'You cannot disable the last administrator. Give someone else the administrator role first.' } }, 400)
      }
      await audit(request, disabled ? 'Disabled account' : 'Enabled account', person.username)
      return reply.redirect(`/workspace/people/${person.id}?done=${disabled ? 'disabled' : 'enabled'}`, 303)
    })
  }

  app.post<{ Params: OfficerId; Body: z.infer<typeof passwordForm> }>('/people/:id/password', { schema: { params: routeSchema(officerId), body: routeSchema(passwordForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const person = await personOf(request, reply)
    if (!person) return reply
    // Setting it here would end the administrator's own session mid-page: their own has its page.
    if (person.id === request.officer!.id) return reply.redirect('/workspace/account/password', 303)
    const chosen = chosenPassword(request.body, person.username)
    if (!chosen.password) return personPage(reply, person, request.officer!, { errors: chosen.errors, passwordChoice: request.body.passwordChoice }, 400)
    await people.setPassword(person.id, await hashPassword(chosen.password))
    await audit(request, 'Reset password', person.username)
    if (!chosen.generated) return reply.redirect(`/workspace/people/${person.id}?done=password`, 303)
    return sendPage(reply, 'people-password-set.njk', { title: 'Password set', person, generatedPassword: chosen.password })
  })

  // Any signed-in officer: their own password.
  app.get('/account/password', async (_request, reply) =>
    sendPage(reply, 'account-password.njk', { title: 'Change your password', errors: {}, backLink: { href: '/workspace', text: 'Back' } }),
  )

  app.post<{ Body: z.infer<typeof ownPasswordForm> }>(
    '/account/password',
    { schema: { body: routeSchema(ownPasswordForm) }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const officer = request.officer!
      const current = request.body.currentPassword ?? ''
      const next = request.body.newPassword ?? ''
      const errors: Errors = {}
      if (!current) errors.currentPassword = 'Enter your current password'
      else if (!(await verifyPassword(current, officer.passwordHash))) errors.currentPassword = 'Your current password is not right'
      const problem = passwordProblem(next, officer.username)
      if (problem) errors.newPassword = problem.replace(/^Enter a password$/, 'Enter a new password')
      else if (next === current) errors.newPassword = 'New password must be different from your current password'
      if (Object.keys(errors).length > 0) {
        return sendPage(
          reply,
          'account-password.njk',
          { title: 'Change your password', errors, errorList: errorSummaryList(errors), backLink: { href: '/workspace', text: 'Back' } },
          400,
        )
      }
      // Every session of theirs ends, this one too: they sign in again with the new password.
      await people.setPassword(officer.id, await hashPassword(next))
      await audit(request, 'Changed own password', officer.username)
      reply.clearCookie(SESSION_COOKIE, { path: '/workspace' })
      return sendPage(reply, 'account-password-changed.njk', { title: 'Your password has been changed', officer: null, navigation: [] })
    },
  )
}
