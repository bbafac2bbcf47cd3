// Shared pieces of the browser journeys: Debian's Chromium through playwright-core, sign-in, screenshots,
// the simulator's HTTP API, a small real PDF, and checks that fail with what was on the page.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { onePagePdf } from './pdf.mjs'

export const BASE = required('SEALFLOW_BASE')
export const SIM = required('SEALFLOW_SIM')
export const OUT = (process.env.SEALFLOW_SHOTS ?? 'target/e2e-screenshots').replace(/\/?$/, '/')
export const TIMEOUT = Number(process.env.SEALFLOW_E2E_TIMEOUT ?? 30000)
mkdirSync(OUT, { recursive: true })

function required(name) {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set`)
  return v.replace(/\/$/, '')
}

let browser
export async function launch() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  })
  return browser
}
export async function close() {
  await browser?.close()
}

/** Page errors and failed API calls seen by any page: the journeys end by asserting there were none. */
export const problems = []

/** A signed-in browser context for one person (its own cookies, like a separate browser). */
export async function signIn(user, locale = 'zh-CN', { phone = false, tour = false } = {}) {
  const ctx = await browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale }
    : { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale })
  ctx.setDefaultTimeout(TIMEOUT)
  // the first-run tour is taken in its own journey; everywhere else this person has seen it
  if (!tour) await ctx.addInitScript((u) => localStorage.setItem(`sealflow.tour.${u}`, 'done'), user)
  const page = await ctx.newPage()
  page.on('pageerror', (e) => problems.push(`[${user}] page error: ${e.message}`))
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) problems.push(`[${user}] ${r.status()} ${r.request().method()} ${r.url()}`)
  })
  await page.goto(`${BASE}/login`)
  await page.fill('input[name=username]', user)
  await page.fill('input[name=password]', 'sealflow')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/workbench/)
  return { ctx, page }
}

export const shots = []
export async function shot(page, name, { full = false, settle = 500 } = {}) {
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {})
  await page.waitForTimeout(settle)
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: full })
  shots.push(name)
}

/** Waits until the text is visible on the page; fails with the page's visible text. */
export async function see(page, text, within = page) {
  const loc = within.getByText(text, { exact: false }).first()
  try {
    await loc.waitFor({ state: 'visible' })
  } catch (e) {
    const body = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 1500)
    throw new Error(`expected to see "${text}" on ${page.url()}; the page shows: ${body}`)
  }
  return loc
}

export function check(cond, message) {
  if (!cond) throw new Error(message)
}

export async function sim(method, path, body) {
  const res = await fetch(`${SIM}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${text}`)
  return JSON.parse(text)
}

/** Polls until fn() returns a truthy value. */
export async function until(what, fn, ms = TIMEOUT) {
  const end = Date.now() + ms
  let last
  while (Date.now() < end) {
    last = await fn().catch((e) => e)
    if (last && !(last instanceof Error)) return last
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`)
}

/** The API as a page's signed-in user sees it (same cookies). */
export async function api(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { Accept: 'application/json' } })
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : null }
  }, path)
}

/** A JSON POST as the page's signed-in user (session cookie, the XSRF token echoed as the app does). */
export async function post(page, path, body) {
  return page.evaluate(async ([p, b]) => {
    if (!document.cookie.includes('XSRF-TOKEN=')) await fetch('/api/auth/csrf')
    const xsrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '')
    const r = await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': xsrf }, body: JSON.stringify(b) })
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : null }
  }, [path, body])
}

/** A small, valid one-page PDF (the contract the applicant uploads). */
export function contractPdf(title) {
  const text = `BT /F1 20 Tf 72 760 Td (${title}) Tj 0 -32 Td /F1 12 Tf (Party A: Example Technology Co., Ltd.) Tj `
    + '0 -18 Td (Party B: Hangzhou Supplier Co., Ltd.) Tj 0 -18 Td (Amount: CNY 80,000.00) Tj ET'
  return onePagePdf(text)
}
