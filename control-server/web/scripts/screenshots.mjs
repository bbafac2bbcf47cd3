// Screenshots of the built app against the mock API, with Debian's Chromium (never a downloaded browser).
// Usage: npm run build && npm run screenshots   → control-server/target/screenshots/*.png
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const OUT = fileURLToPath(new URL('../../target/screenshots/', import.meta.url))
const PORT = 5181
const BASE = `http://127.0.0.1:${PORT}`
mkdirSync(OUT, { recursive: true })

const mock = spawn(process.execPath, [fileURLToPath(new URL('../mock/server.mjs', import.meta.url))], { env: { ...process.env, PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'inherit'] })
await new Promise((resolve) => mock.stdout.once('data', resolve))

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const only = process.argv[2]
const shots = []
async function session(user, fn, locale = 'zh-CN') {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => console.error(`[${user}] page error:`, e.message))
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[${user}] console:`, m.text()) })
  if (locale === 'en') await page.addInitScript(() => localStorage.setItem('sealflow.locale', 'en'))
  if (user) {
    await page.goto(`${BASE}/login`)
    await page.fill('input[name=username]', user)
    await page.fill('input[name=password]', 'sealflow')
    await page.click('button[type=submit]')
    await page.waitForURL(/workbench/)
  }
  await fn(page)
  await ctx.close()
}
async function shot(page, name, opts = {}) {
  if (only && !name.includes(only)) return
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(opts.wait ?? 600)
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: !!opts.full })
  shots.push(name)
}

try {
  await session(null, async (page) => {
    await page.goto(`${BASE}/login`)
    await shot(page, '01-login')
  })
  await session('sunba', async (page) => {
    await shot(page, '02-workbench')
    await page.goto(`${BASE}/requests/r1`)
    await shot(page, '03-request-detail')
    await page.getByText('流转记录').click()
    await shot(page, '04-request-timeline')
  })
  await session('admin', async (page) => {
    await page.goto(`${BASE}/flows/seal-use/design`)
    await shot(page, '05-flow-designer')
    await page.locator('[data-test=add-node]').nth(1).click()
    await shot(page, '05b-designer-add-node', { wait: 800 })
    await page.keyboard.press('Escape')
    await page.locator('[data-node-id=dept]').first().click()
    await shot(page, '06-designer-settings')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)
    await page.locator('[data-branch-id=fin-b]').click()
    await shot(page, '07-designer-condition')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)
    await page.click('[data-test=open-simulation]')
    await page.click('[data-test=run-simulation]')
    await shot(page, '08-designer-simulation', { wait: 1200 })
    await page.goto(`${BASE}/flows/seal-use/design`)
    await page.getByRole('button', { name: '版本历史' }).click()
    await page.getByRole('button', { name: '与上一版对比' }).click()
    await shot(page, '09-designer-version-diff', { wait: 1200 })
    await page.goto(`${BASE}/seals`)
    await shot(page, '10-seals')
    await page.goto(`${BASE}/devices`)
    await shot(page, '11-devices')
    await page.locator('.el-table__expand-icon').first().click()
    await page.getByRole('button', { name: '注册码' }).first().click()
    await shot(page, '11b-devices-enrolment', { wait: 1000 })
    await page.keyboard.press('Escape')
    await page.goto(`${BASE}/stats`)
    await shot(page, '12-stats', { wait: 1500 })
  })
  await session('anbao', async (page) => {
    await page.goto(`${BASE}/evidence`)
    await shot(page, '13-evidence-gallery', { wait: 1200 })
    await page.locator('[data-press-id=p3]').click()
    await shot(page, '14-evidence-review', { wait: 1200 })
  })
  await session('auditor', async (page) => {
    await page.goto(`${BASE}/archive`)
    await page.fill('.el-input.sf-mono input', 'V1A2B')
    await page.getByRole('button', { name: '验证', exact: true }).click()
    await shot(page, '17-archive', { wait: 800 })
  })
  await session('zhangsan', async (page) => {
    await page.goto(`${BASE}/requests/r5`)
    await shot(page, '03b-request-completed', { wait: 1500 })
    await page.goto(`${BASE}/requests/new`)
    await page.locator('[data-seal-id=s-contract]').click()
    await shot(page, '15-request-form')
  })
  await session('lisi', async (page) => {
    await shot(page, '16-workbench-en')
  }, 'en')
} finally {
  await browser.close()
  mock.kill()
}
console.log(`screenshots: ${shots.length} in ${OUT}\n${shots.join('\n')}`)
