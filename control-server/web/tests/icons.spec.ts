import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Only the icons listed in src/icons.ts are bundled: every <IconX> or 'IconX' the sources name must be there.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? sources(p) : /\.(vue|ts)$/.test(n) ? [p] : []
  })
}

describe('icons', () => {
  it('registers every icon the templates and menus use', () => {
    const registry = readFileSync('src/icons.ts', 'utf8')
    const registered = new Set(registry.slice(registry.indexOf('const ICONS')).match(/[A-Z][A-Za-z]+/g))
    const used = new Set(sources('src').filter((f) => !f.endsWith('icons.ts')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bIcon([A-Z][A-Za-z]+)/g)].map((m) => m[1])))
    const missing = [...used].filter((n) => !registered.has(n))
    expect(used.size).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })
})
