/**
 * Submissions per enrolled device per minute, counted after the device has proved who it is
 * (the per-IP limit counts before, so made-up tokens cannot dodge both).
 */
export class DeviceRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait, or 0 when the request may go ahead. */
  take(deviceId: string, now = Date.now()): number {
    const window = this.windows.get(deviceId)
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear()
      this.windows.set(deviceId, { start: now, count: 1 })
      return 0
    }
    window.count++
    return window.count > this.perMinute ? Math.ceil((window.start + 60_000 - now) / 1000) : 0
  }
}
