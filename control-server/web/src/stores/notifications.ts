import { defineStore } from 'pinia'
import { listNotifications, markAllRead, markRead } from '@/api/notifications'
import type { Notification } from '@/api/types'

export const useNotifications = defineStore('notifications', {
  state: () => ({ items: [] as Notification[], unreadBeyond: 0 }),
  getters: {
    /** Unread on the loaded page plus those the server counts beyond it. */
    unread: (s) => s.items.filter((n) => !n.read).length + s.unreadBeyond,
  },
  actions: {
    async refresh() {
      try {
        const { items, unread } = await listNotifications()
        this.items = items
        this.unreadBeyond = Math.max(0, unread - items.filter((n) => !n.read).length)
      } catch {
        /* keep what is shown; the next event or visit retries */
      }
    },
    async read(id: string) {
      const n = this.items.find((x) => x.id === id)
      if (n && !n.read) {
        n.read = true
        await markRead(id).catch(() => (n.read = false))
      }
    },
    async readAll() {
      const unread = this.items.filter((n) => !n.read)
      const beyond = this.unreadBeyond
      unread.forEach((n) => (n.read = true))
      this.unreadBeyond = 0
      await markAllRead().catch(() => {
        unread.forEach((n) => (n.read = false))
        this.unreadBeyond = beyond
      })
    },
  },
})
