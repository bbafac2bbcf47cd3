import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import { formatDateClock, formatMoney, formatTime, relativeTime } from '@/composables/format'

const at = '2026-11-27T07:05:00Z'
const fresh = (locale: string, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, o).format(new Date(at))

describe('formatting with formatters built once per locale', () => {
  afterEach(() => { i18n.global.locale.value = 'zh-CN' })
  it('gives what a formatter built for the call would give, in the language on show', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = locale
      expect(formatTime(at)).toBe(fresh(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }))
      expect(formatDateClock(at)).toEqual({ date: fresh(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }), clock: fresh(locale, { hour: '2-digit', minute: '2-digit' }) })
      expect(formatMoney('1234.5')).toBe(new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(1234.5))
      expect(relativeTime(Date.now() - 3 * 3600_000)).toBe(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-3, 'hour'))
    }
  })
  it('switches with the language and keeps the placeholders', () => {
    i18n.global.locale.value = 'zh-CN'
    const zh = formatMoney(10)
    i18n.global.locale.value = 'en'
    expect(formatMoney(10)).not.toBe(zh)
    expect(formatTime(null)).toBe('—')
    expect(formatTime('soon')).toBe('soon')
    expect(formatMoney('abc')).toBe('abc')
    expect(relativeTime(undefined)).toBe('—')
  })
})
