/** HTML that is already safe to send: only the html tag below makes it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!)
}

type Interpolation = SafeHtml | string | number | undefined | null | false | Interpolation[]

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  if (value instanceof SafeHtml) return value.value
  return escapeHtml(String(value))
}

/** Every interpolated value is escaped unless it is SafeHtml made by this tag. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]!) : ''), ''))
}

export function page(title: string, body: SafeHtml, options: { signedIn: boolean; current?: string } = { signedIn: true }): string {
  const link = (href: string, label: string) =>
    html`<li><a href="${href}" ${options.current === href ? new SafeHtml('aria-current="page"') : ''}>${label}</a></li>`
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} – Inclusion Service inbox</title>
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="header"><div class="width">
<span class="service">Inclusion Service inbox</span>
${options.signedIn
  ? html`<nav aria-label="Menu"><ul>${link('/admin', 'Submissions')}${link('/admin/suspensions', 'Suspension counts')}</ul></nav>
<form method="post" action="/admin/logout" class="sign-out"><button type="submit" class="button secondary">Sign out</button></form>`
  : ''}
</div></header>
<main id="main" class="width" tabindex="-1">
${body}
</main>
</body>
</html>`.value
}

export function errorSummary(errors: { href: string; message: string }[]): SafeHtml {
  if (errors.length === 0) return html``
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><ul>${errors.map(
    (error) => html`<li><a href="${error.href}">${error.message}</a></li>`,
  )}</ul></div>`
}
