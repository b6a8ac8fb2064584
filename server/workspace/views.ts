import { fileURLToPath } from 'node:url'
import fastifyView from '@fastify/view'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import nunjucks from 'nunjucks'
import { parseIsoDate } from '../../src/domain/dates'

const VIEWS = fileURLToPath(new URL('./views', import.meta.url))
// GOV.UK Frontend's own template and component macros: `{% from "govuk/components/…/macro.njk" … %}`.
const GOVUK = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist', import.meta.url))

// With the weekday: an officer plans the week by it.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })

/** "Wednesday 9 December 2026" from an ISO date; anything else as it is. */
export function longDate(iso: unknown): string {
  const date = typeof iso === 'string' ? parseIsoDate(iso.slice(0, 10)) : undefined
  return date ? LONG_DATE.format(new Date(Date.UTC(date.year, date.month - 1, date.day))).replace(',', '') : String(iso ?? '')
}

/** "9 December 2026 at 14:05" in UK time from an ISO date-time. */
export function dateTime(iso: unknown): string {
  const date = typeof iso === 'string' ? new Date(iso) : undefined
  return date && !Number.isNaN(date.getTime()) ? LONDON_TIME.format(date).replace(', ', ' at ') : String(iso ?? '')
}

/**
 * Nunjucks through @fastify/view, autoescaping everything: a value reaches the page as text
 * unless a template marks it safe, which ours never do with anything a person typed.
 */
export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [VIEWS, GOVUK],
    production: true,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('longDate', longDate)
        env.addFilter('dateTime', dateTime)
      },
    },
  })
}

/** A page: never cached, since it may hold personal data. */
export async function sendPage(reply: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
  return reply.code(status).header('Cache-Control', 'no-store').view(template, data)
}

/** GOV.UK error summary items from messages by field id: each links to its field (`#id`). */
/**
 * The confirmation a page shows after a change redirected to it with `?done=`: looked up in
 * a Map, so that `?done=constructor` (or a repeated `done`) finds nothing.
 */
export function doneMessage(request: FastifyRequest, messages: ReadonlyMap<string, string>): string | undefined {
  const done = (request.query as Record<string, unknown> | undefined)?.done
  return typeof done === 'string' ? messages.get(done) : undefined
}

export function errorSummaryList(errors: Record<string, string>): { text: string; href: string }[] {
  return Object.entries(errors).map(([id, text]) => ({ text, href: `#${id}` }))
}
