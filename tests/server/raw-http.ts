import { connect } from 'node:net'

export interface RawRequest {
  method: string
  /** Sent exactly as given: fetch() would normalise `..`, encode odd bytes and refuse CONNECT or TRACE. */
  target: string
  headers?: [string, string][]
  body?: string | Buffer
}

export interface RawAnswer {
  /** 0 when the service closed the connection without answering. */
  status: number
  headers: Record<string, string>
  body: string
  /** Everything the service wrote, as latin1: a pipelined request's second answer is in here too. */
  text: string
}

/** The request's bytes: Host and Connection: close first, Content-Length when there is a body. */
export function requestBytes(port: number, request: RawRequest): Buffer {
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close']
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`)
  if (body && !request.headers?.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))) lines.push(`Content-Length: ${body.length}`)
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body ?? Buffer.alloc(0)])
}

/** Sends raw bytes on a fresh connection and reads the answer until the service closes it. */
export function sendRaw(port: number, bytes: Buffer | string, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(parseAnswer(Buffer.concat(chunks)))
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('close', finish)
    // The service may close while a large body is still being written: the answer already read counts.
    socket.on('error', finish)
  })
}

export function sendRequest(port: number, request: RawRequest, timeoutMs?: number): Promise<RawAnswer> {
  return sendRaw(port, requestBytes(port, request), timeoutMs)
}

function parseAnswer(bytes: Buffer): RawAnswer {
  const text = bytes.toString('latin1')
  // Skip interim answers (100 Continue): the final one is the answer.
  let start = 0
  while (/^HTTP\/1\.[01] 1\d\d /.test(text.slice(start)) && text.indexOf('\r\n\r\n', start) !== -1) start = text.indexOf('\r\n\r\n', start) + 4
  const end = text.indexOf('\r\n\r\n', start)
  const [statusLine = '', ...headerLines] = text.slice(start, end === -1 ? text.length : end).split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: status ? Number(status[1]) : 0, headers, body: end === -1 ? '' : bytes.subarray(end + 4).toString('utf8'), text }
}
