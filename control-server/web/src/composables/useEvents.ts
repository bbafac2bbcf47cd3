import { onBeforeUnmount, ref } from 'vue'
import { EVENTS_URL } from '@/api/notifications'

export interface LiveEvent {
  type: string
  data: Record<string, unknown>
}

type Listener = (e: LiveEvent) => void

/**
 * One EventSource for the whole app (`GET /api/events`), shared by every view that
 * wants live updates; reconnects with back-off when the server goes away.
 */
const listeners = new Set<Listener>()
let source: EventSource | null = null
let retry = 1000
export const connected = ref(false)

// `GET /api/events` sends `event: notification` with the notification `{id, kind, title, body, link, createdAt}`;
// modules may add "something changed" events named `<topic>.<what>` (request.changed, task.created…)
const KNOWN = ['request', 'task', 'notification', 'press', 'unlock', 'device', 'evidence', 'flow', 'message',
  'request.changed', 'task.created', 'press.recorded', 'unlock.changed', 'device.changed']

/** The event as listeners see it: the topic as `type`, and `requestId` when a notification links to a request. */
export function toLiveEvent(type: string, raw: string): LiveEvent {
  let data: Record<string, unknown> = {}
  try {
    const parsed = JSON.parse(raw)
    data = parsed && typeof parsed === 'object' ? parsed : { value: parsed }
  } catch {
    data = { raw }
  }
  if (typeof data.link === 'string' && data.requestId === undefined) {
    const m = data.link.match(/^\/requests\/([^/?#]+)/)
    if (m) data.requestId = m[1]
  }
  const name = typeof data.type === 'string' && type === 'message' ? data.type : type
  return { type: name.split('.')[0], data }
}

function dispatch(type: string, raw: string) {
  const e = toLiveEvent(type, raw)
  listeners.forEach((l) => l(e))
}

function open() {
  if (source || typeof EventSource === 'undefined') return
  source = new EventSource(EVENTS_URL, { withCredentials: true })
  source.onopen = () => {
    connected.value = true
    retry = 1000
  }
  for (const t of KNOWN) source.addEventListener(t, (m) => dispatch(t, (m as MessageEvent).data))
  source.onerror = () => {
    connected.value = false
    source?.close()
    source = null
    if (listeners.size) setTimeout(open, (retry = Math.min(retry * 2, 30000)))
  }
}

export function closeEvents() {
  source?.close()
  source = null
  connected.value = false
}

/** Subscribe for the lifetime of the calling component. */
export function useEvents(listener: Listener) {
  listeners.add(listener)
  open()
  onBeforeUnmount(() => {
    listeners.delete(listener)
  })
  return { connected }
}
