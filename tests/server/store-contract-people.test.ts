import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeStore } from '../../server/store/intake-store'
import { UsernameTakenError, type Role } from '../../server/store/people-store'
import { STORES } from './stores'

const AT = '2026-11-17T10:00:00.000Z'
const LATER = '2026-11-18T09:00:00.000Z'
type Change = Parameters<IntakeStore['people']['updateOfficer']>[1]

const LAST_ADMINISTRATOR = 'The last active administrator cannot be disabled or lose the role'

/** Epoch milliseconds the tests pass as "now": sessions never read the clock themselves. */
const T0 = Date.parse(AT)
const MINUTE = 60_000
const IDLE = 30 * MINUTE
const DAY = 24 * 60 * MINUTE

describe.each(STORES)('$name store: people', ({ open, openTwo }) => {
  const opened: IntakeStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  const openOne = async () => {
    const store = await open()
    opened.push(store)
    return store
  }
  const openPair = async () => {
    const pair = await openTwo()
    opened.push(...pair)
    return pair
  }

  const add = (store: IntakeStore, id: string, username: string, role: Role = 'officer', displayName = `Display ${username}`, at = AT) =>
    store.people.createOfficer({ id, username, displayName, role, passwordHash: `hash-${id}` }, at)

  describe('accounts', () => {
    it('creates an officer and finds them by id and by username in any case', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'Jo.Bloggs', 'viewer', 'Jo Bloggs')
      const jo = { id: 'o-1', username: 'Jo.Bloggs', displayName: 'Jo Bloggs', role: 'viewer', passwordHash: 'hash-o-1', createdAt: AT }
      expect(await store.people.officer('o-1')).toEqual(jo)
      expect(await store.people.officerByUsername('Jo.Bloggs')).toEqual(jo)
      expect(await store.people.officerByUsername('jo.bloggs')).toEqual(jo)
      expect(await store.people.officerByUsername('JO.BLOGGS')).toEqual(jo)
      expect(await store.people.officerByUsername('jo.blogg')).toBeUndefined()
      expect(await store.people.officerByUsername('jo_bloggs')).toBeUndefined()
      expect(await store.people.officer('o-2')).toBeUndefined()
    })

    it('refuses a username already taken in another case, as UsernameTakenError', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo.bloggs')
      await expect(add(store, 'o-2', 'JO.Bloggs')).rejects.toBeInstanceOf(UsernameTakenError)
      expect(await store.people.countOfficers()).toBe(1)
      expect(await store.people.officer('o-2')).toBeUndefined()
    })

    it('takes one of two accounts added at once, on two instances, under the same username in different cases', async () => {
      const [first, second] = await openPair()
      const results = await Promise.allSettled([add(first, 'o-1', 'sam.smith'), add(second, 'o-2', 'Sam.Smith')])
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(UsernameTakenError) })
      expect(await first.people.countOfficers()).toBe(1)
    })

    it('lists officers by display name then username, byte by byte (capitals first)', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'zed', 'officer', 'alex')
      await add(store, 'o-2', 'bea2', 'officer', 'Bea')
      await add(store, 'o-3', 'bea1', 'officer', 'Bea')
      await add(store, 'o-4', 'ann', 'officer', 'Ann')
      expect((await store.people.listOfficers()).map((officer) => officer.username)).toEqual(['ann', 'bea1', 'bea2', 'zed'])
      expect(await (await openOne()).people.listOfficers()).toEqual([])
    })

    it('counts officers, and active administrators only', async () => {
      const store = await openOne()
      expect(await store.people.countOfficers()).toBe(0)
      expect(await store.people.countAdministrators()).toBe(0)
      await add(store, 'a-1', 'admin.one', 'administrator')
      await add(store, 'a-2', 'admin.two', 'administrator')
      await add(store, 'o-1', 'officer.one', 'officer')
      await add(store, 'v-1', 'viewer.one', 'viewer')
      expect(await store.people.countOfficers()).toBe(4)
      expect(await store.people.countAdministrators()).toBe(2)
      await store.people.updateOfficer('a-2', { disabled: true }, LATER)
      expect(await store.people.countAdministrators()).toBe(1)
      expect(await store.people.countOfficers()).toBe(4)
    })
  })

  describe('changing an account', () => {
    it('changes the name, the role, or whether it is disabled, only what is given; false for no such officer', async () => {
      const store = await openOne()
      await add(store, 'a-1', 'admin.one', 'administrator')
      await add(store, 'o-1', 'jo', 'officer', 'Jo')
      expect(await store.people.updateOfficer('o-1', { displayName: 'Joanna' }, LATER)).toBe(true)
      expect(await store.people.officer('o-1')).toMatchObject({ displayName: 'Joanna', role: 'officer' })
      expect((await store.people.officer('o-1'))!.disabledAt).toBeUndefined()

      expect(await store.people.updateOfficer('o-1', { role: 'viewer' }, LATER)).toBe(true)
      expect(await store.people.officer('o-1')).toMatchObject({ displayName: 'Joanna', role: 'viewer' })

      expect(await store.people.updateOfficer('o-1', { disabled: true }, LATER)).toBe(true)
      expect(await store.people.officer('o-1')).toMatchObject({ displayName: 'Joanna', role: 'viewer', disabledAt: LATER })
      // A change that says nothing of disabling leaves it as it is.
      expect(await store.people.updateOfficer('o-1', { displayName: 'Jo' }, AT)).toBe(true)
      expect(await store.people.officer('o-1')).toMatchObject({ displayName: 'Jo', disabledAt: LATER })

      expect(await store.people.updateOfficer('o-1', { disabled: false }, AT)).toBe(true)
      expect((await store.people.officer('o-1'))!.disabledAt).toBeUndefined()

      expect(await store.people.updateOfficer('nobody', { displayName: 'X' }, AT)).toBe(false)
      expect(await store.people.updateOfficer('nobody', { disabled: true }, AT)).toBe(false)
    })

    it('never leaves no active administrator: the last one can be renamed, not disabled or given another role', async () => {
      const store = await openOne()
      await add(store, 'a-1', 'admin.one', 'administrator')
      await add(store, 'a-2', 'admin.two', 'administrator')
      expect(await store.people.updateOfficer('a-2', { disabled: true }, LATER)).toBe(true)
      await expect(store.people.updateOfficer('a-1', { role: 'officer' }, LATER)).rejects.toThrow(LAST_ADMINISTRATOR)
      await expect(store.people.updateOfficer('a-1', { disabled: true }, LATER)).rejects.toThrow(LAST_ADMINISTRATOR)
      await expect(store.people.updateOfficer('a-1', { displayName: 'Renamed', role: 'viewer' }, LATER)).rejects.toThrow(LAST_ADMINISTRATOR)
      // Nothing of a refused change is kept.
      expect(await store.people.officer('a-1')).toMatchObject({ displayName: 'Display admin.one', role: 'administrator' })
      expect((await store.people.officer('a-1'))!.disabledAt).toBeUndefined()
      expect(await store.people.updateOfficer('a-1', { displayName: 'Renamed', role: 'administrator', disabled: false }, LATER)).toBe(true)
      // A disabled administrator is not counted, and may itself be changed.
      expect(await store.people.updateOfficer('a-2', { role: 'viewer' }, LATER)).toBe(true)
      expect(await store.people.countAdministrators()).toBe(1)
    })

    it('keeps one active administrator when two instances each take one of the last two away at once', async () => {
      const [first, second] = await openPair()
      await add(first, 'a-1', 'admin.one', 'administrator')
      await add(first, 'a-2', 'admin.two', 'administrator')
      await add(first, 'a-3', 'admin.three', 'administrator')
      await first.people.updateOfficer('a-3', { disabled: true }, AT)
      const pairs: [Change, Change][] = [
        [{ role: 'officer' }, { role: 'viewer' }],
        [{ disabled: true }, { disabled: true }],
        [{ role: 'officer' }, { disabled: true }],
      ]
      for (const [one, two] of pairs) {
        const results = await Promise.allSettled([first.people.updateOfficer('a-1', one, LATER), second.people.updateOfficer('a-2', two, LATER)])
        expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
        expect(await first.people.countAdministrators()).toBe(1)
        // Back to two active administrators for the next pair.
        await first.people.updateOfficer('a-1', { role: 'administrator', disabled: false }, LATER)
        await first.people.updateOfficer('a-2', { role: 'administrator', disabled: false }, LATER)
      }
    })

    it('sets a new password hash', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.setPassword('o-1', 'new-hash')
      expect((await store.people.officer('o-1'))!.passwordHash).toBe('new-hash')
      await store.people.setPassword('nobody', 'other-hash')
      expect(await store.people.officer('nobody')).toBeUndefined()
    })
  })

  describe('sessions', () => {
    it('gives the officer of a live session', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.createSession('token-1', 'o-1', T0, T0 + DAY)
      expect(await store.people.useSession('token-1', T0 + MINUTE, IDLE)).toMatchObject({ id: 'o-1', username: 'jo' })
      expect(await store.people.useSession('unknown', T0 + MINUTE, IDLE)).toBeUndefined()
    })

    it('ends a session at its expiry, and deletes it', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.createSession('token-1', 'o-1', T0, T0 + 10 * MINUTE)
      expect(await store.people.useSession('token-1', T0 + 10 * MINUTE - 1, IDLE)).toMatchObject({ id: 'o-1' })
      expect(await store.people.useSession('token-1', T0 + 10 * MINUTE, IDLE)).toBeUndefined()
      // Gone, not just refused: even an earlier clock finds nothing.
      expect(await store.people.useSession('token-1', T0 + MINUTE, IDLE)).toBeUndefined()
    })

    it('ends a session idle for the idle time or more, and deletes it', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.createSession('token-1', 'o-1', T0, T0 + DAY)
      expect(await store.people.useSession('token-1', T0 + IDLE - 1, IDLE)).toMatchObject({ id: 'o-1' })
      // That use moved the last use on: idle is counted from it.
      expect(await store.people.useSession('token-1', T0 + 2 * IDLE - 2, IDLE)).toMatchObject({ id: 'o-1' })
      expect(await store.people.useSession('token-1', T0 + 3 * IDLE - 2, IDLE)).toBeUndefined()
      expect(await store.people.useSession('token-1', T0 + 2 * IDLE, IDLE)).toBeUndefined()
    })

    it('writes the last use at most once a minute', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      const idle = 2 * MINUTE
      await store.people.createSession('token-1', 'o-1', T0, T0 + DAY)
      // 59.999 seconds after the last write: not written, so idle still runs from T0.
      expect(await store.people.useSession('token-1', T0 + MINUTE - 1, idle)).toMatchObject({ id: 'o-1' })
      expect(await store.people.useSession('token-1', T0 + idle, idle)).toBeUndefined()

      await store.people.createSession('token-2', 'o-1', T0, T0 + DAY)
      // A minute after: written.
      expect(await store.people.useSession('token-2', T0 + MINUTE, idle)).toMatchObject({ id: 'o-1' })
      // Idle for longer than that since T0, not since the use written.
      expect(await store.people.useSession('token-2', T0 + MINUTE + idle - 1, idle)).toMatchObject({ id: 'o-1' })
    })

    it('gives no officer for a disabled account, and disabling ends its sessions for good', async () => {
      const store = await openOne()
      await add(store, 'a-1', 'admin.one', 'administrator')
      await add(store, 'o-1', 'jo')
      await add(store, 'o-2', 'sam')
      await store.people.createSession('jo-1', 'o-1', T0, T0 + DAY)
      await store.people.createSession('jo-2', 'o-1', T0, T0 + DAY)
      await store.people.createSession('sam-1', 'o-2', T0, T0 + DAY)
      await store.people.updateOfficer('o-1', { disabled: true }, LATER)
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      await store.people.updateOfficer('o-1', { disabled: false }, LATER)
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      expect(await store.people.useSession('jo-2', T0 + MINUTE, IDLE)).toBeUndefined()
      expect(await store.people.useSession('sam-1', T0 + MINUTE, IDLE)).toMatchObject({ id: 'o-2' })
    })

    it('refuses, and deletes, a session of an account disabled when it is used', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.updateOfficer('o-1', { disabled: true }, LATER)
      await store.people.createSession('jo-1', 'o-1', T0, T0 + DAY)
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      await store.people.updateOfficer('o-1', { disabled: false }, LATER)
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      // A role change is not disabling: the session lives on, with the new role.
      await store.people.createSession('jo-2', 'o-1', T0, T0 + DAY)
      expect(await store.people.updateOfficer('o-1', { role: 'viewer' }, LATER)).toBe(true)
      expect(await store.people.useSession('jo-2', T0 + MINUTE, IDLE)).toMatchObject({ id: 'o-1', role: 'viewer' })
    })

    it('ends the officer’s sessions, and only theirs, when the password is set', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await add(store, 'o-2', 'sam')
      await store.people.createSession('jo-1', 'o-1', T0, T0 + DAY)
      await store.people.createSession('sam-1', 'o-2', T0, T0 + DAY)
      await store.people.setPassword('o-1', 'new-hash')
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      expect(await store.people.useSession('sam-1', T0 + MINUTE, IDLE)).toMatchObject({ id: 'o-2' })
    })

    it('deletes one session on signing out', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.createSession('jo-1', 'o-1', T0, T0 + DAY)
      await store.people.createSession('jo-2', 'o-1', T0, T0 + DAY)
      await store.people.deleteSession('jo-1')
      await store.people.deleteSession('unknown')
      expect(await store.people.useSession('jo-1', T0 + MINUTE, IDLE)).toBeUndefined()
      expect(await store.people.useSession('jo-2', T0 + MINUTE, IDLE)).toMatchObject({ id: 'o-1' })
    })

    it('sweeps expired sessions when a new one starts', async () => {
      const store = await openOne()
      await add(store, 'o-1', 'jo')
      await store.people.createSession('old', 'o-1', T0, T0 + MINUTE)
      await store.people.createSession('kept', 'o-1', T0, T0 + DAY)
      await store.people.createSession('new', 'o-1', T0 + 2 * MINUTE, T0 + DAY)
      // Asked with a clock from before its expiry, the old session is gone all the same.
      expect(await store.people.useSession('old', T0 + 1, IDLE)).toBeUndefined()
      expect(await store.people.useSession('kept', T0 + 1, IDLE)).toMatchObject({ id: 'o-1' })
      expect(await store.people.useSession('new', T0 + 3 * MINUTE, IDLE)).toMatchObject({ id: 'o-1' })
    })

    it('serves one session used on two instances at once, and starts sessions on both at once', async () => {
      const [first, second] = await openPair()
      await add(first, 'o-1', 'jo')
      await first.people.createSession('old', 'o-1', T0, T0 + 1)
      await Promise.all([
        first.people.createSession('a', 'o-1', T0 + MINUTE, T0 + DAY),
        second.people.createSession('b', 'o-1', T0 + MINUTE, T0 + DAY),
      ])
      const uses = await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => first.people.useSession('a', T0 + (2 + i) * MINUTE, IDLE)),
        ...Array.from({ length: 5 }, (_, i) => second.people.useSession('a', T0 + (2 + i) * MINUTE, IDLE)),
      ])
      expect(uses.every((officer) => officer?.id === 'o-1')).toBe(true)
      expect(await second.people.useSession('b', T0 + 2 * MINUTE, IDLE)).toMatchObject({ id: 'o-1' })
    })
  })
})
