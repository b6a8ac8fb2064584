/**
 * Runs work in a task of its own once the browser has painted the next frame: what the
 * user asked for shows first, and what follows it does not delay that paint. The callback
 * of requestAnimationFrame runs just before the paint; a task it queues runs after it.
 */
export function afterNextPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work))
}
