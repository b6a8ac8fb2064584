import type { FastifyRequest } from 'fastify'
import type { AuditStore } from '../store/audit-store'

/**
 * One line in the audit log for what the signed-in officer saw or changed. The subject is what
 * it was about (a reference such as IC-000123, a URN, a username, a retention period, a school
 * year of county term dates: see AuditEntry), never a name or anything else personal.
 */
export function auditor(audit: AuditStore) {
  return (request: FastifyRequest, action: string, subject?: string): Promise<void> => {
    const officer = request.officer!
    return audit.append({ at: new Date().toISOString(), officerId: officer.id, officerUsername: officer.username, action, ...(subject ? { subject } : {}) })
  }
}

export type Audit = ReturnType<typeof auditor>
