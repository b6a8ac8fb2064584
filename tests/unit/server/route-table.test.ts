import { describe, expect, it } from 'vitest'
import { RouteTable } from '../../../server/route-table'

describe('the route table', () => {
  const table = new RouteTable()
  for (const [method, url] of [
    ['GET', '/api/health'], ['HEAD', '/api/health'], ['POST', '/admin/submissions/:id/outcome'],
    ['GET', '/admin/submissions/:id'], ['GET', '/*'], ['HEAD', '/*'],
  ] as const) table.add({ method, url })

  it('gives the methods taken at a path, its query ignored', () => {
    expect(table.allowedMethods('/api/health?x=1')).toEqual(['GET', 'HEAD'])
    expect(table.allowedMethods('/admin/submissions/12/outcome')).toEqual(['POST'])
    expect(table.allowedMethods('/admin/submissions/12')).toEqual(['GET'])
  })

  it('names no methods for a path only the catch-all takes, or one a parameter cannot span', () => {
    expect(table.allowedMethods('/forums/primary')).toEqual([])
    expect(table.allowedMethods('/admin/submissions/1/2')).toEqual([])
    expect(table.allowedMethods('/api/health/')).toEqual([])
  })

  it('lists every route added, the catch-all included', () => {
    expect(table.routes.map((route) => `${route.method} ${route.url}`)).toContain('GET /*')
  })
})
