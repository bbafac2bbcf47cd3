import { http } from './http'
import type { Seal } from './types'

export type SealAction = 'suspend' | 'resume' | 'report-lost' | 'destroy'

export const listSeals = () => http.get<Seal[]>('/api/seals')
export const getSeal = (id: string) => http.get<Seal>(`/api/seals/${encodeURIComponent(id)}`)
export const createSeal = (seal: Partial<Seal>) => http.post<Seal>('/api/seals', seal)
export const updateSeal = (id: string, patch: Partial<Seal>) => http.patch<Seal>(`/api/seals/${encodeURIComponent(id)}`, patch)
export const sealAction = (id: string, action: SealAction, comment?: string) =>
  http.post<Seal>(`/api/seals/${encodeURIComponent(id)}/${action}`, { comment })
