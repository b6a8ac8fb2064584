import type { Officer, Role } from '../people-store'
import type { Row } from './row'

export function toOfficer(row: Row): Officer {
  const officer: Officer = {
    id: String(row.id),
    username: String(row.username),
    displayName: String(row.display_name),
    role: row.role as Role,
    passwordHash: String(row.password_hash),
    createdAt: String(row.created_at),
  }
  if (row.disabled_at) officer.disabledAt = String(row.disabled_at)
  return officer
}
