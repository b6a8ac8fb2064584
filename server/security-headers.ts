import { ServerResponse, type IncomingMessage } from 'node:http'

/**
 * A strict content security policy: scripts and styles only from this origin, no inline
 * script (but the one a workspace page marks with its response's nonce), nothing may frame
 * the app. Vue sets element styles through the CSSOM, which style-src does not restrict, so
 * no 'unsafe-inline' is needed.
 */
export function contentSecurityPolicy(scriptNonce?: string): string {
  return [
    "default-src 'self'",
    scriptNonce ? `script-src 'self' 'nonce-${scriptNonce}'` : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

export function securityHeaders(options: { behindTls: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.behindTls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/**
 * The response object Node creates for every request to the server, starting with the
 * security headers: routed answers, the ones Fastify writes itself (a malformed address, a
 * 503 while closing) and Node's own (400 without a Host header, 417) all carry them; what a
 * route sets later is merged over them. Answers written straight to a socket, with no
 * response object, add them by hand (early-answers.ts).
 */
export function responseWithSecurityHeaders(headers: Record<string, string>): typeof ServerResponse {
  const entries = Object.entries(headers)
  return class SecureResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    constructor(...args: ConstructorParameters<typeof ServerResponse<Request>>) {
      super(...args)
      for (const [name, value] of entries) this.setHeader(name, value)
    }
  }
}
