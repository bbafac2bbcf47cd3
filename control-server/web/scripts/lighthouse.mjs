// Lighthouse figures for the workbench and a request detail page of a running control server in demo mode,
// with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) and the session cookie of a demo user.
// Usage: node scripts/lighthouse.mjs [base-url] [user] [runs]   (default http://127.0.0.1:18480 zhangsan 3)
//        → control-server/target/lighthouse/*.json, every run's figures and a table of the medians on stdout, with the
//          machine's load average before and after (the figures move with the load of a shared machine)
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ensureRequest, session } from './demo-api.mjs'

const BASE = process.argv[2] ?? 'http://127.0.0.1:18480'
const USER = process.argv[3] ?? 'zhangsan'
const RUNS = Number(process.argv[4] ?? 3)
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')
console.log(`load average before: ${load()}`)
const OUT = fileURLToPath(new URL('../../target/lighthouse/', import.meta.url))
const CLI = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url))
mkdirSync(OUT, { recursive: true })

const requestId = await ensureRequest(BASE)
const api = await session(BASE, USER)
const pages = { workbench: `${BASE}/workbench`, 'request-detail': `${BASE}/requests/${requestId}` }
const runs = []
for (let i = 1; i <= RUNS; i++) for (const [name, url] of Object.entries(pages)) {
  for (const preset of ['desktop', 'mobile']) {
    const out = `${OUT}${name}-${preset}-${i}.json`
    const args = [CLI, url, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=accessibility,performance,best-practices',
      `--extra-headers=${JSON.stringify({ Cookie: api.cookieHeader })}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update']
    if (preset === 'desktop') args.push('--preset=desktop')
    // a loaded machine now and then loses the trace (NO_NAVSTART): such a run is repeated, twice at most
    let run
    for (let attempt = 1; attempt <= 3; attempt++) {
      run = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } })
      if (run.status === 0) break
    }
    if (run.status !== 0) throw new Error(`lighthouse failed for ${url} (${preset})`)
    const report = JSON.parse(readFileSync(out, 'utf8'))
    const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100)
    const failed = Object.values(report.audits)
      .filter((a) => a.score !== null && a.score < 1 && report.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id)
    const run1 = { run: i, page: name, preset, accessibility: score('accessibility'), performance: score('performance'),
      bestPractices: score('best-practices'), lcpMs: Math.round(report.audits['largest-contentful-paint'].numericValue),
      finalUrl: report.finalDisplayedUrl ?? report.finalUrl, a11yFailed: failed.join(' ') }
    console.log(JSON.stringify(run1))
    runs.push(run1)
  }
}
console.log(`load average after: ${load()}`)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = []
for (const name of Object.keys(pages)) for (const preset of ['desktop', 'mobile']) {
  const mine = runs.filter((r) => r.page === name && r.preset === preset)
  rows.push({ page: name, preset, runs: mine.length, accessibility: median(mine.map((r) => r.accessibility)),
    performance: median(mine.map((r) => r.performance)), performanceAll: mine.map((r) => r.performance).join('/'),
    bestPractices: median(mine.map((r) => r.bestPractices)), lcpMs: median(mine.map((r) => r.lcpMs)),
    redirected: mine.some((r) => !r.finalUrl.startsWith(pages[name])), a11yFailed: [...new Set(mine.flatMap((r) => r.a11yFailed.split(' ').filter(Boolean)))].join(' ') })
}
console.table(rows)
const bad = rows.filter((r) => r.accessibility < 90 || r.performance < 80 || r.redirected)
if (bad.length) {
  console.error('below target (median accessibility >= 90, performance >= 80) or redirected to the login page:', bad.map((r) => `${r.page}/${r.preset}`).join(', '))
  process.exitCode = 1
}
