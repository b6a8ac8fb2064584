import type { AppDatabase } from '../db/database'

/**
 * How long a sent submission's details stay on the device (its receipt stays): the device
 * setting, read by the settings page and by every flusher, the service worker's included.
 */
export const RETENTION_DAYS_KEY = 'retentionDays'
export const RETENTION_DAYS_CHOICES = [7, 30, 90] as const
export const DEFAULT_RETENTION_DAYS = 30

const DAY_MS = 24 * 60 * 60 * 1000

export function isRetentionDays(days: unknown): days is number {
  return typeof days === 'number' && (RETENTION_DAYS_CHOICES as readonly number[]).includes(days)
}

/** The chosen retention, or the default until one is chosen. */
export async function readRetentionDays(db: AppDatabase): Promise<number> {
  const stored = (await db.settings.get(RETENTION_DAYS_KEY))?.value
  return isRetentionDays(stored) ? stored : DEFAULT_RETENTION_DAYS
}

export async function writeRetentionDays(db: AppDatabase, days: number): Promise<void> {
  if (!isRetentionDays(days)) throw new Error(`Retention must be one of ${RETENTION_DAYS_CHOICES.join(', ')} days`)
  await db.settings.put({ key: RETENTION_DAYS_KEY, value: days })
}

/** When the details of a submission sent at `sentAt` are deleted from the device, keeping them `retentionDays`. */
export function purgeTimeAfter(sentAt: number, retentionDays: number): number {
  return sentAt + retentionDays * DAY_MS
}
