import { http } from './http'

/** A period as the server takes it: calendar days in the company's zone, both inclusive (default: the last 30 days). */
export interface StatsRange {
  from?: string
  to?: string
}

export interface Outcomes {
  total: number
  approved: number
  rejected: number
  withdrawn: number
  cancelled?: number
  inProgress: number
  returned: number
  passRate: number
  rejectRate?: number
  returnRate: number
  withdrawRate: number
  avgDurationHours: number | null
  p50DurationHours?: number | null
  p90DurationHours?: number | null
}

export interface TrendPoint {
  date: string
  submitted: number
  approved: number
  rejected: number
  withdrawn?: number
  returned?: number
  avgDurationHours?: number | null
}

export interface StatsSummary extends Outcomes {
  pressesTotal: number
  flaggedPresses: number
  anomalies: number
  daily: TrendPoint[]
  from?: number
  to?: number
}

export interface NodeStat {
  nodeId: string
  name: string
  type?: string
  flowKey?: string
  flowName?: string
  rank?: number
  count: number
  avgHours: number
  p50Hours?: number | null
  p90Hours?: number | null
  maxHours?: number | null
  timeLimitHours?: number | null
  overdue?: number
  overdueRate?: number
  passRate?: number
  rejectRate?: number
  returnRate?: number
  withdrawRate?: number
}

export interface FlowStat extends Outcomes {
  flowKey: string
  name: string
}

export interface DepartmentStat extends Outcomes {
  departmentId: string | null
  name: string | null
}

export interface SealStat {
  sealId: string | null
  presses: number
  flagged: number
  activeDays: number
  utilisation: number
}

export interface DeviceStat {
  deviceId: string
  serialNo?: string
  location?: string | null
  status?: string
  statusSince?: number | null
  sealId?: string | null
  sealIds?: string[]
  presses: number
  flagged?: number
  anomalies?: number
  activeDays?: number
  utilisation?: number
}

const q = (r?: StatsRange, extra: Record<string, string | number | undefined> = {}) => ({ query: { from: r?.from, to: r?.to, ...extra } })

export const statsSummary = (r?: StatsRange, flowKey?: string) => http.get<StatsSummary>('/api/stats/summary', q(r, { flowKey }))
export const statsTrend = (r?: StatsRange, granularity: 'day' | 'week' = 'day', flowKey?: string) =>
  http.get<TrendPoint[]>('/api/stats/trend', q(r, { granularity, flowKey }))
export const statsFlows = (r?: StatsRange) => http.get<FlowStat[]>('/api/stats/flows', q(r))
export const statsNodes = (flowKey: string, r?: StatsRange) => http.get<NodeStat[]>('/api/stats/nodes', q(r, { flowKey }))
export const statsBottlenecks = (r?: StatsRange, limit = 10) => http.get<NodeStat[]>('/api/stats/bottlenecks', q(r, { limit }))
export const statsDepartments = (r?: StatsRange) => http.get<DepartmentStat[]>('/api/stats/departments', q(r))
export const statsSeals = (r?: StatsRange) => http.get<SealStat[]>('/api/stats/seals', q(r))
export const statsDevices = (r?: StatsRange) => http.get<DeviceStat[]>('/api/stats/devices', q(r))

function withRange(path: string, r?: StatsRange, extra: Record<string, string> = {}) {
  const p = new URLSearchParams()
  if (r?.from) p.set('from', r.from)
  if (r?.to) p.set('to', r.to)
  Object.entries(extra).forEach(([k, v]) => p.set(k, v))
  const s = p.toString()
  return s ? `${path}?${s}` : path
}
export const STATS_EXPORT_URL = '/api/stats/export.xlsx'
export const statsExportUrl = (r?: StatsRange) => withRange(STATS_EXPORT_URL, r)
export const statsCsvUrl = (table: string, r?: StatsRange) => withRange('/api/stats/export.csv', r, { table })
