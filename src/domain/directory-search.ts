import type { Service } from './content-schema'
import type { Need } from './needs'

/**
 * Instant search over the signposting directory: every word typed must start a word
 * somewhere in the service's name, offer, audience, topics or notes. A filter by need
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

function matchScore(service: Service, terms: string[]): number {
  if (terms.length === 0) return 1
  const nameWords = words(service.name)
  const otherWords = words([service.offers, service.audience, ...service.topics, ...service.notes].join(' '))
  let score = 0
  for (const term of terms) {
    if (nameWords.some((word) => word.startsWith(term))) score += 3
    else if (otherWords.some((word) => word.startsWith(term))) score += 1
    else return 0
  }
  return score
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
