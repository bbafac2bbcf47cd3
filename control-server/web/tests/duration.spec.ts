import { describe, expect, it } from 'vitest'
import { parseDuration, toDuration } from '@/views/flows/designer/duration'
import { parseMoney } from '@/composables/format'

describe('time-limit durations', () => {
  it('reads the ISO-8601 durations the designer writes', () => {
    expect(parseDuration('P1D')).toEqual({ value: 1, unit: 'D' })
    expect(parseDuration('PT4H')).toEqual({ value: 4, unit: 'H' })
    expect(parseDuration('PT90M')).toEqual({ value: 90, unit: 'M' })
    expect(parseDuration('P1DT2H')).toEqual({ value: 26, unit: 'H' })
    expect(parseDuration('nonsense')).toBeNull()
    expect(parseDuration(undefined)).toBeNull()
  })
  it('writes them back', () => {
    expect(toDuration({ value: 2, unit: 'D' })).toBe('P2D')
    expect(toDuration({ value: 30, unit: 'M' })).toBe('PT30M')
    expect(toDuration({ value: 4.4, unit: 'H' })).toBe('PT4H')
  })
})

describe('money input', () => {
  it('accepts grouped and prefixed amounts as decimal strings', () => {
    expect(parseMoney('¥ 1,234,567.5')).toBe('1234567.5')
    expect(parseMoney('680000')).toBe('680000')
    expect(parseMoney('12.345')).toBeNull()
    expect(parseMoney('abc')).toBeNull()
    expect(parseMoney('')).toBeNull()
  })
})
