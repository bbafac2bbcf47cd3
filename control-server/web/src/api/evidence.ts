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
export const reviewPress = (pressId: string, verdict: 'OK' | 'SUSPICIOUS', comment?: string) =>
  http.post<Press>(`/api/evidence/${encodeURIComponent(pressId)}/review`, { verdict, comment })
