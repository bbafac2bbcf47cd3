// Lighthouse figures for the workbench and a request detail page of a running control server in demo mode,
// with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) and the session cookie of a demo user.
// Usage: node scripts/lighthouse.mjs [base-url] [user]   (default http://127.0.0.1:18480 zhangsan)
//        → control-server/target/lighthouse/*.json and a summary table on stdout
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ensureRequest, session } from './demo-api.mjs'

const BASE = process.argv[2] ?? 'http://127.0.0.1:18480'
const USER = process.argv[3] ?? 'zhangsan'
const OUT = fileURLToPath(new URL('../../target/lighthouse/', import.meta.url))
const CLI = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url))
mkdirSync(OUT, { recursive: true })

const requestId = await ensureRequest(BASE)
const api = await session(BASE, USER)
const pages = { workbench: `${BASE}/workbench`, 'request-detail': `${BASE}/requests/${requestId}` }
const rows = []
for (const [name, url] of Object.entries(pages)) {
  for (const preset of ['desktop', 'mobile']) {
    const out = `${OUT}${name}-${preset}.json`
    const args = [CLI, url, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=accessibility,performance,best-practices',
      `--extra-headers=${JSON.stringify({ Cookie: api.cookieHeader })}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update']
    if (preset === 'desktop') args.push('--preset=desktop')
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } })
    if (run.status !== 0) throw new Error(`lighthouse failed for ${url} (${preset})`)
    const report = JSON.parse(readFileSync(out, 'utf8'))
    const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100)
    const failed = Object.values(report.audits)
      .filter((a) => a.score !== null && a.score < 1 && report.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id)
    rows.push({ page: name, preset, accessibility: score('accessibility'), performance: score('performance'),
      bestPractices: score('best-practices'), lcpMs: Math.round(report.audits['largest-contentful-paint'].numericValue),
      finalUrl: report.finalDisplayedUrl ?? report.finalUrl, a11yFailed: failed.join(' ') })
  }
}
console.table(rows)
const bad = rows.filter((r) => r.accessibility < 90 || (r.preset === 'desktop' && r.performance < 80) || !r.finalUrl.startsWith(pages[r.page]))
if (bad.length) {
  console.error('below target (accessibility >= 90, desktop performance >= 80) or redirected to the login page:', bad.map((r) => `${r.page}/${r.preset}`).join(', '))
  process.exitCode = 1
}
