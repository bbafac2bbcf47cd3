import { http } from './http'
import type { Notification } from './types'

export const listNotifications = () => http.get<Notification[]>('/api/notifications')
export const markRead = (id: string) => http.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`, {})
/** Server-sent events: the one live channel of the app. */
export const EVENTS_URL = '/api/events'
