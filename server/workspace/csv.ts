import type { FastifyReply } from 'fastify'

/**
 * A cell a spreadsheet will not run: quoted, and text starting with =, +, -, @, a tab or a
 * return (a formula to Excel and LibreOffice) led with an apostrophe (OWASP's advice).
 */
export function csvCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${inert.replace(/"/g, '""')}"`
}

/** Rows as a CSV body: every cell quoted and made inert, CRLF after each row. */
export function csvBody(rows: string[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Sends a CSV as a download, never cached (it may hold personal data). */
export function sendCsv(reply: FastifyReply, filename: string, rows: string[][]): FastifyReply {
  return reply
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .type('text/csv; charset=utf-8')
    .send(csvBody(rows))
}
