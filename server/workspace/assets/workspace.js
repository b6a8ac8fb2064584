// Progressive enhancement only: every page works without it. GOV.UK Frontend's components
// (error summary focus, the service navigation's menu button on small screens, …).
import { initAll } from '/workspace/assets/govuk-frontend.min.js'

initAll()
