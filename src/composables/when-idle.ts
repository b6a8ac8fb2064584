/** However busy the page, the work waits no longer than this once it has loaded. */
const AT_THE_LATEST_MS = 2_000

/**
 * Runs work the first screen does not need once the page has loaded and the browser is
 * idle: a slow tablet paints the page and answers the first tap before it starts. A page
 * that is never idle still gets it (the idle lock is among it).
 */
export function whenIdle(work: () => void): void {
  const idle = () =>
    window.requestIdleCallback ? window.requestIdleCallback(work, { timeout: AT_THE_LATEST_MS }) : setTimeout(work, 1)
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}
