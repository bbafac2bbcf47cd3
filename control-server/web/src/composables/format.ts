import { i18n } from '@/i18n'

// Building an Intl formatter costs far more than using one (locale data, pattern generation), and a page formats many
// values: one formatter per locale and kind, built on first use
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>()
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, make: (locale: string) => F): F {
  const locale = i18n.global.locale.value
  const key = `${kind} ${locale}`
  let f = formatters.get(key) as F | undefined
  if (!f) formatters.set(key, (f = make(locale)))
  return f
}
const money = () => cached('money', (l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'CNY' }))
const dateTime = () => cached('dateTime', (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }))
const dateOnly = () => cached('date', (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit' }))
const clockOnly = () => cached('clock', (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit' }))
const relative = () => cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }))

/** ¥1,234,567.00 in Chinese, CNY 1,234,567.00 in English. Money arrives as number or decimal string. */
export function formatMoney(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isFinite(n)) return String(v)
  return money().format(n)
}

export function formatTime(v?: string | number | null): string {
  if (v === null || v === undefined || v === '') return '—'
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) return String(v)
  return dateTime().format(d)
}

/** The date and the time of day of {@link formatTime} apart, for a narrow column that shows them on two lines. */
export function formatDateClock(v?: string | number | null): { date: string; clock: string } {
  const d = v === null || v === undefined || v === '' ? null : new Date(v)
  if (!d || Number.isNaN(d.getTime())) return { date: formatTime(v), clock: '' }
  return { date: dateOnly().format(d), clock: clockOnly().format(d) }
}

/** "3 分钟前" / "3 minutes ago"; '—' for a missing or unreadable time (never throws). */
export function relativeTime(v?: string | number | null): string {
  if (v === null || v === undefined || v === '') return '—'
  const at = new Date(v).getTime()
  if (!Number.isFinite(at)) return '—'
  const diff = (at - Date.now()) / 1000
  const rtf = relative()
  const abs = Math.abs(diff)
  if (abs < 60) return rtf.format(Math.round(diff), 'second')
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute')
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour')
  return rtf.format(Math.round(diff / 86400), 'day')
}

export function formatBytes(n?: number): string {
  if (!n && n !== 0) return ''
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** Parse the user's money input ("1,234.5", "¥ 1234") to a decimal string, or null. */
export function parseMoney(s: string): string | null {
  const cleaned = s.replace(/[¥,\s，]/g, '')
  if (!cleaned) return null
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? cleaned : null
}
