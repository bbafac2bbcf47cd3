/** ECharts options of the statistics dashboard, kept apart from the view so the view stays readable. */
import type { NodeStat, SealStat, StatsSummary, TrendPoint } from '@/api/stats'

type T = (key: string, args?: Record<string, unknown>) => string
export const PALETTE = ['#2b6cf6', '#12a37f', '#e5484d', '#f08a24', '#8e5cf7', '#0ea5b7']

export function trendOption(t: T, points: TrendPoint[], weekly: boolean) {
  const label = (d: string) => (weekly ? t('stats.weekOf', { d: d.slice(5) }) : d.slice(5))
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: points.map((d) => label(d.date)), axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      { name: t('stats.submitted'), type: 'line', smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, data: points.map((d) => d.submitted) },
      { name: t('stats.approved'), type: 'line', smooth: true, showSymbol: false, data: points.map((d) => d.approved) },
      { name: t('stats.rejected'), type: 'line', smooth: true, showSymbol: false, data: points.map((d) => d.rejected) },
      { name: t('stats.withdrawn'), type: 'line', smooth: true, showSymbol: false, data: points.map((d) => d.withdrawn ?? 0) },
    ],
  }
}

export function outcomeOption(t: T, s: StatsSummary | null) {
  const decided = (s?.approved ?? 0) + (s?.rejected ?? 0)
  const rate = decided ? Math.round(((s?.approved ?? 0) / decided) * 100) : 0
  return {
    color: ['#12a37f', '#e5484d', '#f08a24', '#2b6cf6'],
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['55%', '78%'], center: ['50%', '44%'],
      label: { show: true, position: 'center', formatter: () => `${rate}%\n{s|${t('stats.passRate')}}`, fontSize: 26, fontWeight: 700, color: '#1d2330', rich: { s: { fontSize: 12, color: '#8a93a6', fontWeight: 400, padding: [6, 0, 0, 0] } } },
      data: [
        { name: t('stats.approved'), value: s?.approved ?? 0 },
        { name: t('stats.rejected'), value: s?.rejected ?? 0 },
        { name: t('stats.withdrawn'), value: s?.withdrawn ?? 0 },
        { name: t('stats.inProgress'), value: s?.inProgress ?? 0 },
      ],
    }],
  }
}

/** Average stay as bars, p90 as dots and the node's time limit as a red tick on each bar's line. */
export function nodesOption(t: T, nodes: NodeStat[]) {
  const rows = [...nodes].reverse()
  const worst = [...nodes].sort((a, b) => b.avgHours - a.avgHours)[0]
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const n = rows[ps[0].dataIndex]
        const lim = n.timeLimitHours == null ? t('stats.noLimit') : t('stats.hours', { n: n.timeLimitHours })
        return `<b>${n.name}</b><br/>${t('stats.count')}: ${n.count}<br/>${t('stats.avg')}: ${t('stats.hours', { n: n.avgHours })}`
          + `<br/>P50: ${n.p50Hours ?? '-'} / P90: ${n.p90Hours ?? '-'}<br/>${t('stats.timeLimit')}: ${lim}`
          + `<br/>${t('stats.overdueRate')}: ${Math.round((n.overdueRate ?? 0) * 100)}%`
      },
    },
    legend: { top: 0, right: 0 },
    grid: { left: 110, right: 30, top: 30, bottom: 24 },
    xAxis: { type: 'value', name: t('stats.hoursUnit'), splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: rows.map((n) => n.name), axisTick: { show: false } },
    series: [
      { name: t('stats.avg'), type: 'bar', barWidth: 14, itemStyle: { borderRadius: [0, 6, 6, 0], color: (p: { dataIndex: number }) => (rows[p.dataIndex].nodeId === worst?.nodeId ? '#e5484d' : '#2b6cf6') }, data: rows.map((n) => n.avgHours) },
      { name: 'P90', type: 'scatter', symbolSize: 10, itemStyle: { color: '#f08a24' }, data: rows.map((n) => n.p90Hours ?? null) },
      { name: t('stats.timeLimit'), type: 'scatter', symbol: 'rect', symbolSize: [3, 26], itemStyle: { color: '#b42318' }, data: rows.map((n) => n.timeLimitHours ?? null) },
    ],
  }
}

export function sealsOption(t: T, seals: SealStat[], name: (id?: string | null) => string) {
  return {
    color: ['#c8102e', '#f5b5b8', '#2b6cf6'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0 },
    grid: { left: 40, right: 40, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: seals.map((s) => name(s.sealId) || t('stats.unknownSeal')), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: t('stats.presses'), type: 'bar', stack: 'p', barWidth: 26, data: seals.map((s) => s.presses - s.flagged) },
      { name: t('stats.flagged'), type: 'bar', stack: 'p', itemStyle: { borderRadius: [6, 6, 0, 0] }, data: seals.map((s) => s.flagged) },
      { name: t('stats.utilisation'), type: 'line', yAxisIndex: 1, symbolSize: 8, data: seals.map((s) => Math.round(s.utilisation * 100)) },
    ],
  }
}
