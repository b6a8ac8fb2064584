import { describe, expect, it } from 'vitest'
import type { OutboxRow, Receipt } from '../../../src/db/database'
import { describeReceipt, describeWaiting } from '../../../src/pages/outbox/describe'

const HOUR = 60 * 60 * 1000
const row = (changes: Partial<OutboxRow>): OutboxRow => ({
  id: 'o', kind: 'forum-case', label: 'Forum case', profileId: 'p', state: 'waiting', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0, ...changes,
})

describe('describeWaiting', () => {
  it('says a fresh submission will go when the device is online', () => {
    expect(describeWaiting(row({}), false, HOUR)).toEqual({ state: 'Waiting to send', advice: 'It will be sent as soon as the device is online.', overdue: false })
  })

  it('highlights one waiting more than a day, with what to do', () => {
    const described = describeWaiting(row({}), false, 25 * HOUR)
    expect(described.overdue).toBe(true)
    expect(described.advice).toMatch(/^Waiting for more than a day\..*phone the Inclusion Service\.$/)
  })

  it('gives the service’s reason for one that needs attention', () => {
    const described = describeWaiting(row({ state: 'attention', problem: { status: 422, title: 'The submission is not valid', detail: 'reasons.codes: At least one reason' } }), false, HOUR)
    expect(described.state).toBe('Needs attention')
    expect(described.advice).toContain('The submission is not valid. reasons.codes: At least one reason')
  })

  it('asks for enrolment, and explains a revoked device', () => {
    expect(describeWaiting(row({ state: 'needs-enrolment' }), false, HOUR).state).toBe('Waiting: enrol this device to send')
    expect(describeWaiting(row({}), true, HOUR).advice).toContain('revoked')
  })
})

describe('describeReceipt', () => {
  const receipt = (changes: Partial<Receipt>): Receipt => ({ id: 'r', kind: 'forum-case', label: 'L', profileId: 'p', reference: 'IC-000001', sentAt: 0, status: 'received', purgeAt: 0, purged: false, ...changes })
  it.each([
    [{}, 'Received by the Inclusion Service'],
    [{ status: 'forum-date-set', forumDate: '2026-12-03' }, 'Forum date set: 3 December 2026'],
    [{ status: 'plan-issued' }, 'Education plan issued'],
    [{ status: 'outcome-recorded', outcome: 'Upheld' }, 'Outcome recorded: Upheld'],
  ])('%o → %s', (changes, text) => {
    expect(describeReceipt(receipt(changes))).toBe(text)
  })
})
