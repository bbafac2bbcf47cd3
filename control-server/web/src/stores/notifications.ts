import { defineStore } from 'pinia'
import { listNotifications, markRead } from '@/api/notifications'
import type { Notification } from '@/api/types'

export const useNotifications = defineStore('notifications', {
  state: () => ({ items: [] as Notification[] }),
  getters: {
    unread: (s) => s.items.filter((n) => !n.read).length,
  },
  actions: {
    async refresh() {
      this.items = await listNotifications().catch(() => this.items)
    },
    async read(id: string) {
      const n = this.items.find((x) => x.id === id)
      if (n && !n.read) {
        n.read = true
        await markRead(id).catch(() => (n.read = false))
      }
    },
    async readAll() {
      await Promise.all(this.items.filter((n) => !n.read).map((n) => this.read(n.id)))
    },
  },
})
