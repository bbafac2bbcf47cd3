// Talks to a running control server (demo mode) the way the web app does: session cookie, XSRF token, Idempotency-Key.
import { randomUUID } from 'node:crypto'
import { onePagePdf } from '../e2e/pdf.mjs'

export class DemoApi {
  constructor(base) {
    this.base = base
    this.cookies = new Map()
  }
  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim())
    }
  }
  async call(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json', Cookie: this.cookieHeader }
    if (method !== 'GET') {
      if (!this.cookies.has('XSRF-TOKEN')) this.keep(await fetch(`${this.base}/api/auth/csrf`, { headers: { Cookie: this.cookieHeader } }))
      headers.Cookie = this.cookieHeader
      headers['X-XSRF-TOKEN'] = this.cookies.get('XSRF-TOKEN') ?? ''
      headers['Idempotency-Key'] = randomUUID()
      headers['Content-Type'] = 'application/json'
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    this.keep(res)
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  /** Uploads a file as the web app does (multipart, field `file`); returns its metadata. */
  async upload(name, type, bytes) {
    if (!this.cookies.has('XSRF-TOKEN')) this.keep(await fetch(`${this.base}/api/auth/csrf`, { headers: { Cookie: this.cookieHeader } }))
    const form = new FormData()
    form.append('file', new Blob([bytes], { type }), name)
    const res = await fetch(`${this.base}/api/files`, { method: 'POST', body: form, headers: {
      Accept: 'application/json', Cookie: this.cookieHeader, 'X-XSRF-TOKEN': this.cookies.get('XSRF-TOKEN') ?? '', 'Idempotency-Key': randomUUID() } })
    if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  login(username, password = 'sealflow') {
    return this.call('POST', '/api/auth/login', { username, password })
  }
}

/** Logs in and returns a client carrying the session cookie. */
export async function session(base, username) {
  const api = new DemoApi(base)
  await api.login(username)
  return api
}

/** The id of a submitted request of 张三 (zhangsan), created when the demo database has none yet. */
export async function ensureRequest(base) {
  const api = await session(base, 'zhangsan')
  const mine = await api.call('GET', '/api/requests?scope=mine&size=1')
  const items = mine.items ?? mine
  if (items.length) return items[0].id
  const seals = await api.call('GET', '/api/seals')
  const seal = (seals.items ?? seals).find((s) => /财务|FINANCE/i.test(`${s.name}${s.type}`)) ?? (seals.items ?? seals)[0]
  const created = await api.call('POST', '/api/requests', {
    type: 'SEAL_USE', sealIds: [seal.id], documentType: 'FINANCIAL_STATEMENT', documentName: '2026 年 10 月财务报表', copies: 2,
    reason: '报送税务局', form: {}, fileIds: [], submit: true,
  })
  return created.id
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
async function poll(what, fn, ms = 120000) {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(500)
  }
}
async function sim(simBase, method, path, body) {
  const res = await fetch(`${simBase}${path}`, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
  if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** A one-page PDF of the quarterly statement (the document the approvers approve and the review compares). */
function statementPdf() {
  const text = 'BT /F1 20 Tf 72 760 Td (Financial Statements Q3 2026) Tj 0 -32 Td /F1 12 Tf (Prepared by: Example Technology Co., Ltd.) Tj '
    + '0 -18 Td (Period: 1 July - 30 September 2026) Tj 0 -18 Td (Submitted to: China Merchants Bank, annual credit review) Tj ET'
  return onePagePdf(text)
}

const COMMENTS = ['同意，报表已复核', '报表数据已与总账核对一致', '同意用印']

/**
 * The id of a completed request of 张三 with press photos (the quarterly statement stamped twice with the finance seal
 * at SD-01), driven through approvals and the virtual device when the demo database has none: pages that show a
 * finished request and the evidence review then have something real to show.
 */
export async function ensureStampedRequest(base, simBase) {
  const me = await session(base, 'zhangsan')
  const mine = await me.call('GET', '/api/requests?scope=mine&size=50')
  for (const r of (mine.items ?? mine).filter((x) => x.status === 'COMPLETED' && x.documentType === 'FINANCIAL_STATEMENT')) {
    const d = await me.call('GET', `/api/requests/${r.id}`)
    if (d.files?.length || d.fileIds?.length) return r.id
  }
  const seals = await me.call('GET', '/api/seals')
  const seal = (seals.items ?? seals).find((s) => s.deviceId === 'SD-01') ?? (seals.items ?? seals)[0]
  const file = await me.upload('2026Q3-financial-statements.pdf', 'application/pdf', statementPdf())
  const { id } = await me.call('POST', '/api/requests', {
    type: 'SEAL_USE', sealIds: [seal.id], documentType: 'FINANCIAL_STATEMENT', documentName: '2026 年三季度财务报表', copies: 2,
    counterparty: '招商银行', reason: '报送银行年度授信审查', form: {}, fileIds: [file.id], submit: true,
  })
  const admin = await session(base, 'admin')
  const users = await admin.call('GET', '/api/users')
  const username = (uid) => (users.items ?? users).find((u) => u.id === uid)?.username
  let round = 0
  const armed = await poll('the approvals and the unlock', async () => {
    const d = await me.call('GET', `/api/requests/${id}`)
    if (d.unlocks?.length && d.unlocks.every((u) => u.state === 'ACCEPTED')) return d
    for (const task of d.tasks.filter((t) => t.status === 'PENDING')) {
      const who = username(task.assigneeId)
      if (!who) continue
      await (await session(base, who)).call('POST', `/api/tasks/${task.id}/approve`, { comment: COMMENTS[round++ % COMMENTS.length] }).catch(() => {})
    }
    return false
  })
  const device = armed.unlocks[0].deviceId
  // the camera photographs the quarterly statement the request is for
  await sim(simBase, 'POST', `/sim/devices/${device}/paper`, { paper: 'FINANCIAL_STATEMENT' })
  await sim(simBase, 'POST', `/sim/devices/${device}/auth`, { pin: '1234' })
  await poll('the custodian session', async () => (await sim(simBase, 'GET', `/sim/devices/${device}`)).remainingPresses === armed.copies)
  for (let i = armed.copies; i > 0; i--) {
    await sim(simBase, 'POST', `/sim/devices/${device}/press`, {})
    await poll('the press to count', async () => (await sim(simBase, 'GET', `/sim/devices/${device}`)).remainingPresses === i - 1)
  }
  await poll('the request to complete with its photos', async () => {
    const d = await me.call('GET', `/api/requests/${id}`)
    return d.status === 'COMPLETED' && d.presses.length === armed.copies && d.presses.every((p) => p.photoSha256)
  })
  return id
}
