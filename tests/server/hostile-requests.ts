import type { KnownRoute } from '../../server/route-table'
import type { RawRequest } from './raw-http'

/**
 * Malformed and hostile requests, built from fixed tables for every route the running
 * service declares (so a new route is covered without touching this file). Nothing here
 * is random: the same routes give the same requests, and shuffled() a seeded order.
 */
export interface HostileRequest extends RawRequest {
  /** What it was made for: a route (`POST /workspace/sign-in`), `/workspace (other methods)`, or `odd path`. */
  route: string
  /** Sent with an enrolled device's token and a signed-in administrator's session with its CSRF token. */
  signedIn: boolean
  label: string
}

/** Fields the service reads from bodies, with a value of the right type and shape. */
const VALID_FIELDS: Record<string, unknown> = {
  username: 'inbox',
  password: 'not the password',
  forumDate: '2026-12-01',
  'forumDate-day': '3',
  'forumDate-month': '12',
  'forumDate-year': '2026',
  outcome: 'Noted',
  pupilName: 'Sam Pupil',
  nameMatch: 'exact',
  code: 'ABCD-EFGH-JKMN',
  kind: 'suspension',
  dependsOn: '00000000-0000-4000-8000-000000000000',
  sealed: { ciphertext: 'x', iv: 'y' },
}

/** Values a field should not have, or should have only within bounds, as JSON text. */
const WRONG_VALUES: [string, string][] = [
  ['zero', '0'],
  ['negative', '-1'],
  ['huge number', '1e308'],
  ['overflowing number', '1e999'],
  ['true', 'true'],
  ['null', 'null'],
  ['empty array', '[]'],
  ['array', '["2026-12-01"]'],
  ['nested array', '[["2026-12-01"]]'],
  ['object', '{"a":"b"}'],
  ['empty string', '""'],
  ['NUL', '"\\u0000"'],
  ['long string', JSON.stringify('x'.repeat(100_000))],
  ['markup', '"<script>alert(1)</script>"'],
]

const deep = (open: string, inner: string, close: string, depth: number) => open.repeat(depth) + inner + close.repeat(depth)

/** Whole bodies of the wrong shape, sent as application/json. */
const JSON_BODIES: [string, string | Buffer][] = [
  ['null', 'null'],
  ['true', 'true'],
  ['number', '0'],
  ['overflowing number', '1e999'],
  ['string where an object is expected', '"username"'],
  ['empty array', '[]'],
  ['array of objects', '[{"username":"inbox","password":"x"}]'],
  ['nested arrays', '[[[["2026-12-01"]]]]'],
  ['deeply nested arrays', deep('[', '', ']', 10_000)],
  ['deeply nested objects', deep('{"a":', '{}', '}', 10_000)],
  ['huge array', `[${'0,'.repeat(100_000)}0]`],
  ['empty object', '{}'],
  ['prototype pollution', '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'],
  ['unfinished object', '{'],
  ['missing value', '{"username":}'],
  ['unfinished array', '[1,2'],
  ['single quotes', "{'username':'inbox'}"],
  ['NaN', 'NaN'],
  ['byte order mark', '\uFEFF{}'],
  ['empty body', ''],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
]

const MULTIPART = '--XyZ\r\nContent-Disposition: form-data; name="username"\r\n\r\ninbox\r\n--XyZ\r\nContent-Disposition: form-data; name="forumDate"\r\n\r\n2026-12-01\r\n--XyZ--\r\n'
const XML = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'

