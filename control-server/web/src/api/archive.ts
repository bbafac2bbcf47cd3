import { http } from './http'
import type { ArchiveDetail, ArchivePage, ArchiveVerification } from './types'

export interface ArchiveFilters {
  q?: string
  applicantId?: string
  departmentId?: string
  sealId?: string
  deviceId?: string
  from?: string
  to?: string
  page?: number
  size?: number
}

export const searchArchive = (f: ArchiveFilters = {}) => http.get<ArchivePage>('/api/archive', { query: { ...f } })
export const getArchive = (no: string) => http.get<ArchiveDetail>(`/api/archive/${encodeURIComponent(no)}`)
export const evidencePdfUrl = (no: string) => `/api/archive/${encodeURIComponent(no)}/evidence.pdf`
export const verify = (code: string) => http.get<ArchiveVerification>(`/api/verify/${encodeURIComponent(code)}`)
export const verifyArchiveChain = () => http.get<{ ok: boolean; checked: number; firstBadSeq?: number }>('/api/archive/chain/verify')
export const exportArchive = () => http.post<{ exported: string[]; directory: string }>('/api/archive/export', {})
