// Progressive enhancement only: every page works without it. GOV.UK Frontend's components
// (error summary focus, conditional questions, the service navigation's menu button, …).
import { initAll } from '/workspace/assets/govuk-frontend.min.js'

initAll()

// GOV.UK Frontend marks a radio that reveals a further question with aria-expanded, which
// ARIA 1.2 does not allow on a radio (its known issue 979): we take it off each time the
// radios sync. The revealed question follows its radio, so it is still met in order.
const dropExpanded = () => {
  for (const radio of document.querySelectorAll('input[type="radio"][aria-expanded]')) radio.removeAttribute('aria-expanded')
}
dropExpanded()
document.addEventListener('click', dropExpanded)
window.addEventListener('pageshow', dropExpanded)

// The session ends after a time without a request, and typing makes none: while the officer
// types, the page tells the service now and then, so a long note is never lost to the
// idle timeout (which is at least 5 minutes).
const KEEP_ALIVE_MS = 2 * 60 * 1000
let lastKeptAlive = Date.now()
document.addEventListener('input', () => {
  if (Date.now() - lastKeptAlive < KEEP_ALIVE_MS) return
  lastKeptAlive = Date.now()
  fetch('/workspace/session', { credentials: 'same-origin', cache: 'no-store' }).catch(() => {})
})
