import { describe, expect, it } from 'vitest'
import { requestMarks } from '@/views/requests/useRequestMarks'
import type { SealRequestDetail } from '@/api/types'
import type { FlowDefinition } from '@/views/flows/designer/model'

const flow: FlowDefinition = {
  key: 'k', name: 'n',
  root: { id: 'start', type: 'START', name: '申请', next: {
    id: 'dept', type: 'APPROVAL', name: '部门', next: {
      id: 'c', type: 'CONDITION', name: '条件', branches: [
        { id: 'big', name: '大额', when: { anyOf: [{ allOf: [{ field: 'amount', op: 'gte', value: 1 }] }] }, next: { id: 'ceo', type: 'APPROVAL', name: '总经理' } },
        { id: 'small', name: '其他', default: true },
      ], next: { id: 'stamp', type: 'HANDLE', name: '用印' } } } },
}

describe('drawing a request on its flow', () => {
  it('marks passed steps done, the waiting step current and the branch walked', () => {
    const req = {
      status: 'IN_PROGRESS',
      tasks: [{ id: 't1', nodeId: 'dept', status: 'APPROVED' }, { id: 't2', nodeId: 'ceo', status: 'PENDING' }],
      timeline: [{ at: 1, type: 'START', nodeId: 'start' }, { at: 2, type: 'NODE_APPROVED', nodeId: 'dept' }, { at: 3, type: 'BRANCH', nodeId: 'c' }],
      currentNodes: [{ nodeId: 'ceo', name: '总经理', assignees: [] }],
    } as unknown as SealRequestDetail
    const marks = requestMarks(req, flow)
    expect(marks).toMatchObject({ start: 'done', dept: 'done', ceo: 'current', big: 'path', c: 'done' })
    expect(marks.small).toBeUndefined()
    expect(marks.stamp).toBeUndefined()
    expect(marks.__end).toBeUndefined()
  })
  it('closes the line when the request is completed', () => {
    const req = { status: 'COMPLETED', tasks: [], timeline: [{ at: 1, type: 'COMPLETE_HANDLE', nodeId: 'stamp' }], currentNodes: [] } as unknown as SealRequestDetail
    const marks = requestMarks(req, flow)
    expect(marks.stamp).toBe('done')
    expect(marks.__end).toBe('done')
    expect(marks.ceo).toBe('skipped')
    expect(marks.big).toBe('skipped')
    // no branch with nodes was walked: the empty default branch was the way
    expect(marks.small).toBe('path')
  })
  it('dims the branch not taken as soon as the request is past the container', () => {
    const req = {
      status: 'IN_PROGRESS',
      tasks: [{ id: 't1', nodeId: 'dept', status: 'APPROVED' }, { id: 't2', nodeId: 'stamp', status: 'PENDING' }],
      timeline: [],
      currentNodes: [{ nodeId: 'stamp', name: '用印', assignees: [] }],
    } as unknown as SealRequestDetail
    const marks = requestMarks(req, flow)
    expect(marks).toMatchObject({ dept: 'done', c: 'done', small: 'path', big: 'skipped', ceo: 'skipped', stamp: 'current' })
  })
})
