import { defineStore } from 'pinia'
import * as auth from '@/api/auth'
import { listSeals } from '@/api/seals'
import { listDevices } from '@/api/devices'
import type { Department, Device, Seal, User } from '@/api/types'

let inFlight: Promise<void> | undefined

/** Users, departments, seals and devices by id: names for the ids the API returns. */
export const useDirectory = defineStore('directory', {
  state: () => ({
    users: [] as User[],
    departments: [] as Department[],
    seals: [] as Seal[],
    devices: [] as Device[],
    loaded: false,
  }),
  getters: {
    userName: (s) => (id?: string | null) => (id ? s.users.find((u) => u.id === id)?.name ?? id : ''),
    deptName: (s) => (id?: string | null) => (id ? s.departments.find((d) => d.id === id)?.name ?? id : ''),
    sealName: (s) => (id?: string | null) => (id ? s.seals.find((x) => x.id === id)?.name ?? id : ''),
    // a device is known by its id (CAB-01, SD-01: what is printed on it and on its panel) to everyone alike;
    // only staff who may list devices would see serial numbers, so the id keeps pages the same for all
    deviceName: () => (id?: string | null) => id ?? '',
  },
  actions: {
    // the layout and the page both ask on the first screen: one set of requests answers both (a forced reload
    // while one runs waits for it, then asks again)
    async load(force = false) {
      if (this.loaded && !force) return
      while (inFlight) {
        await inFlight
        if (!force) return
      }
      inFlight = Promise.all([
        auth.searchUsers().catch(() => []),
        auth.listDepartments().catch(() => []),
        listSeals().catch(() => []),
        listDevices().catch(() => []),
      ]).then(([users, departments, seals, devices]) => {
        Object.assign(this, { users, departments, seals, devices, loaded: true })
      }).finally(() => { inFlight = undefined })
      await inFlight
    },
  },
})
