/**
 * Runs work the first screen does not need once the page has loaded and the browser is
 * idle: a slow tablet paints the page and answers the first tap before it starts.
 */
export function whenIdle(work: () => void): void {
  const idle = () => (window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1)))(work)
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}
