import { describe, expect, it } from 'vitest'
import { ApiError, buildUrl, readCookie, toApiError } from '@/api/http'
import { fieldErrors, friendlyError, nodeErrors, normaliseField, problemMessageKey } from '@/api/errors'

const problem = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } })

describe('API error mapping', () => {
  it('reads problem+json into an ApiError', async () => {
    const e = await toApiError(problem(409, { type: 'urn:sealflow:stale', title: 'Conflict', detail: '任务已被处理' }))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(409)
    expect(e.message).toBe('任务已被处理')
    expect(friendlyError(e)).toEqual({ key: 'errors.conflict', detail: '任务已被处理' })
  })

  it('keeps the status when the body is not JSON', async () => {
    const e = await toApiError(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }))
    expect(e.status).toBe(502)
    expect(friendlyError(e).key).toBe('errors.server')
  })

  it('maps every contract status to a friendly message', () => {
    expect([400, 401, 403, 404, 409, 413, 415, 422, 500, 418].map(problemMessageKey)).toEqual([
      'errors.badRequest', 'errors.unauthorized', 'errors.forbidden', 'errors.notFound', 'errors.conflict',
      'errors.tooLarge', 'errors.unsupportedType', 'errors.validation', 'errors.server', 'errors.unknown',
    ])
    expect(friendlyError(new TypeError('Failed to fetch')).key).toBe('errors.network')
  })

  it('maps 422 errors[] onto form fields', async () => {
    const e = await toApiError(problem(422, {
      status: 422,
      errors: [
        { field: 'copies', message: '份数至少为 1' },
        { field: '/sealIds/0', message: '印章已挂失' },
        { field: 'takeOut.destination', message: '请填写外带地点' },
        { field: 'copies', message: '份数超过上限' },
        { message: '整体错误' },
      ],
    }))
    expect(fieldErrors(e)).toEqual({
      copies: ['份数至少为 1', '份数超过上限'],
      sealIds: ['印章已挂失'],
      'takeOut.destination': ['请填写外带地点'],
      _: ['整体错误'],
    })
    expect(fieldErrors(new ApiError({ status: 409 }))).toEqual({})
  })

  it('maps 422 errors[] onto designer nodes', async () => {
    const e = await toApiError(problem(422, { errors: [{ nodeId: 'dept', message: '没有审批人' }, { message: '流程名称为空' }] }))
    expect(nodeErrors(e)).toEqual({ dept: ['没有审批人'], _flow: ['流程名称为空'] })
  })

  it('normalises field paths', () => {
    expect(normaliseField('sealIds[2]')).toBe('sealIds')
    expect(normaliseField('/form/project')).toBe('form.project')
  })

  it('reads the XSRF cookie and builds query strings without empty values', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D; b=2')).toBe('abc=')
    expect(readCookie('nope', 'a=1')).toBeUndefined()
    expect(buildUrl('/api/requests', { scope: 'todo', q: '', page: 0, status: undefined })).toBe('/api/requests?scope=todo&page=0')
  })
})
