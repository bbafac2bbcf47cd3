// A mock of the control server's HTTP API (DESIGN.md §8) plus a static server for the built app.
// For local development (`npm run dev` proxies /api here) and screenshots. Never part of the bundle.
import { createServer, request as httpRequest } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as fx from './fixtures.mjs'
import { documentSvg, photoSvg } from './images.mjs'

const PORT = Number(process.env.PORT ?? 5180)
const ROOT = fileURLToPath(new URL(process.env.WEBROOT ?? '../../target/classes/webroot/', import.meta.url))
const STATS = process.env.MOCK_NO_STATS ? null : fx.stats
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' }
const clients = new Set()
// API_TARGET=http://127.0.0.1:8080 forwards /api to a real control server instead of mocking it
const API_TARGET = process.env.API_TARGET ? new URL(process.env.API_TARGET) : null

function proxy(req, res) {
  const up = httpRequest({ hostname: API_TARGET.hostname, port: API_TARGET.port, path: req.url, method: req.method, headers: { ...req.headers, host: API_TARGET.host } }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers)
    r.pipe(res)
  })
  up.on('error', () => problem(res, 502, 'Control server unreachable'))
  req.pipe(up)
}

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
const problem = (res, status, title, extra = {}) => json(res, status, { type: `urn:sealflow:problem:${status}`, title, status, ...extra })
const cookies = (req) => Object.fromEntries((req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).filter((p) => p[0]))
const me = (req) => fx.users.find((u) => u.id === cookies(req).SFSESSION)
async function body(req) {
  let raw = ''
  for await (const chunk of req) raw += chunk
  try { return raw ? JSON.parse(raw) : {} } catch { return {} }
}
const broadcast = (type, data) => { for (const c of clients) c.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`) }

function summary(r) {
  const { tasks, timeline, unlocks, presses, files, ...rest } = r
  return rest
}

function simulate(flow, applicantId, form) {
  const user = fx.users.find((u) => u.id === applicantId) ?? fx.users[1]
  const ctx = { ...form, applicant: { departmentId: user.departmentId, roles: user.roles } }
  const get = (f) => f.split('.').reduce((a, k) => (a == null ? a : a[k]), ctx) ?? ctx[f]
  const sealType = form.sealType
  ctx.sealType = sealType
  const cond = (c) => {
    const v = get(c.field)
    switch (c.op) {
      case 'in': return [].concat(c.value).map(String).includes(String(v))
      case 'notIn': return ![].concat(c.value).map(String).includes(String(v))
      case 'gte': return Number(v) >= Number(c.value)
      case 'gt': return Number(v) > Number(c.value)
      case 'lte': return Number(v) <= Number(c.value)
      case 'lt': return Number(v) < Number(c.value)
      case 'eq': return String(v) === String(c.value)
      case 'ne': return String(v) !== String(c.value)
      case 'between': return Number(v) >= Number(c.value[0]) && Number(v) <= Number(c.value[1])
      case 'isEmpty': return v == null || v === ''
      case 'contains': return Array.isArray(v) ? v.includes(c.value) : String(v ?? '').includes(c.value)
      default: return false
    }
  }
  const holds = (w) => !!w?.anyOf?.some((g) => g.allOf?.length && g.allOf.every(cond))
  const dept = fx.departments.find((d) => d.id === user.departmentId)
  const resolve = (a) => {
    if (!a) return []
    const pick = (ids) => ids.map((id) => ({ id, name: fx.userName(id) }))
    switch (a.type) {
      case 'USERS': return pick(a.userIds)
      case 'ROLE': return pick(fx.users.filter((u) => u.roles.includes(a.role)).map((u) => u.id))
      case 'DEPT_HEAD': return a.level === 1 ? pick([dept?.headId].filter(Boolean)) : pick(['sunba'])
      case 'SEAL_CUSTODIAN': return pick(['wushi'])
      case 'APPLICANT': return pick([user.id])
      default: return []
    }
  }
  const path = []
  const walk = (n) => {
    for (; n; n = n.next) {
      const step = { nodeId: n.id, name: n.name, type: n.type, mode: n.mode, approvers: resolve(n.approvers ?? n.recipients?.[0]) }
      path.push(step)
      if (n.branches) {
        let chosen
        if (n.type === 'PARALLEL') chosen = n.branches
        else {
          const hit = n.branches.filter((b) => !b.default && holds(b.when))
          chosen = n.type === 'CONDITION' ? hit.slice(0, 1) : hit
          if (!chosen.length) chosen = n.branches.filter((b) => b.default)
        }
        step.branches = n.branches.map((b) => ({ branchId: b.id, name: b.name, taken: chosen.includes(b) }))
        for (const b of chosen) walk(b.next)
      }
    }
  }
  walk(flow.root)
  return { path }
}

async function api(req, res, url) {
  const p = url.pathname
  const m = req.method
  if (p === '/api/auth/csrf') { res.writeHead(204, { 'set-cookie': 'XSRF-TOKEN=mock-xsrf; Path=/' }); return res.end() }
  if (p === '/api/auth/login' && m === 'POST') {
    const b = await body(req)
    const u = fx.users.find((x) => x.username === b.username)
    if (!u || b.password !== 'sealflow') return problem(res, 401, 'Bad credentials')
    return json(res, 200, u, { 'set-cookie': `SFSESSION=${u.id}; Path=/; HttpOnly` })
  }
  if (p === '/api/auth/logout') { res.writeHead(204, { 'set-cookie': 'SFSESSION=; Path=/; Max-Age=0' }); return res.end() }
  const user = me(req)
  if (!user) return problem(res, 401, 'Not signed in')
  if (m !== 'GET' && req.headers['x-xsrf-token'] !== 'mock-xsrf') return problem(res, 403, 'Missing XSRF token')
  if (p === '/api/me') return json(res, 200, user)
  if (p === '/api/users') return json(res, 200, fx.users)
  if (p === '/api/departments') return json(res, 200, fx.departments)
  if (p === '/api/seals') return json(res, 200, fx.seals)
  if (p === '/api/devices') return json(res, 200, fx.devices)
  let g
  if ((g = p.match(/^\/api\/devices\/([^/]+)\/events$/))) return json(res, 200, fx.deviceEvents(g[1]))
  if ((g = p.match(/^\/api\/devices\/([^/]+)\/enrolment-code$/))) return json(res, 200, { code: 'K7Q2-9XMD', expiresAt: new Date(Date.now() + 86400_000).toISOString() })
  if ((g = p.match(/^\/api\/seals\/([^/]+)\/([a-z-]+)$/)) && m === 'POST') {
    const s = fx.seals.find((x) => x.id === g[1])
    s.status = { suspend: 'SUSPENDED', resume: 'ACTIVE', 'report-lost': 'LOST', destroy: 'DESTROYED' }[g[2]]
    return json(res, 200, s)
  }
  if (p === '/api/flows') return json(res, 200, Object.values(fx.flows).map(({ draft, published, byVersion, ...s }) => s))
  if ((g = p.match(/^\/api\/flows\/([^/]+)$/))) {
    const f = fx.flows[g[1]]
    if (!f) return problem(res, 404, 'No such flow')
    const { byVersion, ...detail } = f
    return json(res, 200, detail)
  }
  if ((g = p.match(/^\/api\/flows\/([^/]+)\/draft$/)) && m === 'PUT') {
    const b = await body(req)
    const errors = []
    const visit = (n) => { for (; n; n = n.next) { if (n.approvers?.type === 'USERS' && !n.approvers.userIds.length) errors.push({ nodeId: n.id, message: '指定成员不能为空' }); for (const br of n.branches ?? []) visit(br.next) } }
    visit(b.root)
    if (errors.length) return problem(res, 422, 'Invalid flow', { errors })
    const f = (fx.flows[g[1]] ??= { key: g[1], name: b.name, publishedVersion: null, versions: [], byVersion: {} })
    f.draft = b
    f.hasDraft = true
    return json(res, 200, f)
  }
  if ((g = p.match(/^\/api\/flows\/([^/]+)\/publish$/))) {
    const f = fx.flows[g[1]]
    const v = (f.publishedVersion ?? 0) + 1
    f.byVersion[v] = f.draft
    f.published = f.draft
    f.publishedVersion = v
    f.versions.push({ version: v, publishedAt: new Date().toISOString(), publishedBy: user.name })
    return json(res, 200, { key: f.key, version: v })
  }
  if ((g = p.match(/^\/api\/flows\/([^/]+)\/versions\/(\d+)$/))) {
    const f = fx.flows[g[1]]?.byVersion[g[2]]
    return f ? json(res, 200, { ...f, version: Number(g[2]) }) : problem(res, 404, 'No such version')
  }
  if ((g = p.match(/^\/api\/flows\/([^/]+)\/versions\/(\d+)\/bpmn$/))) { res.writeHead(200, { 'content-type': 'application/xml' }); return res.end('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>') }
  if ((g = p.match(/^\/api\/flows\/([^/]+)\/simulate$/))) {
    const b = await body(req)
    const f = fx.flows[g[1]]
    return json(res, 200, simulate(f.draft ?? f.published, b.applicantId, b.form ?? {}))
  }
  if (p === '/api/requests' && m === 'GET') {
    const scope = url.searchParams.get('scope') ?? 'mine'
    const status = url.searchParams.get('status')
    const q = url.searchParams.get('q')
    let items = fx.requests
    if (scope === 'mine') items = items.filter((r) => r.applicantId === user.id)
    if (scope === 'done') items = items.filter((r) => r.tasks.some((t) => t.assigneeId === user.id && t.status !== 'PENDING'))
    if (scope === 'todo') items = items.filter((r) => r.tasks.some((t) => t.assigneeId === user.id && t.status === 'PENDING'))
    if (scope === 'cc') items = items.filter((r) => r.status === 'COMPLETED' && r.applicantId !== user.id).slice(0, 3)
    if (status) items = items.filter((r) => r.status === status)
    if (q) items = items.filter((r) => `${r.no}${r.documentName}${r.counterparty ?? ''}`.includes(q))
    return json(res, 200, { items: items.map(summary), total: items.length, page: 0, size: 20 })
  }
  if (p === '/api/requests' && m === 'POST') {
    const b = await body(req)
    const r = { ...fx.requests[1], ...b, id: `r${fx.requests.length + 1}`, no: `REQ-20261126-00${fx.requests.length + 10}`, status: b.submit ? 'IN_PROGRESS' : 'DRAFT', applicantId: user.id, applicantName: user.name, createdAt: new Date().toISOString() }
    fx.requests.unshift(r)
    broadcast('request', { requestId: r.id })
    return json(res, 201, r)
  }
  if ((g = p.match(/^\/api\/requests\/([^/]+)$/))) {
    const r = fx.requests.find((x) => x.id === g[1])
    return r ? json(res, 200, r) : problem(res, 404, 'No such request')
  }
  if ((g = p.match(/^\/api\/requests\/([^/]+)\/(withdraw|urge|comments|submit)$/))) { broadcast('request', { requestId: g[1] }); return json(res, 200, fx.requests.find((x) => x.id === g[1])) }
  if (p === '/api/tasks') {
    const status = url.searchParams.get('status') ?? 'pending'
    const tasks = fx.requests.flatMap((r) => r.tasks.filter((t) => t.assigneeId === user.id && (status === 'pending' ? t.status === 'PENDING' : t.status !== 'PENDING'))
      .map((t) => ({ ...t, requestNo: r.no, documentName: r.documentName, applicantName: r.applicantName })))
    if (status === 'pending' && user.id === 'lisi') tasks.push({ id: 'tx', requestId: 'r2', requestNo: 'REQ-20261126-0006', nodeId: 'dept', nodeName: '部门负责人审批', status: 'PENDING', documentName: '高新技术企业认定申报材料', applicantName: '陈宇', createdAt: new Date(Date.now() - 7200_000).toISOString() })
    return json(res, 200, tasks)
  }
  if ((g = p.match(/^\/api\/tasks\/([^/]+)\/([a-z-]+)$/)) && m === 'POST') {
    const t = fx.requests.flatMap((r) => r.tasks).find((x) => x.id === g[1])
    if (!t || t.status !== 'PENDING') return problem(res, 409, 'Task already decided', { detail: '该任务已被处理' })
    const b = await body(req)
    t.status = { approve: 'APPROVED', reject: 'REJECTED', return: 'RETURNED', transfer: 'TRANSFERRED', delegate: 'DELEGATED', 'add-signers': 'PENDING' }[g[2]]
    t.comment = b.comment
    t.decidedAt = new Date().toISOString()
    broadcast('task', { requestId: t.requestId })
    res.writeHead(204); return res.end()
  }
  if (p === '/api/evidence') {
    const flagged = url.searchParams.get('flagged') === 'true'
    const dev = url.searchParams.get('deviceId')
    return json(res, 200, fx.presses.filter((x) => (!flagged || x.flags.length) && (!dev || x.deviceId === dev)).map(({ kind, ...x }) => x))
  }
  if ((g = p.match(/^\/api\/evidence\/([^/]+)\/photo$/))) {
    const press = fx.presses.find((x) => x.id === g[1])
    if (!press) return problem(res, 404, 'No photo')
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' })
    return res.end(photoSvg(press, fx.seals.find((s) => s.id === press.sealId)?.name ?? ''))
  }
  if ((g = p.match(/^\/api\/evidence\/([^/]+)\/review$/))) {
    const b = await body(req)
    const press = fx.presses.find((x) => x.id === g[1])
    press.review = { verdict: b.verdict, comment: b.comment, reviewerName: user.name, at: new Date().toISOString() }
    return json(res, 200, press)
  }
  if ((g = p.match(/^\/api\/files\/([^/]+)$/))) {
    const f = fx.requests.flatMap((r) => r.files ?? []).find((x) => x.id === g[1])
    res.writeHead(200, { 'content-type': 'image/svg+xml' })
    return res.end(documentSvg(f?.name ?? '文件'))
  }
  if (p === '/api/files' && m === 'POST') {
    for await (const _ of req) { /* drain */ }
    return json(res, 201, { id: `f${Date.now()}`, name: '上传的文件.pdf', size: 120_000, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', contentType: 'image/svg+xml' })
  }
  if (p === '/api/archive') {
    // the server answers a page of records (ArchivePage), as the archive view reads it
    const items = fx.requests.filter((r) => r.status === 'COMPLETED').map((r, i) => ({ no: `ARC-2026-${String(118 + i).padStart(5, '0')}`, requestId: r.id, requestNo: r.no, documentName: r.documentName, counterparty: r.counterparty, applicantName: r.applicantName, departmentName: r.departmentName, sealNames: (r.sealNames ?? []).join('、'), pressCount: r.presses?.length ?? 0, archivedAt: r.createdAt, verificationCode: `V${(7391 * (i + 3)).toString(36).toUpperCase()}` }))
    return json(res, 200, { items, page: 1, size: 20, total: items.length })
  }
  if ((g = p.match(/^\/api\/verify\/([^/]+)$/))) {
    // the public view the server answers (ArchiveService.publicView): only what a stranger with the code may see
    if (!g[1].startsWith('V')) return problem(res, 404, 'Unknown code')
    const r = fx.requests.find((x) => x.status === 'COMPLETED')
    const ms = (at) => (at == null ? null : new Date(at).getTime())
    const presses = (r.presses ?? []).map((x) => ({ at: ms(x.at), photoSha256: x.photoSha256 ?? null }))
    return json(res, 200, { no: 'ARC-2026-00118', documentName: r.documentName, company: '示例科技有限公司', seals: r.sealNames ?? [],
      submittedAt: ms(r.createdAt), finishedAt: ms(r.createdAt) + 26 * 3600_000, archivedAt: ms(r.createdAt) + 26 * 3600_000 + 60_000,
      pressCount: presses.length, presses, addenda: 1, status: 'VALID',
      integrity: { ok: true, storedHash: '3f9a0c7d5e2b8a41c6d0e9f7a3b5c1d2e8f4a6b0c9d7e5f3a1b2c4d6e8f0a9b7', recomputedHash: '3f9a0c7d5e2b8a41c6d0e9f7a3b5c1d2e8f4a6b0c9d7e5f3a1b2c4d6e8f0a9b7', problems: [] } })
  }
  if (p === '/api/audit/verify') return json(res, 200, { ok: true, checked: 1284 })
  if (p === '/api/notifications') return json(res, 200, fx.notifications)
  if ((g = p.match(/^\/api\/notifications\/([^/]+)\/read$/))) { const n = fx.notifications.find((x) => x.id === g[1]); if (n) n.read = true; res.writeHead(204); return res.end() }
  if (p.startsWith('/api/stats/')) {
    if (!STATS) return problem(res, 404, 'Not Found')
    if (p === '/api/stats/summary') return json(res, 200, STATS.summary)
    if (p === '/api/stats/nodes') return json(res, 200, url.searchParams.get('flowKey') === 'take-out' ? STATS.nodes.slice(0, 2) : STATS.nodes)
    if (p === '/api/stats/devices') return json(res, 200, STATS.devices)
    if (p === '/api/stats/seals') return json(res, 200, STATS.devices.map((d) => ({ sealId: d.sealId, presses: d.presses, flagged: d.flagged, activeDays: 12, utilisation: 0.4 })))
    if (p === '/api/stats/trend') return json(res, 200, STATS.summary.daily)
    if (p === '/api/stats/bottlenecks') return json(res, 200, [...STATS.nodes].sort((a, b) => b.avgHours - a.avgHours).map((n, i) => ({ ...n, rank: i + 1, flowKey: 'seal-use', flowName: '用印申请' })))
    if (p === '/api/stats/departments' || p === '/api/stats/flows') return json(res, 200, [])
  }
  if (p === '/api/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write(': connected\n\n')
    clients.add(res)
    const ping = setInterval(() => res.write(': ping\n\n'), 15000)
    req.on('close', () => { clearInterval(ping); clients.delete(res) })
    return
  }
  return problem(res, 404, 'Not Found')
}

async function staticFile(res, pathname) {
  let file = normalize(join(ROOT, decodeURIComponent(pathname)))
  if (!file.startsWith(ROOT)) file = join(ROOT, 'index.html')
  try {
    if (!(await stat(file)).isFile()) throw new Error('dir')
  } catch {
    file = join(ROOT, 'index.html')
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(await readFile(file))
}

createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`)
  if (API_TARGET && url.pathname.startsWith('/api/')) return proxy(req, res)
  const done = url.pathname.startsWith('/api/') ? api(req, res, url) : staticFile(res, url.pathname)
  done.catch((e) => { console.error(e); if (!res.headersSent) problem(res, 500, 'Mock error') })
}).listen(PORT, '127.0.0.1', () => console.log(`mock SealFlow on http://127.0.0.1:${PORT} (webroot ${ROOT})`))
