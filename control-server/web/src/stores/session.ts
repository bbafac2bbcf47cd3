import { defineStore } from 'pinia'
import * as auth from '@/api/auth'
import type { Me } from '@/api/types'

export const useSession = defineStore('session', {
  state: () => ({ me: null as Me | null, loaded: false }),
  getters: {
    roles: (s) => new Set(s.me?.roles ?? []),
  },
  actions: {
    async load() {
      try {
        this.me = await auth.me()
      } catch {
        this.me = null
      }
      this.loaded = true
    },
    async login(username: string, password: string) {
      await auth.csrf().catch(() => undefined)
      this.me = await auth.login(username, password)
      this.loaded = true
      // the session was rotated at login: fetch `me` in its canonical form
      this.me = await auth.me().catch(() => this.me)
    },
    async logout() {
      await auth.logout().catch(() => undefined)
      this.clear()
    },
    clear() {
      this.me = null
      this.loaded = true
    },
    hasAny(roles?: string[]) {
      if (!roles?.length) return true
      return roles.some((r) => this.me?.roles.includes(r))
    },
  },
})
