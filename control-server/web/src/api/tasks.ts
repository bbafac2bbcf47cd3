import { http } from './http'
import type { Task } from './types'
import { asList, normaliseTask } from './normalise'

export type AddSignerPosition = 'BEFORE' | 'AFTER' | 'PARALLEL'

const path = (id: string, action: string) => `/api/tasks/${encodeURIComponent(id)}/${action}`

export const listTasks = async (status: 'pending' | 'done' | 'cc', size = 50): Promise<Task[]> =>
  asList<Record<string, unknown>>(await http.get<unknown>('/api/tasks', { query: { status, size } })).map(normaliseTask)
export const approveTask = (id: string, comment?: string) => http.post<void>(path(id, 'approve'), { comment })
export const rejectTask = (id: string, comment?: string) => http.post<void>(path(id, 'reject'), { comment })
export const returnTask = (id: string, toNodeId: string, comment?: string) =>
  http.post<void>(path(id, 'return'), { toNodeId, comment })
export const transferTask = (id: string, toUserId: string, comment?: string) =>
  http.post<void>(path(id, 'transfer'), { toUserId, comment })
export const delegateTask = (id: string, toUserId: string, comment?: string) =>
  http.post<void>(path(id, 'delegate'), { toUserId, comment })
export const addSigners = (id: string, userIds: string[], position: AddSignerPosition, comment?: string) =>
  http.post<void>(path(id, 'add-signers'), { userIds, position, comment })
