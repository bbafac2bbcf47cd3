import { http } from './http'
import { fileMeta } from './files'
import type { CreateRequest, Page, RequestStatus, SealRequestDetail, SealRequestSummary } from './types'
import { asPage, normaliseRequest, normaliseRequestSummary } from './normalise'

export type Scope = 'mine' | 'todo' | 'done' | 'cc' | 'all'

export interface RequestQuery {
  scope?: Scope
  status?: RequestStatus | ''
  q?: string
  page?: number
  size?: number
}

export const listRequests = async (query: RequestQuery = {}): Promise<Page<SealRequestSummary>> => {
  const page = asPage<SealRequestSummary>(await http.get<unknown>('/api/requests', { query: { ...query } }))
  return { ...page, items: page.items.map(normaliseRequestSummary) }
}
/** A request with its files' names and sizes (the server lists only `fileIds` on a request). */
export async function getRequest(id: string): Promise<SealRequestDetail> {
  const raw = await http.get<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}`)
  const r = normaliseRequest(raw)
  if (!raw.files?.length && r.files?.length) {
    r.files = await Promise.all(r.files.map((f) => fileMeta(f.id).catch(() => f)))
  }
  return r
}
export const createRequest = (body: CreateRequest) => http.post<SealRequestDetail>('/api/requests', body)
export const submitRequest = (id: string, body?: Partial<CreateRequest>) =>
  http.post<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}/submit`, body ?? {})
/** Edit a draft or a returned request (then `submit`). */
export const editRequest = (id: string, body: Partial<CreateRequest>) =>
  http.patch<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}`, body)
/** A custodian completes the request's handle task (stamping outside a device session, check-out, check-in). */
export const completeHandle = (id: string, body: { comment?: string } = {}) =>
  http.post<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}/handle`, body)
export const withdrawRequest = (id: string, comment?: string) =>
  http.post<SealRequestDetail>(`/api/requests/${encodeURIComponent(id)}/withdraw`, { comment })
export const urgeRequest = (id: string) => http.post<void>(`/api/requests/${encodeURIComponent(id)}/urge`, {})
export const commentRequest = (id: string, comment: string) =>
  http.post<void>(`/api/requests/${encodeURIComponent(id)}/comments`, { comment })
