/**
 * The checks the designer can make before the server does, shown on the nodes at once.
 * The server's 422 `errors[{nodeId, message}]` are authoritative and shown the same way.
 */
import { hasRows } from './conditions'
import { isContainer, walk, type ApproverSpec, type FlowDefinition, type FlowNode } from './model'

export interface NodeIssue {
  nodeId: string
  /** i18n key under `designer.issues`. */
  key: string
}

function specMissing(a: ApproverSpec | undefined): boolean {
  if (!a) return true
  if (a.type === 'USERS') return a.userIds.length === 0
  if (a.type === 'ROLE') return !a.role
  if (a.type === 'FORM_FIELD') return !a.field
  return false
}

function approversMissing(n: FlowNode): boolean {
  if (n.type !== 'CC') return specMissing(n.approvers)
  const list = Array.isArray(n.recipients) ? n.recipients : n.recipients ? [n.recipients as ApproverSpec] : []
  return !list.length || list.some(specMissing)
}

export function validateFlow(flow: FlowDefinition): NodeIssue[] {
  const issues: NodeIssue[] = []
  if (!flow.name?.trim()) issues.push({ nodeId: '_flow', key: 'flowName' })
  walk(flow.root, (n) => {
    if (!n.name?.trim()) issues.push({ nodeId: n.id, key: 'name' })
    if (n.type === 'APPROVAL' || n.type === 'HANDLE' || n.type === 'CC') {
      if (approversMissing(n)) issues.push({ nodeId: n.id, key: n.type === 'CC' ? 'recipients' : 'approvers' })
    }
    if (n.type === 'APPROVAL' && n.mode === 'VOTE') {
      if (!(typeof n.passRatio === 'number' && n.passRatio > 0 && n.passRatio <= 1)) issues.push({ nodeId: n.id, key: 'passRatio' })
    }
    if (isContainer(n)) {
      const branches = n.branches ?? []
      if (branches.length < 2) issues.push({ nodeId: n.id, key: 'branches' })
      if (n.type !== 'PARALLEL') {
        for (const b of branches) {
          if (!b.default && !hasRows(b.when)) issues.push({ nodeId: b.id, key: 'condition' })
        }
        // DESIGN §3: an INCLUSIVE may go without a default (nothing matched: it is passed by); a CONDITION
        // without one would leave a request with no way on, so the designer asks for it
        if (n.type === 'CONDITION' && !branches.some((b) => b.default)) issues.push({ nodeId: n.id, key: 'default' })
      }
    }
  })
  return issues
}
