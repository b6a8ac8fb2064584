import { meetingDay, meetingPlace, meetingTime, NEXT_MEETING, NO_PREFERENCE, preferredMeetingSent, upcomingMeetings } from '../../domain/forum-meetings'
import { computed, ref, type Ref } from 'vue'
import { localToday } from '../../domain/dates'
import type { ForumCaseDraft } from '../../domain/forum-case'
import { useContentStore } from '../../stores/content'

/**
 * The forum meeting a setting would like its case to go to. Asked on check your answers, as the
 * case is sent, from the meetings published then: one chosen while the case was being written
 * could have passed by now. Kept in the draft, so encrypted like every answer; read offline from
 * the content on the device.
 */
export function usePreferredMeeting(draft: Ref<ForumCaseDraft | undefined>, forumName: Ref<string | undefined>) {
  const content = useContentStore()
  const preference = computed({
    get: () => draft.value?.preferredMeeting ?? NO_PREFERENCE,
    set: (choice: string) => {
      if (draft.value) draft.value.preferredMeeting = choice
    },
  })
  // The case pages are not prerendered: the device's date is known from the start; `check` takes it again.
  const today = ref(localToday(new Date()))
  const meetings = computed(() => content.content?.forumMeetings)
  const upcoming = computed(() => (draft.value?.forum ? upcomingMeetings(meetings.value, draft.value.forum, today.value) : []))

  const options = computed(() => [
    { value: NO_PREFERENCE, label: 'No preference' },
    { value: NEXT_MEETING, label: 'The next meeting' },
    ...upcoming.value.map((meeting) => ({
      value: meeting.id,
      label: `${meetingDay(meeting.date)}, ${meetingTime(meeting)}`,
      hint: [meeting.area, meetingPlace(meeting)].filter(Boolean).join(' – '),
    })),
  ])
  const confirms = 'The Inclusion Service confirms the meeting your case will be discussed at.'
  const hint = computed(() => (upcoming.value.length > 0 ? confirms : `No meetings of the ${forumName.value ?? 'forum'} have been published yet. ${confirms}`))

  const sent = () => preferredMeetingSent(preference.value, meetings.value, draft.value?.forum ?? '', today.value)
  const checked = ref(false)
  /** Beside the question once Submit has found a problem with it, re-checked as the user chooses again. */
  const error = computed(() => {
    const result = checked.value ? sent() : undefined
    return result && !result.ok ? result.message : undefined
  })

  /** On Submit: what the payload carries (nothing for no preference), or why the choice cannot be sent. */
  function check() {
    today.value = localToday(new Date())
    checked.value = true
    return sent()
  }

  /** The choice as the whole case (and its print) reads it. */
  const text = computed(() => {
    if (preference.value === NO_PREFERENCE) return 'No preference'
    if (preference.value === NEXT_MEETING) return 'The next meeting'
    const meeting = meetings.value?.find((each) => each.id === preference.value)
    return meeting ? `${meetingDay(meeting.date)}, ${meetingTime(meeting)}, ${meetingPlace(meeting)}` : 'A meeting no longer published'
  })

  return { preference, options, hint, error, text, check }
}
