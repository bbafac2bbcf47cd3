import { http } from './http'
import type { FlowDefinition } from '@/views/flows/designer/model'
import { asList, normaliseFlowDetail, normaliseFlowSummary } from './normalise'

export interface FlowSummary {
  key: string
  name: string
  publishedVersion?: number | null
  hasDraft?: boolean
  updatedAt?: string
  versions?: Array<{ version: number; publishedAt?: string; publishedBy?: string }>
}

export interface FlowDetail extends FlowSummary {
  draft?: FlowDefinition | null
  published?: FlowDefinition | null
}

export interface SimulatedApprover {
  id: string
  name: string
}

export interface SimulatedBranch {
  branchId: string
  name?: string
  taken: boolean
  reason?: string
}

export interface SimulatedStep {
  nodeId: string
  name: string
  type: string
  mode?: string
  approvers: SimulatedApprover[]
  /** Extension: why each branch of a container was (not) taken. */
  branches?: SimulatedBranch[]
  note?: string
}

export interface SimulationRequest {
  version?: number
  applicantId: string
  form: Record<string, unknown>
  /** Extension: simulate the draft being edited rather than a published version. */
  model?: FlowDefinition
}

const k = (key: string) => encodeURIComponent(key)

export const listFlows = async (): Promise<FlowSummary[]> =>
  asList<Record<string, unknown>>(await http.get<unknown>('/api/flows')).map(normaliseFlowSummary)
export const getFlow = async (key: string): Promise<FlowDetail> =>
  normaliseFlowDetail(await http.get<Record<string, unknown>>(`/api/flows/${k(key)}`))
export const saveDraft = (key: string, flow: FlowDefinition) => http.put<FlowDetail>(`/api/flows/${k(key)}/draft`, flow)
export const publishFlow = (key: string) => http.post<{ key: string; version: number }>(`/api/flows/${k(key)}/publish`, {})
export const getVersion = (key: string, v: number) => http.get<FlowDefinition>(`/api/flows/${k(key)}/versions/${v}`)
export const bpmnUrl = (key: string, v: number) => `/api/flows/${k(key)}/versions/${v}/bpmn`
export const simulate = (key: string, body: SimulationRequest) =>
  http.post<{ path: SimulatedStep[] }>(`/api/flows/${k(key)}/simulate`, body)
