import { useSSRContext, watchEffect } from 'vue'

/** The app's name, last in every page title. */
const SERVICE_NAME = 'Inclusion Companion'

/** A page's title as the browser shows and keeps it in history: never anything personal. */
export function pageTitle(title: string): string {
  return title === 'Home' ? SERVICE_NAME : `${title} – ${SERVICE_NAME}`
}

/** Sets the document title, with GOV.UK's "Error: " first while the page shows errors. */
export function setPageTitle(title: string, hasErrors = false): void {
  document.title = (hasErrors ? 'Error: ' : '') + pageTitle(title)
}

/**
 * For a page whose title comes from its content (a forum's name): the browser's title
 * follows it, and a page prerendered at build time is built with it.
 */
export function usePageTitle(title: () => string): void {
  if (import.meta.env.SSR) {
    useSSRContext<{ title?: string }>()!.title = title()
    return
  }
  watchEffect(() => setPageTitle(title()))
}
