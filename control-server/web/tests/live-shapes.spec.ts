import { describe, expect, it } from 'vitest'
import { formatTime, relativeTime } from '@/composables/format'
import { normaliseNotification } from '@/api/notifications'
import { toLiveEvent } from '@/composables/useEvents'

describe('relative and absolute times never throw', () => {
  it('shows a dash for missing or unreadable times', () => {
    for (const v of [undefined, null, '', 'not a time', Number.NaN, 8.64e15 + 1]) {
      expect(() => relativeTime(v as never)).not.toThrow()
      expect(relativeTime(v as never)).toBe('—')
    }
    expect(formatTime(undefined)).toBe('—')
    expect(formatTime(null)).toBe('—')
  })
  it('formats epoch milliseconds and ISO strings', () => {
    const now = Date.now()
    expect(relativeTime(now - 5 * 60_000)).toMatch(/5/)
    expect(relativeTime(new Date(now - 3 * 86_400_000).toISOString())).toMatch(/3/)
    expect(formatTime(Date.UTC(2026, 10, 26, 12, 0))).toMatch(/2026/)
  })
})

describe('notifications as the server sends them', () => {
  // NotifyRoutes / Notifications.toJson: {id, kind, title, body, link, createdAt, readAt}
  const server = { id: 'n1', kind: 'task.assigned', title: '待审批：SF-1 合同', body: '部门负责人审批', link: '/requests/r-42',
    createdAt: 1_790_000_000_000, readAt: null }

  it('maps createdAt, readAt and the link to the request', () => {
    expect(normaliseNotification(server)).toEqual({ id: 'n1', kind: 'task.assigned', title: '待审批：SF-1 合同', body: '部门负责人审批',
      link: '/requests/r-42', requestId: 'r-42', at: 1_790_000_000_000, read: false })
    expect(normaliseNotification({ ...server, readAt: 1_790_000_100_000, body: null, link: null })).toMatchObject({ read: true, body: undefined, requestId: undefined })
  })

  it('turns the SSE notification event into a live event that names the request', () => {
    const e = toLiveEvent('notification', JSON.stringify(server))
    expect(e.type).toBe('notification')
    expect(e.data.requestId).toBe('r-42')
    expect(e.data.id).toBe('n1')
  })

  it('groups dotted event names by topic and survives a broken payload', () => {
    expect(toLiveEvent('request.changed', '{"id":"r-1"}')).toEqual({ type: 'request', data: { id: 'r-1' } })
    expect(toLiveEvent('message', '{"type":"task.created","requestId":"r-2"}').type).toBe('task')
    expect(toLiveEvent('notification', 'not json').data).toEqual({ raw: 'not json' })
  })
})

describe('file names from the download headers', () => {
  it('reads RFC 5987 and plain filenames', async () => {
    const { dispositionName } = await import('@/api/files')
    expect(dispositionName("attachment; filename*=UTF-8''%E5%8D%8E%E4%B8%9C%20%E5%90%88%E5%90%8C.pdf")).toBe('华东 合同.pdf')
    expect(dispositionName('attachment; filename="report.xlsx"')).toBe('report.xlsx')
    expect(dispositionName(null)).toBeUndefined()
  })
})
