import { http } from './http'
import type { ArchiveRecord } from './types'

export const searchArchive = (q?: string) => http.get<ArchiveRecord[]>('/api/archive', { query: { q } })
export const getArchive = (no: string) => http.get<ArchiveRecord & Record<string, unknown>>(`/api/archive/${encodeURIComponent(no)}`)
export const evidencePdfUrl = (no: string) => `/api/archive/${encodeURIComponent(no)}/evidence.pdf`
export const verify = (code: string) => http.get<Record<string, unknown>>(`/api/verify/${encodeURIComponent(code)}`)
