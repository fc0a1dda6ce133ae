// GOV.UK Frontend's components (error summary focus, skip link, conditional reveals). Pages work without it.
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// a page the person is given on paper (a report recorded for them): printed from a button once scripts run
for (const button of document.querySelectorAll('[data-haven-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