/** Bodies in media types the service does not take, or takes only in one charset. */
const MEDIA_TYPE_BODIES: [string, string | undefined, string | Buffer][] = [
  ['text/plain', 'text/plain', 'username=inbox'],
  ['text/plain JSON', 'text/plain;charset=UTF-8', '{"username":"inbox","password":0}'],
  ['XML', 'application/xml', XML],
  ['multipart', 'multipart/form-data; boundary=XyZ', MULTIPART],
  ['multipart without boundary', 'multipart/form-data', MULTIPART],
  ['UTF-16 JSON', 'application/json; charset=utf-16', Buffer.from('{"code":"ABCD"}', 'utf16le')],
  ['empty media type', '', '{}'],
  ['no media type', undefined, '{"username":"inbox"}'],
  ['two media types', 'application/json, text/plain', '{}'],
  ['malformed media type', ';;;', 'x'],
  ['upper-case media type', 'APPLICATION/JSON', '{"forumDate":[["2026-12-01"]]}'],
  ['octet stream', 'application/octet-stream', Buffer.from([0, 1, 2, 3])],
  ['too large', 'application/json', `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`],
]

/**
 * The fields to try one at a time: of numbered fields alike (a form's rows, action-1-who to
 * action-30-who), the first and the last, which are read by the same code as those between.
 */
function oneOfEachKind(fields: string[]): string[] {
  const byKind = new Map<string, string[]>()
  for (const field of fields) {
    const kind = field.replace(/\d+/g, '#')
    byKind.set(kind, [...(byKind.get(kind) ?? []), field])
  }
  return [...byKind.values()].flatMap((alike) => [...new Set([alike[0]!, alike.at(-1)!])])
}

/** Form bodies the service's own forms never send; `singled` are the fields tried one at a time (oneOfEachKind). */
function formBodies(fields: string[], singled: string[], validFields: Record<string, unknown>): [string, string][] {
  const valid = (field: string) => `${field}=${encodeURIComponent(String(validFields[field] ?? 'x'))}`
  return [
    ['valid form', fields.map(valid).join('&')],
    ['every field repeated', fields.flatMap((field) => [valid(field), valid(field)]).join('&')],
    ...singled.map((field): [string, string] => [`${field} repeated`, [...fields.map(valid), valid(field)].join('&')]),
    ...singled.map((field): [string, string] => [`${field}[] brackets`, `${field}[]=a&${field}[]=b&${field}[0]=c`]),
    ['empty form', ''],
    ['broken escapes', '%zz=%E0%A4%A&username=%'],
    ['prototype names', '__proto__=x&constructor=y&toString=z&hasOwnProperty=w'],
    ['many fields', Array.from({ length: 20_000 }, (_, index) => `k${index}=1`).join('&')],
    ['long value', `${fields[0] ?? 'a'}=${'x'.repeat(200_000)}`],
    ['NUL value', fields.map((field) => `${field}=%00`).join('&')],
  ]
}

/** Methods a client may send: Fastify's own, and CONNECT. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'QUERY']
/** Every other method Node parses, some it does not, and case mistakes: all refused before authentication. */
const ODD_METHODS = [
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'REPORT',
  'PURGE', 'LINK', 'UNLINK', 'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'MKCALENDAR',
  'BREW', 'get', 'G@T', 'X'.repeat(100),
]

const HOSTILE_PARAMS = [
  '0', '-1', '1.5', '1e3', '0x10', 'abc', '99999999999999999999', '%00', '%2e%2e', '..', '.',
  '%E0%A4%A', '%F0%9F%92%A9', '%20', '1%2F2', "1'--", 'a'.repeat(101), '9'.repeat(5000),
]

const ODD_PATHS = [
  '/%00', '/api/health%00', '/api/%00/health', '/..', '/../../../etc/passwd', '/api/../workspace',
  '/workspace/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '//api//health', '/api/health/', '/API/HEALTH',
  `/${'a'.repeat(8000)}`, `/workspace/submissions/${'9'.repeat(8000)}`, '/%E0%A4%A', '/%', '/%%', '*',
  'http://127.0.0.1/api/health', 'example.com:443', '/api/health?x=%zz&x=%E0', '/api/health;jsessionid=1',
  '/.env', '/.git/config', '/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/sw.js%00.html',
  '/workspace/submissions/1/forum-date/..', '/workspace/submissions/1/../2/outcome', '/workspace/assets/../../etc/passwd', '/\u00e9t\u00e9',
]

