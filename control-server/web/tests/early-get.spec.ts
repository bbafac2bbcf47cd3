import { describe, expect, it } from 'vitest'
import { takeEarly } from '@/api/http'

const json = (status: number) => new Response('{"id":"r1"}', { status, headers: { 'content-type': 'application/json' } })

describe('GETs started before the app loaded (boot/early.js)', () => {
  it('hands an early answer over once, for its own URL only', async () => {
    const scope = { __sfEarly: { '/api/requests/r1': { at: 1000, res: Promise.resolve(json(200)) } } }
    expect(await takeEarly('/api/requests/r2', 1500, scope)).toBeUndefined()
    const res = await takeEarly('/api/requests/r1', 1500, scope)
    expect(await res?.json()).toEqual({ id: 'r1' })
    expect(await takeEarly('/api/requests/r1', 1600, scope)).toBeUndefined()
  })

  it('leaves refused, failed and stale answers to a real request', async () => {
    const scope = { __sfEarly: {
      '/api/me': { at: 0, res: Promise.resolve(json(401)) },
      '/api/requests/a': { at: 0, res: Promise.reject(new TypeError('offline')) },
      '/api/requests/b': { at: 0, res: Promise.resolve(json(200)) },
    } }
    expect(await takeEarly('/api/me', 10, scope)).toBeUndefined()
    expect(await takeEarly('/api/requests/a', 10, scope)).toBeUndefined()
    expect(await takeEarly('/api/requests/b', 20_000, scope)).toBeUndefined()
    expect(scope.__sfEarly).toEqual({})
  })

  it('does nothing when the page was opened without the early script', async () => {
    expect(await takeEarly('/api/me', 0, {})).toBeUndefined()
  })
})
