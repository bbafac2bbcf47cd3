import { http } from './http'

export interface StatsSummary {
  total?: number
  approved?: number
  rejected?: number
  inProgress?: number
  passRate?: number
  avgDurationHours?: number
  pressesTotal?: number
  flaggedPresses?: number
  daily?: Array<{ date: string; submitted: number; approved: number; rejected: number }>
}

export interface NodeStat {
  nodeId: string
  name: string
  count: number
  avgHours: number
  p90Hours?: number
  pending?: number
}

export interface DeviceStat {
  deviceId: string
  sealId?: string
  sealName?: string
  presses: number
  flagged?: number
}

export const statsSummary = () => http.get<StatsSummary>('/api/stats/summary')
export const statsNodes = (flowKey: string) => http.get<NodeStat[]>('/api/stats/nodes', { query: { flowKey } })
export const statsDevices = () => http.get<DeviceStat[]>('/api/stats/devices')
export const STATS_EXPORT_URL = '/api/stats/export.xlsx'
