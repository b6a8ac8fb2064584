import type { Content } from '../../src/domain/content-schema'
import { forumMeetingsOf, meetingDay } from '../../src/domain/forum-meetings'
import type { IntakeStore } from '../store/intake-store'

const cases = (count: number) => (count === 1 ? '1 case is' : `${count} cases are`)

/**
 * Why `next` cannot be published over the meetings cases are assigned to, or undefined: each
 * such meeting stays in it, in the same forum, with a slot for each of its cases. (Its date,
 * time and place may change: the cases follow, see followMeetings.)
 */
export function assignedMeetingsProblem(next: Content, published: Content, counts: ReadonlyMap<string, number>): string | undefined {
  const before = new Map(forumMeetingsOf(published).map((meeting) => [meeting.id, meeting]))
  const after = new Map(forumMeetingsOf(next).map((meeting) => [meeting.id, meeting]))
  for (const [id, count] of counts) {
    if (count === 0) continue
    const was = before.get(id)
    const now = after.get(id)
    const day = meetingDay((now ?? was)?.date ?? '')
    if (!now) return `${cases(count)} assigned to the meeting on ${day}: move them to another meeting before it is taken out`
    if (was && was.forum !== now.forum) return `${cases(count)} assigned to the meeting on ${day}: it must stay a meeting of the same forum`
    if (now.slots < count) return `${cases(count)} assigned to the meeting on ${day}: it needs at least ${count} slots`
  }
  return undefined
}

/** After a version is published: the forum date of each assigned case follows its meeting's date, and its device is told. */
export function followMeetings(store: IntakeStore, content: Content, at: string): Promise<number> {
  return store.meetings.followDates(forumMeetingsOf(content).map(({ id, date }) => ({ id, date })), at)
}
