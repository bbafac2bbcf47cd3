import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'

type Tree = { [k: string]: string | Tree }

function leaves(obj: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, string]],
  )
}
const zhKeys = leaves(zh as Tree).map(([k]) => k)
const enKeys = leaves(en as Tree).map(([k]) => k)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : /\.(vue|ts)$/.test(f) ? [p] : []
  })
}

describe('i18n key coverage', () => {
  it('every zh-CN key exists in en', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([])
  })
  it('every en key exists in zh-CN', () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([])
  })
  it('no message is empty', () => {
    expect([...leaves(zh as Tree), ...leaves(en as Tree)].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([])
  })
  it('every literal key the source passes to t() exists', () => {
    const used = new Set<string>()
    for (const file of sources(join(__dirname, '../src'))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1])
      for (const m of text.matchAll(/(?:label|title): '([a-z]+\.[a-zA-Z.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(200)
    expect([...used].filter((k) => !zhKeys.includes(k))).toEqual([])
  })
})
