import { describe, expect, it } from 'vitest'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('i18n key coverage', () => {
  it('every zh-CN key exists in en', () => {
    expect(keys(zh).filter((k) => !keys(en).includes(k))).toEqual([])
  })
  it('every en key exists in zh-CN', () => {
    expect(keys(en).filter((k) => !keys(zh).includes(k))).toEqual([])
  })
  it('no message is empty', () => {
    const empty = (o: object) => keys(o).filter((k) => k.split('.').reduce<any>((a, p) => a[p], o) === '')
    expect([...empty(zh), ...empty(en)]).toEqual([])
  })
})
