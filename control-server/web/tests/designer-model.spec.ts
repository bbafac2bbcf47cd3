import { describe, expect, it } from 'vitest'
import {
  addBranch, createNode, earlierNodes, insertNode, moveBranch, moveNode, moveNodeBy, removeBranch, removeNode,
  toJson, type FlowDefinition, type FlowNode, type IdGen,
} from '@/views/flows/designer/model'
import { validateFlow } from '@/views/flows/designer/validate'
import { diffFlows } from '@/views/flows/designer/diff'

function ids(): IdGen {
  const seen: Record<string, number> = {}
  return (p) => `${p}${(seen[p] = (seen[p] ?? 0) + 1)}`
}

const start = (): FlowNode => ({ id: 'start', type: 'START', name: '申请' })

/** The ids along the main line, branch contents in brackets. */
function line(n: FlowNode | undefined): string {
  const parts: string[] = []
  for (let cur = n; cur; cur = cur.next) {
    parts.push(cur.branches ? `${cur.id}[${cur.branches.map((b) => `${b.id}:${line(b.next)}`).join('|')}]` : cur.id)
  }
  return parts.join('>')
}

describe('designer model operations', () => {
  it('adds nodes after a node with the DESIGN §3 shape and no null links', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval1' }, createNode('HANDLE', undefined, gen))
    insertNode(root, { after: 'start' }, createNode('CC', undefined, gen))
    expect(line(root)).toBe('start>cc1>approval1>handle1')
    expect(JSON.parse(JSON.stringify(root))).toEqual({
      id: 'start', type: 'START', name: '申请',
      next: {
        id: 'cc1', type: 'CC', name: '抄送人', recipients: [{ type: 'USERS', userIds: [] }],
        next: {
          id: 'approval1', type: 'APPROVAL', name: '审批人', approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
          next: { id: 'handle1', type: 'HANDLE', name: '办理人', approvers: { type: 'SEAL_CUSTODIAN' }, action: 'STAMP' },
        },
      },
    })
    expect('next' in root.next!.next!.next!).toBe(false)
  })

  it('creates condition containers with one condition branch and a default branch', () => {
    const gen = ids()
    const c = createNode('CONDITION', undefined, gen)
    expect(c.branches).toEqual([
      { id: 'branch1', name: '条件1', when: { anyOf: [{ allOf: [] }] } },
      { id: 'branch2', name: '其他情况', default: true },
    ])
    const p = createNode('PARALLEL', undefined, gen)
    expect(p.branches).toEqual([{ id: 'branch3', name: '分支1' }, { id: 'branch4', name: '分支2' }])
  })

  it('adds nodes at the head of a branch and after the container', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('CONDITION', undefined, gen))
    insertNode(root, { branchOf: 'condition1', branchId: 'branch1' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { branchOf: 'condition1', branchId: 'branch1' }, createNode('CC', undefined, gen))
    insertNode(root, { after: 'condition1' }, createNode('AUTO', undefined, gen))
    expect(line(root)).toBe('start>condition1[branch1:cc1>approval1|branch2:]>auto1')
  })

  it('removes a node and closes the chain; removing a container drops its branches', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval1' }, createNode('PARALLEL', undefined, gen))
    insertNode(root, { branchOf: 'parallel1', branchId: 'branch1' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'parallel1' }, createNode('AUTO', undefined, gen))
    removeNode(root, 'approval1')
    expect(line(root)).toBe('start>parallel1[branch1:approval2|branch2:]>auto1')
    removeNode(root, 'parallel1')
    expect(line(root)).toBe('start>auto1')
    removeNode(root, 'auto1')
    expect(root).toEqual(start())
    expect(() => removeNode(root, 'start')).toThrow()
  })

  it('moves nodes up and down on their line and into branches, never into themselves', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval1' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval2' }, createNode('CONDITION', undefined, gen))
    expect(moveNodeBy(root, 'approval2', -1)).toBe(true)
    expect(line(root)).toBe('start>approval2>approval1>condition1[branch1:|branch2:]')
    expect(moveNodeBy(root, 'approval2', -1)).toBe(false) // START stays first
    expect(moveNodeBy(root, 'condition1', 1)).toBe(false) // already last
    moveNode(root, 'approval1', { branchOf: 'condition1', branchId: 'branch2' })
    expect(line(root)).toBe('start>approval2>condition1[branch1:|branch2:approval1]')
    expect(() => moveNode(root, 'condition1', { after: 'approval1' })).toThrow()
    expect(() => moveNode(root, 'condition1', { branchOf: 'condition1', branchId: 'branch1' })).toThrow()
    moveNode(root, 'approval1', { after: 'condition1' })
    expect(line(root)).toBe('start>approval2>condition1[branch1:|branch2:]>approval1')
  })

  it('adds branches before the default, reorders them, and keeps the default last', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('INCLUSIVE', undefined, gen))
    const b = addBranch(root, 'inclusive1', undefined, gen)
    expect(b).toEqual({ id: 'branch3', name: '条件2', when: { anyOf: [{ allOf: [] }] } })
    const names = () => root.next!.branches!.map((x) => x.id)
    expect(names()).toEqual(['branch1', 'branch3', 'branch2'])
    expect(moveBranch(root, 'inclusive1', 'branch3', -1)).toBe(true)
    expect(names()).toEqual(['branch3', 'branch1', 'branch2'])
    expect(moveBranch(root, 'inclusive1', 'branch1', 1)).toBe(false)
    expect(moveBranch(root, 'inclusive1', 'branch2', -1)).toBe(false)
  })

  it('removes a branch; with one left the container dissolves into the line', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('CONDITION', undefined, gen))
    insertNode(root, { after: 'condition1' }, createNode('AUTO', undefined, gen))
    addBranch(root, 'condition1', undefined, gen)
    insertNode(root, { branchOf: 'condition1', branchId: 'branch3' }, createNode('APPROVAL', undefined, gen))
    removeBranch(root, 'condition1', 'branch1')
    expect(line(root)).toBe('start>condition1[branch3:approval1|branch2:]>auto1')
    expect(() => removeBranch(root, 'condition1', 'nope')).toThrow()
    removeBranch(root, 'condition1', 'branch2')
    expect(line(root)).toBe('start>approval1>auto1')
  })

  it('lists earlier nodes on the same line as return targets', () => {
    const gen = ids()
    const root = start()
    insertNode(root, { after: 'start' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval1' }, createNode('CONDITION', undefined, gen))
    insertNode(root, { branchOf: 'condition1', branchId: 'branch1' }, createNode('APPROVAL', undefined, gen))
    insertNode(root, { after: 'approval2' }, createNode('APPROVAL', undefined, gen))
    expect(earlierNodes(root, 'approval3').map((n) => n.id)).toEqual(['start', 'approval1', 'approval2'])
  })

  it('validates what the designer can see and diffs versions by node id', () => {
    const gen = ids()
    const flow: FlowDefinition = { key: 'k', name: 'n', root: start() }
    insertNode(flow.root, { after: 'start' }, createNode('CONDITION', undefined, gen))
    insertNode(flow.root, { after: 'condition1' }, createNode('CC', undefined, gen))
    expect(validateFlow(flow).map((i) => `${i.nodeId}:${i.key}`)).toEqual(['branch1:condition', 'cc1:recipients'])
    const older = toJson(flow)
    insertNode(flow.root, { after: 'cc1' }, createNode('APPROVAL', undefined, gen))
    flow.root.next!.next!.name = '知会'
    removeNode(flow.root, 'condition1')
    expect(diffFlows(older, flow).nodes).toEqual({ approval1: 'added', cc1: 'changed', condition1: 'removed' })
  })
})

describe('CC recipients as the server takes them', () => {
  it('a new CC node lists its recipients (FlowJson reads `recipients` as an array of approver specs)', () => {
    const cc = createNode('CC')
    expect(Array.isArray(cc.recipients)).toBe(true)
    expect(validateFlow({ key: 'k', name: 'n', root: { id: 'start', type: 'START', name: '申请', next: cc } }).map((i) => i.key)).toEqual(['recipients'])
    cc.recipients = [{ type: 'APPLICANT' }]
    expect(validateFlow({ key: 'k', name: 'n', root: { id: 'start', type: 'START', name: '申请', next: cc } })).toEqual([])
  })
})
