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

const KNOWN = ['request', 'task', 'notification', 'press', 'unlock', 'device', 'evidence', 'flow', 'message']

function dispatch(type: string, raw: string) {
  let data: Record<string, unknown> = {}
  try {
    data = JSON.parse(raw)
  } catch {
    data = { raw }
  }
  const e = { type: (data.type as string) ?? type, data }
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
