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
