// Main-thread work of a request detail page on a phone, from a Chromium trace with the CPU slowed down 4× (as
// Lighthouse's phone profile assumes), without network throttling: what the page's own code costs, apart from the
// network. Steadier than Lighthouse's score on a shared machine, since it measures work rather than simulated time.
// Usage: node scripts/main-thread.mjs [base-url[,base-url…]] [runs]   (default http://127.0.0.1:18480 5)
//        Several base URLs (the build before and after a change, each on its own server) are measured interleaved.
// Per run and as medians: first and largest contentful paint (ms after navigation start), blocking time (the part of
// every task after the first paint beyond 50 ms), the main thread's busy time and its share in layout, style, CSS
// parsing, microtasks (mostly rendering) and module or script evaluation, and the long tasks (start+duration).
import { loadavg } from 'node:os'
import { chromium } from 'playwright-core'
import { ensureRequest, session } from './demo-api.mjs'

const BASES = (process.argv[2] ?? 'http://127.0.0.1:18480').split(',')
const RUNS = Number(process.argv[3] ?? 5)
const CATEGORIES = 'blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,loading'

async function measure(browser, { base, id, api }) {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true })
  await ctx.addCookies(api.cookieHeader.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: base })))
  const page = await ctx.newPage()
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  const events = []
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value))
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done))
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' })
  await page.goto(`${base}/requests/${id}`, { waitUntil: 'load' })
  await page.waitForSelector('.flow-canvas .node-card', { timeout: 60_000 })
  await page.waitForTimeout(1500)
  await cdp.send('Tracing.end')
  await complete
  await ctx.close()
  const nav = events.filter((e) => e.name === 'navigationStart' && /\/requests\//.test(e.args?.data?.documentLoaderURL ?? '')).sort((a, b) => a.ts - b.ts).pop()
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= nav.ts)
  const mark = (name) => events.filter((e) => e.name === name && e.pid === nav.pid && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts)
  const fcp = mark('firstContentfulPaint')[0]
  const lcp = mark('largestContentfulPaint::Candidate').pop()
  const tasks = main.filter((e) => e.name === 'RunTask')
  const ms = (name) => main.filter((e) => e.name === name).reduce((s, e) => s + e.dur, 0) / 1000
  return {
    fcp: fcp ? (fcp.ts - nav.ts) / 1000 : NaN,
    lcp: lcp ? (lcp.ts - nav.ts) / 1000 : NaN,
    blocking: tasks.filter((e) => e.ts >= (fcp?.ts ?? nav.ts)).reduce((s, e) => s + Math.max(0, e.dur / 1000 - 50), 0),
    busy: tasks.reduce((s, e) => s + e.dur, 0) / 1000,
    layout: ms('Layout'), style: ms('UpdateLayoutTree'), cssParse: ms('ParseAuthorStyleSheet'), microtasks: ms('RunMicrotasks'),
    evaluation: ms('v8.evaluateModule') + ms('EvaluateScript'),
    long: tasks.filter((e) => e.dur > 50_000).map((e) => `${Math.round((e.ts - nav.ts) / 1000)}+${Math.round(e.dur / 1000)}`).join(' '),
  }
}

const servers = []
for (const base of BASES) servers.push({ base, id: await ensureRequest(base), api: await session(base, 'zhangsan'), runs: [] })
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const KEYS = ['fcp', 'lcp', 'blocking', 'busy', 'layout', 'style', 'cssParse', 'microtasks', 'evaluation']
const row = (r) => KEYS.map((k) => `${k} ${Number.isFinite(r[k]) ? Math.round(r[k]) : '-'}`).join('  ')
try {
  for (let i = 1; i <= RUNS; i++) for (const s of servers) {
    const r = await measure(browser, s)
    s.runs.push(r)
    console.log(`${s.base} run ${i} (load ${loadavg()[0].toFixed(2)}): ${row(r)}  long tasks ${r.long}`)
  }
} finally {
  await browser.close()
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
for (const s of servers) console.log(`median ${s.base}: ${row(Object.fromEntries(KEYS.map((k) => [k, median(s.runs.map((r) => r[k]))])))}`)
