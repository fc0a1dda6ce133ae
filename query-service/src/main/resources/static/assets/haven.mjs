// GOV.UK Frontend's components (error summary focus, skip link, conditional reveals). Pages work without it.
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
