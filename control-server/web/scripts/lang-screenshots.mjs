// zh-CN and en screenshots of the workbench, a request detail, the flow designer and the evidence review page,
// taken with Debian's Chromium against a running control server in demo mode.
// Usage: node scripts/lang-screenshots.mjs [base-url] [out-dir] [simulator-url]
//        (default http://127.0.0.1:18480 ../../docs/screenshots http://127.0.0.1:18481)
// The request shown is 张三's quarterly statement, approved and stamped twice at SD-01 through the API and the
// simulator's HTTP API when the demo database has no such request yet, so the review page has its photos.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { ensureStampedRequest, session } from './demo-api.mjs'

const BASE = process.argv[2] ?? 'http://127.0.0.1:18480'
const OUT = process.argv[3] ?? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
mkdirSync(OUT, { recursive: true })

const SIM = process.argv[4] ?? 'http://127.0.0.1:18481'
const requestId = await ensureStampedRequest(BASE, SIM)
const flows = await (await session(BASE, 'admin')).call('GET', '/api/flows')
const flowKey = ((flows.items ?? flows).find((f) => f.key === 'seal-use') ?? (flows.items ?? flows)[0]).key
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const errors = []
async function as(user, locale, fn) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale })
  await ctx.addInitScript((l) => localStorage.setItem('sealflow.locale', l), locale)
  // the pages as a returning user sees them: the first-run tour has been taken
  await ctx.addInitScript((u) => localStorage.setItem(`sealflow.tour.${u}`, 'done'), user)
  const page = await ctx.newPage()
  page.on('pageerror', (e) => errors.push(`${user}/${locale}: ${e.message}`))
  await page.goto(`${BASE}/login`)
  await page.fill('input[name=username]', user)
  await page.fill('input[name=password]', 'sealflow')
  await page.click('button[type=submit]')
  await page.waitForURL(/workbench/)
  await fn(page)
  await ctx.close()
}
async function shot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(800)
  await page.screenshot({ path: `${OUT}${name}.png` })
  console.log(`${OUT}${name}.png`)
}
try {
  for (const [locale, tag] of [['zh-CN', 'zh'], ['en', 'en']]) {
    await as('zhangsan', locale, async (page) => {
      await shot(page, `lang-${tag}-workbench`)
      await page.goto(`${BASE}/requests/${requestId}`)
      await shot(page, `lang-${tag}-request-detail`)
    })
    await as('admin', locale, async (page) => {
      await page.goto(`${BASE}/flows/${flowKey}/design`)
      await shot(page, `lang-${tag}-designer`)
    })
    await as('anbao', locale, async (page) => {
      await page.goto(`${BASE}/evidence`)
      await page.waitForLoadState('networkidle').catch(() => {})
      const card = page.locator('[data-press-id]').first()
      if (await card.count()) await card.click()
      await shot(page, `lang-${tag}-review`)
    })
  }
} finally {
  await browser.close()
}
if (errors.length) {
  console.error(errors.join('\n'))
  process.exitCode = 1
}