const HOSTILE_QUERIES = [
  '?kind=suspension&kind=forum-case', '?from=2026-01-01&from=x', `?setting=${'a'.repeat(5000)}`, '?%zz=%zz&from=%E0',
  '?from=2026-02-30&to=99999-01-01', '?__proto__[x]=1&constructor[prototype][x]=1', '?kind', '?=&=&&', '?status[]=received',
  '?from=%00&to=%00', `?${Array.from({ length: 2000 }, (_, index) => `k${index}=1`).join('&')}`,
]

/** Headers to send in place of (or beside) the usual ones. */
const HOSTILE_HEADERS: [string, [string, string][]][] = [
  ['huge header', [['X-Padding', 'a'.repeat(20_000)]]],
  ['many headers', Array.from({ length: 150 }, (_, index): [string, string] => [`X-Header-${index}`, 'x'])],
  ['long bearer token', [['Authorization', `Bearer ${'a'.repeat(5000)}`]]],
  ['empty bearer token', [['Authorization', 'Bearer']]],
  ['basic credentials', [['Authorization', 'Basic aW5ib3g6cGFzc3dvcmQ=']]],
  ['long cookie', [['Cookie', `ic_workspace=${'x'.repeat(5000)}`]]],
  ['broken cookie', [['Cookie', 'ic_workspace=%zz;;;;=;ic_workspace']]],
  ['two session cookies', [['Cookie', 'ic_workspace=a; ic_workspace=b']]],
  ['forged CSRF token', [['X-CSRF-Token', 'made-up']]],
  ['null origin', [['Origin', 'null']]],
  ['malformed origin', [['Origin', 'http://[']]],
  ['another site', [['Origin', 'https://evil.example']]],
  ['malformed Idempotency-Key', [['Idempotency-Key', '../../etc/passwd']]],
  ['two Idempotency-Keys', [['Idempotency-Key', '00000000-0000-4000-8000-000000000001'], ['Idempotency-Key', '00000000-0000-4000-8000-000000000002']]],
  ['odd If-None-Match', [['If-None-Match', `*, ${'"x", '.repeat(1000)}W/"`]]],
  ['malformed Content-Length', [['Content-Length', 'abc']]],
  ['negative Content-Length', [['Content-Length', '-1']]],
  ['two Content-Lengths', [['Content-Length', '2'], ['Content-Length', '3']]],
  ['bad chunk', [['Transfer-Encoding', 'chunked']]],
  ['Expect 100-continue', [['Expect', '100-continue']]],
  ['unmeetable Expect', [['Expect', 'the-unexpected']]],
  ['Upgrade', [['Connection', 'Upgrade'], ['Upgrade', 'websocket']]],
  ['odd Accept-Encoding', [['Accept-Encoding', 'gzip;q=abc, br;q=, *;q=-1, x'.repeat(200)]]],
  ['odd X-Forwarded-For', [['X-Forwarded-For', 'garbage, ::ffff:999.1.1.1, , 1.2.3.4']]],
  ['Accept-Version', [['Accept-Version', '1.x']]],
  ['compressed body', [['Content-Encoding', 'gzip']]],
  ['odd Accept', [['Accept', '*/*;q=abc, text/html;level=%00']]],
]

