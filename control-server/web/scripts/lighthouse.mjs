// Lighthouse figures for the workbench and a request detail page of a running control server in demo mode,
// with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) and the session cookie of a demo user.
// Usage: node scripts/lighthouse.mjs [base-url[,base-url…]] [user] [runs]   (default http://127.0.0.1:18480 zhangsan 3)
//        → control-server/target/lighthouse/*.json, every run's figures and a table of the medians on stdout, with the
//          machine's load average before and after (the figures move with the load of a shared machine)
// Several base URLs (e.g. the build before and after a change, each on its own server) are measured interleaved: run 1
// of each, then run 2 of each…, so they meet the same load. LH_PAGES (workbench,request-detail) and LH_PRESETS
// (desktop,mobile) narrow what is measured.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ensureRequest, session } from './demo-api.mjs'

const BASES = (process.argv[2] ?? 'http://127.0.0.1:18480').split(',')
const USER = process.argv[3] ?? 'zhangsan'
const RUNS = Number(process.argv[4] ?? 3)
const PAGES = (process.env.LH_PAGES ?? 'workbench,request-detail').split(',')
const PRESETS = (process.env.LH_PRESETS ?? 'desktop,mobile').split(',')
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')
console.log(`load average before: ${load()} (${new Date().toISOString()})`)
const OUT = fileURLToPath(new URL('../../target/lighthouse/', import.meta.url))
const CLI = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url))
mkdirSync(OUT, { recursive: true })

const servers = []
for (const [n, base] of BASES.entries()) {
  const requestId = await ensureRequest(base)
  const api = await session(base, USER)
  const pages = Object.entries({ workbench: `${base}/workbench`, 'request-detail': `${base}/requests/${requestId}` }).filter(([p]) => PAGES.includes(p))
  servers.push({ tag: BASES.length > 1 ? `s${n + 1}-` : '', base, api, pages })
}
const metric = (report, id) => Math.round(report.audits[id]?.numericValue ?? NaN)
const runs = []
for (let i = 1; i <= RUNS; i++) for (const { tag, base, api, pages } of servers) for (const [name, url] of pages) {
  for (const preset of PRESETS) {
    const out = `${OUT}${tag}${name}-${preset}-${i}.json`
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
    const run1 = { run: i, base, page: name, preset, accessibility: score('accessibility'), performance: score('performance'),
      bestPractices: score('best-practices'), fcpMs: metric(report, 'first-contentful-paint'), lcpMs: metric(report, 'largest-contentful-paint'),
      tbtMs: metric(report, 'total-blocking-time'), cls: Number((report.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
      siMs: metric(report, 'speed-index'), kib: Math.round((report.audits['total-byte-weight']?.numericValue ?? NaN) / 1024),
      requests: report.audits['network-requests']?.details?.items?.length, load: load(),
      finalUrl: report.finalDisplayedUrl ?? report.finalUrl, a11yFailed: failed.join(' ') }
    console.log(JSON.stringify(run1))
    runs.push({ ...run1, expected: url })
  }
}
console.log(`load average after: ${load()} (${new Date().toISOString()})`)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = []
for (const { base, pages } of servers) for (const [name] of pages) for (const preset of PRESETS) {
  const mine = runs.filter((r) => r.base === base && r.page === name && r.preset === preset)
  const med = (k) => median(mine.map((r) => r[k]))
  rows.push({ ...(servers.length > 1 ? { base } : {}), page: name, preset, runs: mine.length, accessibility: med('accessibility'),
    performance: med('performance'), performanceAll: mine.map((r) => r.performance).join('/'),
    bestPractices: med('bestPractices'), fcpMs: med('fcpMs'), lcpMs: med('lcpMs'), tbtMs: med('tbtMs'), cls: med('cls'), kib: med('kib'),
    redirected: mine.some((r) => !r.finalUrl.startsWith(r.expected)), a11yFailed: [...new Set(mine.flatMap((r) => r.a11yFailed.split(' ').filter(Boolean)))].join(' ') })
}
console.table(rows)
const bad = rows.filter((r) => r.accessibility < 90 || r.performance < 80 || r.redirected)
if (bad.length) {
  console.error('below target (median accessibility >= 90, performance >= 80) or redirected to the login page:', bad.map((r) => `${r.base ?? ''} ${r.page}/${r.preset}`).join(', '))
  process.exitCode = 1
}
