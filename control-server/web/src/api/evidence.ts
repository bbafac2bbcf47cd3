import { http } from './http'
import type { Press } from './types'

export interface EvidenceQuery {
  flagged?: boolean
  deviceId?: string
  from?: string
  to?: string
}

export const listEvidence = (query: EvidenceQuery = {}) => http.get<Press[]>('/api/evidence', { query: { ...query } })
export const photoUrl = (pressId: string) => `/api/evidence/${encodeURIComponent(pressId)}/photo`
/** The document the press's request was approved for, as a picture (a PDF's first page); reviewers only. */
export const documentUrl = (pressId: string) => `/api/evidence/${encodeURIComponent(pressId)}/document`
export const reviewPress = (pressId: string, verdict: 'OK' | 'SUSPICIOUS', comment?: string) =>
  http.post<Press>(`/api/evidence/${encodeURIComponent(pressId)}/review`, { verdict, comment })
