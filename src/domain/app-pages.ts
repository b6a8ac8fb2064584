/**
 * Where the built app keeps its pages (dist/): the build writes them (scripts/prerender.ts),
 * the intake service serves them and the service worker precaches them.
 */

import { FORUM_IDS } from './forums'

/**
 * The pages built into HTML at build time, so that their content is in the first response,
 * online or offline: every page whose content is the bundled content rather than what this
 * device holds.
 */
export const PRERENDERED_PATHS = ['/', '/forums', ...FORUM_IDS.map((id) => `/forums/${id}`), '/which-forum', '/directory', '/exclusions']

/** The empty app, for every address that has no prerendered page (pages with personal data). */
export const SHELL_FILE = 'shell.html'

/**
 * The file of a prerendered page: '/' is index.html, '/forums/primary' forums/primary.html.
 * Workbox maps addresses to files the same way (its cleanURLs and directoryIndex).
 */
export function prerenderedFile(path: string): string {
  return path === '/' ? 'index.html' : `${path.slice(1)}.html`
}
