// Fails when user-visible text bypasses vue-i18n: CJK anywhere in a template or a script string, or English words
// in template text nodes and in static label-like attributes. Brand names and symbols are allowed.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(__dirname, '..', 'src')
// Brand and logo glyph, language endonyms of the language switch, technical terms and example values that are never translated.
const ALLOWED = ['SealFlow', '印流', '印', '简体中文', '中文', 'English', 'EN', 'BPMN', 'SD-01', 'sha256', 'SHA-256', 'PDF', 'contract-seal', 'https://']
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/
const WORD = /[A-Za-z]{2,}/
const TEXT_ATTRS = ['label', 'placeholder', 'title', 'alt', 'aria-label', 'active-text', 'inactive-text', 'start-placeholder',
  'end-placeholder', 'description', 'content', 'confirm-button-text', 'cancel-button-text', 'empty-text', 'text', 'sub-title']

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'i18n' ? [] : files(p, ext)
    return ext.test(f) ? [p] : []
  })
}
function strip(text: string): string {
  return ALLOWED.reduce((s, a) => s.split(a).join(''), text)
}
function template(sfc: string): string {
  const start = sfc.indexOf('<template>')
  const end = sfc.lastIndexOf('</template>')
  return start < 0 ? '' : sfc.slice(start + '<template>'.length, end)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(pre|code)\b[^>]*>[\s\S]*?<\/\1>/g, '') // shell commands and code are shown verbatim
}
function script(sfc: string): string {
  return [...sfc.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}
/** String literals of a script with comments removed (good enough for this code base's style). */
function literals(code: string): string[] {
  const noComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  return [...noComments.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3])
}

export function templateViolations(tpl: string): string[] {
  const found: string[] = []
  const noMustache = tpl.replace(/\{\{[\s\S]*?\}\}/g, ' ')
  for (const m of noMustache.matchAll(/>([^<>]+)</g)) {
    const text = strip(m[1]).trim()
    if (text && (CJK.test(text) || WORD.test(text))) found.push(`text: ${text}`)
  }
  const attrs = new RegExp(`(?<![:@\\w.-])(${TEXT_ATTRS.join('|')})="([^"]*)"`, 'g')
  for (const m of tpl.matchAll(attrs)) {
    const value = strip(m[2])
    if (CJK.test(value) || WORD.test(value)) found.push(`${m[1]}="${m[2]}"`)
  }
  for (const m of tpl.matchAll(/=("[^"]*"|'[^']*')/g)) {
    if (CJK.test(strip(m[1]))) found.push(`attribute: ${m[1]}`)
  }
  // string literals inside {{ }} (a Chinese bracket or list comma built into an expression)
  for (const m of tpl.matchAll(/\{\{([\s\S]*?)\}\}/g)) found.push(...scriptViolations(m[1]).map((v) => `expression ${v}`))
  return [...new Set(found)]
}
export function scriptViolations(code: string): string[] {
  return literals(code).filter((s) => CJK.test(strip(s))).map((s) => `string: ${s}`)
}

describe('no user-visible text outside i18n', () => {
  it('catches the shapes it is meant to catch', () => {
    expect(templateViolations('<span>保存</span>')).toHaveLength(1)
    expect(templateViolations('<el-button>Save changes</el-button>')).toHaveLength(1)
    expect(templateViolations('<el-input placeholder="Search" />')).toHaveLength(1)
    expect(templateViolations('<el-input :placeholder="t(\'x\')" /><b>{{ t(\'y\') }}</b><i>#{{ n }} · 3</i>')).toEqual([])
    expect(templateViolations('<span>SealFlow</span><span>印流</span>')).toEqual([])
    expect(scriptViolations("const a = '提交' // 提交\nconst b = t('ok')")).toHaveLength(1)
    expect(templateViolations("<i>{{ names.join('、') }}</i><b>{{ `${a}（${b}）` }}</b>")).toHaveLength(2)
  })
  it('vue templates and scripts use $t/t() for human text', () => {
    const bad = files(SRC, /\.vue$/).flatMap((f) => {
      const sfc = readFileSync(f, 'utf8')
      return [...templateViolations(template(sfc)), ...scriptViolations(script(sfc))].map((v) => `${relative(SRC, f)}: ${v}`)
    })
    expect(bad).toEqual([])
  })
  it('typescript modules carry no CJK text outside the locale files', () => {
    const bad = files(SRC, /\.ts$/).flatMap((f) => scriptViolations(readFileSync(f, 'utf8')).map((v) => `${relative(SRC, f)}: ${v}`))
    expect(bad).toEqual([])
  })
})
