import { http } from './http'
import { asList } from './normalise'
import type { Notification } from './types'

type Loose = Record<string, unknown>

/**
 * The server's notification, `{id, kind, title, body, link, createdAt, readAt}` (a page of them from
 * `GET /api/notifications`, one as the data of an SSE `notification` event), as the views use it.
 */
export function normaliseNotification(n: Loose): Notification {
  const link = typeof n.link === 'string' ? n.link : undefined
  const fromLink = link?.match(/^\/requests\/([^/?#]+)/)?.[1]
  return {
    id: String(n.id),
    at: (n.createdAt ?? n.at) as string,
    title: String(n.title ?? ''),
    body: (n.body as string | null) ?? undefined,
    kind: n.kind as string | undefined,
    link,
    requestId: (n.requestId as string | undefined) ?? fromLink,
    read: typeof n.read === 'boolean' ? n.read : n.readAt !== null && n.readAt !== undefined,
  }
}

/** My newest notifications and how many of all of mine are unread (the server counts beyond the page). */
export async function listNotifications(): Promise<{ items: Notification[]; unread: number }> {
  const page = await http.get<unknown>('/api/notifications', { query: { size: 50 } })
  const items = asList<Loose>(page).map(normaliseNotification)
  const unread = (page as Loose | null)?.unread
  return { items, unread: typeof unread === 'number' ? unread : items.filter((n) => !n.read).length }
}
export const markRead = (id: string) => http.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`, {})
export const markAllRead = () => http.post<{ updated: number }>('/api/notifications/read-all', {})
/** Server-sent events: the one live channel of the app. */
export const EVENTS_URL = '/api/events'
