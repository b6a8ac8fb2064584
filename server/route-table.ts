import type { FastifyInstance, FastifySchema } from 'fastify'

export interface KnownRoute {
  method: string
  /** The route's pattern, e.g. /admin/submissions/:id. */
  url: string
  schema?: FastifySchema
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the service declares; the hostile-input test walks it, the 405 answer reads it. */
    routeTable: RouteTable
  }
}

/** Every route the service declares, gathered as each is added (Fastify's onRoute hook). */
export class RouteTable {
  readonly routes: KnownRoute[] = []
  private readonly paths = new Map<string, { pattern: RegExp; methods: Set<string> }>()

  add(route: KnownRoute): void {
    this.routes.push(route)
    // A catch-all (the app's files under /*) names no path of its own: a path only it
    // would take stays "not found" for other methods, as it always was.
    if (route.url.includes('*')) return
    let known = this.paths.get(route.url)
    if (!known) {
      const pattern = route.url
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')
      known = { pattern: new RegExp(`^${pattern}$`), methods: new Set() }
      this.paths.set(route.url, known)
    }
    known.methods.add(route.method)
  }

  /** The methods some route takes at this address (its query ignored), sorted; none when no route names it. */
  allowedMethods(url: string): string[] {
    const path = url.split('?')[0]!
    const methods = new Set<string>()
    for (const known of this.paths.values()) if (known.pattern.test(path)) for (const method of known.methods) methods.add(method)
    return [...methods].sort()
  }
}

/** Starts the table; call before any route is added. */
export function collectRoutes(app: FastifyInstance): RouteTable {
  const table = new RouteTable()
  app.decorate('routeTable', table)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.add({ method, url: route.url, schema: route.schema })
  })
  return table
}
