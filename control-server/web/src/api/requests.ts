import { http } from './http'
import type { CreateRequest, Page, RequestStatus, SealRequestDetail, SealRequestSummary } from './types'

export type Scope = 'mine' | 'todo' | 'done' | 'cc' | 'all'

export interface RequestQuery {
  scope?: Scope
  status?: RequestStatus | ''
  q?: string
  page?: number
  size?: number
}

export const listRequests = (query: RequestQuery = {}) =>
  http.get<Page<SealRequestSummary>>('/api/requests', { query: { ...query } })
export const getRequest = (id: string) => http.get<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}`)
export const createRequest = (body: CreateRequest) => http.post<SealRequestDetail>('/api/requests', body)
export const submitRequest = (id: string, body?: Partial<CreateRequest>) =>
  http.post<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}/submit`, body ?? {})
export const withdrawRequest = (id: string, comment?: string) =>
  http.post<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}/withdraw`, { comment })
export const urgeRequest = (id: string) => http.post<void>(`/api/requests/${encodeURIComponent(id)}/urge`, {})
export const commentRequest = (id: string, comment: string) =>
  http.post<void>(`/api/requests/${encodeURIComponent(id)}/comments`, { comment })
