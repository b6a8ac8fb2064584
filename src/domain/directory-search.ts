import type { Service } from './content-schema'
import type { Need } from './needs'

/**
 * Instant search over the signposting directory: every word typed must match a word in the
 * service's name, offer, audience, topics, notes or phone numbers (the start of it, or a
 * near form: "exclusions" finds "exclusion", "autistic" finds "autism"). A filter by need
 * keeps services tagged with any of the chosen needs. Name matches rank first.
 */
export function searchServices(services: readonly Service[], query: string, needs: readonly Need[] = []): Service[] {
  const terms = words(query)
  const scored: { service: Service; score: number; index: number }[] = []
  services.forEach((service, index) => {
    if (needs.length > 0 && !service.needs.some((need) => needs.includes(need))) return
    const score = matchScore(service, terms)
    if (score > 0) scored.push({ service, score, index })
  })
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map(({ service }) => service)
}

/** Each service's words, worked out once rather than on every keystroke. */
const wordsByService = new WeakMap<Service, { nameWords: string[]; otherWords: string[] }>()

function wordsOf(service: Service): { nameWords: string[]; otherWords: string[] } {
  let found = wordsByService.get(service)
  if (!found) {
    const phones = service.phones.flatMap((phone) => [phone.number, phone.number.replace(/\s+/g, '')])
    found = { nameWords: words(service.name), otherWords: words([service.offers, service.audience ?? '', ...service.topics, ...service.notes, ...phones].join(' ')) }
    wordsByService.set(service, found)
  }
  return found
}

function matchScore(service: Service, terms: string[]): number {
  if (terms.length === 0) return 1
  const { nameWords, otherWords } = wordsOf(service)
  let score = 0
  for (const term of terms) {
    if (nameWords.some((word) => matches(word, term))) score += 3
    else if (otherWords.some((word) => matches(word, term))) score += 1
    else return 0
  }
  return score
}

/** Near forms share a stem of five letters or more, differing only in the last few letters typed. */
const STEM = 5
const ENDING = 3

function matches(word: string, term: string): boolean {
  if (word.startsWith(term)) return true
  let shared = 0
  while (shared < word.length && shared < term.length && word[shared] === term[shared]) shared++
  return shared >= STEM && shared >= term.length - ENDING
}

/** Lower case, accents and punctuation dropped, so "SENA", "séna" and "sena," all match. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}
