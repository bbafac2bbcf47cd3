import { http } from './http'
import type { AuditEntry, Page } from './types'

export const listAudit = (query: { page?: number; size?: number; q?: string } = {}) =>
  http.get<Page<AuditEntry> | AuditEntry[]>('/api/audit', { query })
export const verifyAudit = () => http.get<{ ok: boolean; checked: number; firstBadSeq?: number }>('/api/audit/verify')
