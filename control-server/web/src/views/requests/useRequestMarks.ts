import type { SealRequestDetail } from '@/api/types'
import type { Mark } from '@/views/flows/designer/canvas'
import { allNodes, isContainer, walk, type FlowDefinition } from '@/views/flows/designer/model'

const DONE_TASK = new Set(['APPROVED', 'AUTO_APPROVED', 'DONE'])

/** Marks for drawing a request's flow: nodes passed are done, current nodes pulse, untouched ones stay plain. */
export function requestMarks(req: SealRequestDetail, flow: FlowDefinition): Record<string, Mark> {
  const marks: Record<string, Mark> = { start: 'done' }
  if (flow.root) marks[flow.root.id] = 'done'
  for (const t of req.tasks ?? []) if (DONE_TASK.has(t.status)) marks[t.nodeId] = 'done'
  for (const e of req.timeline ?? []) if (e.nodeId && /^(START|SUBMITTED|NODE_APPROVED|APPROVED|COMPLETE_HANDLE|HANDLED|DONE|COMPLETED|CC|AUTO|AUTO_APPROVE|AUTO_APPROVED|SKIP|DEDUPE|ARCHIVED)$/.test(e.type)) marks[e.nodeId] = 'done'
  for (const n of req.currentNodes ?? []) marks[n.nodeId] = 'current'
  // a container is done when any of its branches was walked
  for (const n of allNodes(flow.root)) {
    if (!isContainer(n)) continue
    for (const b of n.branches ?? []) {
      if (b.next && marks[b.next.id]) {
        marks[b.id] = 'path'
        marks[n.id] ??= 'done'
      }
    }
  }
  // a container the request has gone past: the branches it did not take are dimmed at once (not only at the end);
  // when no branch with nodes was walked, the empty default branch was the way
  for (const n of allNodes(flow.root)) {
    if (!isContainer(n)) continue
    const passed = (n.next ? !!marks[n.next.id] : false) || req.status === 'COMPLETED'
    if (!passed) continue
    const branches = n.branches ?? []
    if (!branches.some((b) => marks[b.id] === 'path')) {
      const empty = branches.filter((b) => !b.next)
      const way = empty.find((b) => b.default) ?? (empty.length === 1 ? empty[0] : undefined)
      if (way) {
        marks[way.id] = 'path'
        marks[n.id] ??= 'done'
      }
    }
    for (const b of branches) {
      if (marks[b.id]) continue
      marks[b.id] = 'skipped'
      walk(b.next, (x) => { marks[x.id] ??= 'skipped' })
    }
  }
  if (req.status === 'COMPLETED') marks.__end = 'done'
  // a finished request: what it never reached is dimmed, so the path walked stands out
  if (['COMPLETED', 'REJECTED', 'WITHDRAWN'].includes(req.status)) {
    for (const n of allNodes(flow.root)) {
      marks[n.id] ??= 'skipped'
      for (const b of n.branches ?? []) marks[b.id] ??= 'skipped'
    }
  }
  return marks
}
