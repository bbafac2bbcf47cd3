// Screenshot of the statistics dashboard served by a running control server (not the mock), with Debian's Chromium.
// Usage: node scripts/stats-screenshot.mjs http://localhost:18080 ../../docs/screenshots/real-stats.png [username] [locale]
import { chromium } from 'playwright-core'

const [base = 'http://localhost:8080', out = 'stats.png', user = 'admin', locale = 'zh-CN'] = process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: Number(process.env.HEIGHT ?? 1800) }, deviceScaleFactor: 1, locale })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()) })
  if (locale === 'en') await page.addInitScript(() => localStorage.setItem('sealflow.locale', 'en'))
  await page.goto(`${base}/login`)
  await page.fill('input[name=username]', user)
  await page.fill('input[name=password]', 'sealflow')
  await page.click('button[type=submit]')
  await page.waitForURL(/workbench/)
  await page.goto(`${base}/stats`)
  // the app keeps an event stream open, so wait for the dashboard's last chart instead of network idle
  await page.waitForSelector('.ranking, .sf-empty', { timeout: 60000 })
  await page.waitForTimeout(2000)
  await page.screenshot({ path: out, fullPage: true })
  console.log(`wrote ${out}`)
} finally {
  await browser.close()
}
