import { describe, expect, it } from 'vitest'
import { createNode, insertNode, toJson, type FlowDefinition, type IdGen } from '@/views/flows/designer/model'
import { groupsToWhen } from '@/views/flows/designer/conditions'
import { validateFlow } from '@/views/flows/designer/validate'

/** The example of DESIGN.md §3, verbatim: what PUT /api/flows/{key}/draft takes. */
const DESIGN_EXAMPLE = {
  key: 'seal-use', name: '用印审批', formFields: [{ key: 'project', label: '项目', type: 'text' }],
  root: {
    id: 'start', type: 'START', name: '申请',
    next: {
      id: 'dept', type: 'APPROVAL', name: '部门负责人审批',
      approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
      timeLimit: { duration: 'P1D', remindBefore: 'PT4H', onTimeout: { action: 'TRANSFER', to: { type: 'DEPT_HEAD', level: 2 } } },
      next: {
        id: 'exec', type: 'CONDITION', name: '高层审批', branches: [
          { id: 'big', name: '大额', when: { anyOf: [{ allOf: [{ field: 'amount', op: 'gte', value: 500000 }] }] },
            next: { id: 'ceo', type: 'APPROVAL', name: '总经理审批', approvers: { type: 'ROLE', role: 'EXECUTIVE' }, mode: 'ALL' } },
          { id: 'small', name: '其他', default: true }],
        next: { id: 'stamp', type: 'HANDLE', name: '用印', action: 'STAMP', approvers: { type: 'SEAL_CUSTODIAN' } },
      },
    },
  },
}

describe('the designer produces the DESIGN §3 example', () => {
  it('drawn with the designer operations, it saves exactly as the example', () => {
    const ids = ['dept', 'exec', 'big', 'small', 'ceo', 'stamp']
    const gen: IdGen = () => ids.shift()!
    const flow: FlowDefinition = {
      key: 'seal-use', name: '用印审批', formFields: [{ key: 'project', label: '项目', type: 'text' }],
      root: { id: 'start', type: 'START', name: '申请' },
    }
    // "+" under 申请 → 审批人, set in the drawer
    const dept = insertNode(flow.root, { after: 'start' }, createNode('APPROVAL', undefined, gen))
    dept.name = '部门负责人审批'
    dept.timeLimit = { duration: 'P1D', remindBefore: 'PT4H', onTimeout: { action: 'TRANSFER', to: { type: 'DEPT_HEAD', level: 2 } } }
    // "+" under it → 条件分支; name the branches, one condition row
    const exec = insertNode(flow.root, { after: 'dept' }, createNode('CONDITION', undefined, gen))
    exec.name = '高层审批'
    const [big, small] = exec.branches!
    big.name = '大额'
    big.when = groupsToWhen([[{ field: 'amount', op: 'gte', value: '500,000' }]])
    small.name = '其他'
    // "+" at the head of 大额 → 审批人 (会签 of the executives)
    const ceo = insertNode(flow.root, { branchOf: 'exec', branchId: 'big' }, createNode('APPROVAL', undefined, gen))
    Object.assign(ceo, { name: '总经理审批', approvers: { type: 'ROLE', role: 'EXECUTIVE' }, mode: 'ALL' })
    // "+" after the condition → 办理人 (用印 at the device)
    const stamp = insertNode(flow.root, { after: 'exec' }, createNode('HANDLE', undefined, gen))
    stamp.name = '用印'

    expect(toJson(flow)).toEqual(DESIGN_EXAMPLE)
    expect(JSON.stringify(toJson(flow))).not.toContain('null')
    expect(validateFlow(flow)).toEqual([])
  })
})

describe('the demo company flow of DESIGN §7', () => {
  it('validates: its INCLUSIVE review has no default branch, which DESIGN §3 allows', () => {
    const when = (field: string, op: string, value: unknown) => ({ anyOf: [{ allOf: [{ field, op, value }] }] })
    const flow = {
      key: 'seal-use', name: '用印审批',
      root: { id: 'start', type: 'START', name: '申请', next: {
        id: 'review', type: 'INCLUSIVE', name: '专业审核', branches: [
          { id: 'legalBranch', name: '法务审核', when: when('documentType', 'in', ['CONTRACT', 'AGREEMENT']),
            next: { id: 'legal', type: 'APPROVAL', name: '法务审核', mode: 'ANY', approvers: { type: 'ROLE', role: 'LEGAL' } } },
          { id: 'financeBranch', name: '财务审核', when: when('amount', 'gte', 100000),
            next: { id: 'finance', type: 'APPROVAL', name: '财务审核', mode: 'ANY', approvers: { type: 'ROLE', role: 'FINANCE' } } }],
        next: { id: 'exec', type: 'CONDITION', name: '高层审批', branches: [
          { id: 'big', name: '大额', when: when('amount', 'gte', 500000) },
          { id: 'seal', name: '公章', when: when('sealType', 'in', ['OFFICIAL']) }] } } },
    } as unknown as FlowDefinition
    // the CONDITION without a default is still flagged: a request matching no branch would have no way on
    expect(validateFlow(flow).map((i) => `${i.nodeId}:${i.key}`)).toEqual(['exec:default'])
  })
})
