/** ISO-8601 durations as the time-limit settings edit them: a number and a unit. */
export type Unit = 'M' | 'H' | 'D'

export interface Amount {
  value: number
  unit: Unit
}

export function parseDuration(iso?: string | null): Amount | null {
  if (!iso) return null
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso)
  if (!m) return null
  const [, d, h, min] = m.map((x) => (x ? Number(x) : 0))
  if (d && !h && !min) return { value: d, unit: 'D' }
  const minutes = d * 1440 + h * 60 + min
  if (minutes % 60 === 0) return { value: minutes / 60, unit: 'H' }
  return { value: minutes, unit: 'M' }
}

export function toDuration(a: Amount): string {
  const v = Math.max(0, Math.round(a.value))
  return a.unit === 'D' ? `P${v}D` : a.unit === 'H' ? `PT${v}H` : `PT${v}M`
}
