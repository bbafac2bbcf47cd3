import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

// the directory's four lists, answered by hand so the test sees how often each is asked for
const calls = { users: 0, departments: 0, seals: 0, devices: 0 }
const gates: Array<() => void> = []
const answer = <T>(key: keyof typeof calls, value: T) => () => {
  calls[key]++
  return new Promise<T>((resolve) => gates.push(() => resolve(value)))
}
vi.mock('@/api/auth', () => ({
  searchUsers: answer('users', [{ id: 'u1', name: '张三' }]),
  listDepartments: answer('departments', [{ id: 'd1', name: '销售部' }]),
}))
vi.mock('@/api/seals', () => ({ listSeals: answer('seals', []) }))
vi.mock('@/api/devices', () => ({ listDevices: answer('devices', []) }))

const { useDirectory } = await import('@/stores/directory')
const open = async () => {
  await Promise.resolve()
  gates.splice(0).forEach((g) => g())
}

describe('directory', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    Object.assign(calls, { users: 0, departments: 0, seals: 0, devices: 0 })
  })

  it('asks once when the layout and the page load it together', async () => {
    const dir = useDirectory()
    const both = Promise.all([dir.load(), dir.load()])
    await open()
    await both
    expect(calls).toEqual({ users: 1, departments: 1, seals: 1, devices: 1 })
    expect(dir.userName('u1')).toBe('张三')
    expect(dir.deptName('d1')).toBe('销售部')
    await dir.load()
    expect(calls.users).toBe(1)
  })

  it('a forced reload while a load runs asks again once that load is done', async () => {
    const dir = useDirectory()
    const first = dir.load()
    const forced = dir.load(true)
    await open()
    await first
    await vi.waitFor(() => expect(calls.users).toBe(2))
    await open()
    await forced
    expect(calls).toEqual({ users: 2, departments: 2, seals: 2, devices: 2 })
  })
})
