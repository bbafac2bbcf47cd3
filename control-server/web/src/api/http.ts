/**
 * The one HTTP client of the app: session cookie, the XSRF-TOKEN cookie echoed as
 * X-XSRF-TOKEN on mutations, an Idempotency-Key per mutation, and RFC 9457
 * problem+json turned into {@link ApiError}.
 */

export interface FieldError {
  /** Which form field or flow node the error is about (server sends `field` or `nodeId`). */
  field?: string
  nodeId?: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  errors?: FieldError[]
}

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.status = problem.status
    this.problem = problem
  }
  get errors(): FieldError[] {
    return this.problem.errors ?? []
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function readCookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (c && 'randomUUID' in c) return c.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

/** Called on every 401 so the app can send the user to the login page. */
let onUnauthorized: () => void = () => {}
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>
  body?: unknown
  idempotencyKey?: string
  signal?: AbortSignal
  /** Do not redirect to login on 401 (the login page itself, `me` probing). */
  quiet401?: boolean
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.append(k, String(v))
  }
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

export async function toApiError(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status, title: res.statusText }
  const type = res.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      problem = { ...(await res.json()), status: res.status }
    } catch {
      /* a broken body still yields the status */
    }
  }
  return new ApiError(problem)
}

let csrfPrimed = false
async function ensureCsrf() {
  if (csrfPrimed || readCookie('XSRF-TOKEN')) return
  csrfPrimed = true
  try {
    await fetch('/api/auth/csrf', { credentials: 'same-origin' })
  } catch {
    /* the mutation will report the real failure */
  }
}

/** A GET boot/early.js started before the app's code had arrived, keyed by its URL. */
interface EarlyGet { at: number; res: Promise<Response> }
const EARLY_MAX_AGE_MS = 15_000

/**
 * Takes (once) the response of a GET started by boot/early.js for this URL while the page loaded. A failed or refused
 * answer, or one older than 15 s, is not used (a real request follows), so the early GETs never decide anything.
 */
export async function takeEarly(url: string, now = Date.now(), scope: { __sfEarly?: Record<string, EarlyGet> } = globalThis as never): Promise<Response | undefined> {
  const early = scope.__sfEarly?.[url]
  if (!early) return undefined
  delete scope.__sfEarly![url]
  if (now - early.at > EARLY_MAX_AGE_MS) return undefined
  const res = await early.res.catch(() => undefined)
  return res?.ok ? res : undefined
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: BodyInit | undefined
  if (MUTATING.has(method)) {
    await ensureCsrf()
    const xsrf = readCookie('XSRF-TOKEN')
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf
    headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey()
  }
  if (opts.body instanceof FormData) {
    body = opts.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  const url = buildUrl(path, opts.query)
  const early = method === 'GET' && !opts.signal ? await takeEarly(url) : undefined
  const res = early ?? await fetch(url, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  })
  if (!res.ok) {
    const err = await toApiError(res)
    if (res.status === 401 && !opts.quiet401) onUnauthorized()
    throw err
  }
  if (res.status === 204) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  return (type.includes('json') ? await res.json() : await res.text()) as T
}

export const http = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
}