/** Requests that break HTTP itself, sent byte for byte on their own connection. */
export const PROTOCOL_CASES: [string, string][] = [
  ['extra words in the request line', 'GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n'],
  ['no version', 'GET /\r\nHost: x\r\n\r\n'],
  ['unknown version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n'],
  ['wrong protocol', 'GET / HTTX/1.1\r\nHost: x\r\n\r\n'],
  ['binary noise', '\x00\x01\x02\x03\r\n\r\n'],
  ['NUL in the path', 'GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['space in the path', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n'],
  ['space before a colon', 'GET / HTTP/1.1\r\nHost : x\r\n\r\n'],
  ['folded header', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n'],
  ['bare line feeds', 'GET / HTTP/1.1\nHost: x\n\n'],
  ['no Host', 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n'],
  ['two Hosts', 'GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n'],
  ['HTTP/1.0', 'GET /api/health HTTP/1.0\r\n\r\n'],
  ['smuggling: Content-Length and chunked', 'POST /api/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /workspace HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['bad chunk size', 'POST /api/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
  ['chunk extension junk', 'POST /api/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;\x01=\x02\r\n{}\r\n0\r\n\r\n'],
  ['pipelined requests', 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nPOST /workspace/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 33\r\nConnection: close\r\n\r\n{"username":"admin","password":0}'],
  ['CONNECT to a host', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'],
  ['huge request line', `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
]

/** The concrete paths to try a route at: its own, with the test's submissions 1 (forum case) and 2 (suspension) as ids. */
function concretePaths(route: KnownRoute): string[] {
  if (route.url.includes('*')) return ['/', '/forums/primary', '/assets/index-abc123.js'].map((path) => route.url.replace(/\/\*$/, '') + path)
  if (!route.url.includes(':')) return [route.url]
  return ['1', '2'].map((id) => route.url.replace(/:[^/]+/g, id))
}

const takesBody = (method: string) => !['GET', 'HEAD'].includes(method)

const declaredBody = (route: KnownRoute) => (route.schema?.body as { properties?: Record<string, unknown> } | undefined)?.properties
const hasBodySchema = (route: KnownRoute) => declaredBody(route) !== undefined

/** A route's declared body fields, or every field the service reads where it validates in the handler. */
function bodyFields(route: KnownRoute): string[] {
  const declared = declaredBody(route)
  return declared ? Object.keys(declared) : Object.keys(VALID_FIELDS)
}

const JSON_TYPE: [string, string][] = [['Content-Type', 'application/json']]
const FORM_TYPE: [string, string][] = [['Content-Type', 'application/x-www-form-urlencoded']]
/** Sent with the header cases: the wrong shape everywhere, so no sign-in spends a password check on it. */
const HEADER_CASE_BODY = '[["2026-12-01"]]'

/**
 * Every hostile request for these routes (with the signed-in session's CSRF token, the value
 * of a valid form's _csrf). What could be refused before authentication
 * (methods, paths, media types, whole-body shapes) is sent both without and with
 * credentials; the field-by-field matrix, which only matters past authentication, signed in.
 */
export function hostileRequests(routes: KnownRoute[], csrfToken?: string): HostileRequest[] {
  // The workspace's forms carry their CSRF token as the field _csrf: a valid form has the real one, so it reaches the handler.
  const validFields: Record<string, unknown> = { ...VALID_FIELDS, ...(csrfToken ? { _csrf: csrfToken } : {}) }
  const requests: HostileRequest[] = []
  const signedIn = (request: Omit<HostileRequest, 'signedIn'>) => requests.push({ ...request, signedIn: true })
  const both = (request: Omit<HostileRequest, 'signedIn'>) => requests.push({ ...request, signedIn: false }, { ...request, signedIn: true })

  const name = (method: string, url: string) => `${method} ${url}`
  const declared = new Set(routes.map((route) => name(route.method, route.url)))
  const paths = new Map<string, string>()
  for (const route of routes) {
    const method = route.method
    const routeName = name(method, route.url)
    const targets = concretePaths(route)
    for (const target of targets) {
      // A path a catch-all also names (/workspace/ for /workspace/*) stays its own route's.
      if (!paths.has(target)) paths.set(target, route.url)
      if (takesBody(method)) {
        const fields = bodyFields(route)
        const singled = oneOfEachKind(fields)
        // What the body parser and a declared schema refuse never reaches the handler, the
        // only code that reads the id: those cases are tried at the route's first path only.
        const refusedAlike = target !== targets[0] && hasBodySchema(route)
        // The right fields with right values, but for one (or all) of the wrong type.
        const object = (wrong: (field: string) => string | undefined) =>
          `{${fields.map((field) => `"${field}":${wrong(field) ?? JSON.stringify(validFields[field] ?? 'x')}`).join(',')}}`
        for (const [label, value] of refusedAlike ? [] : WRONG_VALUES) {
          for (const field of singled) signedIn({ route: routeName, label: `JSON ${field}: ${label}`, method, target, headers: JSON_TYPE, body: object((candidate) => (candidate === field ? value : undefined)) })
          signedIn({ route: routeName, label: `JSON every field: ${label}`, method, target, headers: JSON_TYPE, body: object(() => value) })
        }
        for (const [label, body] of formBodies(fields, singled, validFields)) signedIn({ route: routeName, label: `form ${label}`, method, target, headers: FORM_TYPE, body })
        for (const [label, body] of refusedAlike ? [] : JSON_BODIES) both({ route: routeName, label: `JSON ${label}`, method, target, headers: JSON_TYPE, body })
        for (const [label, type, body] of refusedAlike ? [] : MEDIA_TYPE_BODIES) both({ route: routeName, label: `media type: ${label}`, method, target, headers: type === undefined ? [] : [['Content-Type', type]], body })
      } else {
        both({ route: routeName, label: 'plain', method, target })
        // HEAD is GET's twin, tried with every method on every path below.
        if (method === 'GET') {
          for (const [label, body] of JSON_BODIES.slice(0, 8)) both({ route: routeName, label: `JSON body on GET: ${label}`, method, target, headers: JSON_TYPE, body })
          for (const query of HOSTILE_QUERIES) both({ route: routeName, label: `query ${query.slice(0, 40)}`, method, target: target + query })
        }
      }
    }

    // Signed in, so that a hostile Authorization, Cookie or Origin replaces a working one.
    if (method !== 'HEAD') {
      const target = concretePaths(route)[0]!
      for (const [label, headers] of HOSTILE_HEADERS) {
        const body = label === 'bad chunk' ? 'zz\r\n{}\r\n0\r\n\r\n' : label === 'compressed body' || takesBody(method) ? HEADER_CASE_BODY : undefined
        const contentType = body && label !== 'bad chunk' ? JSON_TYPE : []
        signedIn({ route: routeName, label: `header: ${label}`, method, target, headers: [...contentType, ...headers], body })
      }
    }

    if (route.url.includes(':')) {
      for (const param of HOSTILE_PARAMS) {
        const target = route.url.replace(/:[^/]+/g, param)
        both({ route: routeName, label: `parameter ${param.slice(0, 20)}`, method, target, ...(takesBody(method) ? { headers: FORM_TYPE, body: 'forumDate=2026-12-01&outcome=Noted' } : {}) })
      }
    }
  }

  // Every method at every path a route names.
  for (const [target, url] of paths) {
    for (const method of [...METHODS, ...ODD_METHODS]) {
      const body = takesBody(method.toUpperCase()) ? '{"username":"admin","password":0}' : undefined
      const route = declared.has(name(method, url)) ? name(method, url) : `${url} (other methods)`
      const request = { route, label: `method ${method.slice(0, 12)}`, method, target, ...(body ? { headers: JSON_TYPE, body } : {}) }
      if (METHODS.includes(method)) both(request)
      else requests.push({ ...request, signedIn: false })
    }
  }

  for (const target of ODD_PATHS) {
    for (const method of ['GET', 'POST', 'CONNECT']) {
      both({ route: 'odd path', label: `path ${target.slice(0, 40)}`, method, target, ...(method === 'POST' ? { headers: JSON_TYPE, body: '[[1]]' } : {}) })
    }
  }
  return requests
}

/**
 * The same requests in a fixed, seeded order (mulberry32): the sign-ins that pass validation
 * each cost a deliberately slow password check, and spread out they overlap with the rest.
 */
export function shuffled<T>(items: T[], seed = 20_261_202): T[] {
  const result = [...items]
  let state = seed
  const random = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[result[index], result[other]] = [result[other]!, result[index]!]
  }
  return result
}
