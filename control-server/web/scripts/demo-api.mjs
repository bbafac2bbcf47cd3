// Talks to a running control server (demo mode) the way the web app does: session cookie, XSRF token, Idempotency-Key.
import { randomUUID } from 'node:crypto'

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
