/** What changed between two versions of a flow, by stable node id. */
import { allNodes, type FlowDefinition, type FlowNode } from './model'

export type Change = 'added' | 'removed' | 'changed'

export interface FlowDiff {
  nodes: Record<string, Change>
  /** Setting names that changed per node (for the tooltip). */
  fields: Record<string, string[]>
}

/** A node's own settings: without its `next` and with branches reduced to their ids and conditions. */
function ownSettings(n: FlowNode): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(n)) {
    if (k === 'next') continue
    if (k === 'branches') {
      out[k] = JSON.stringify((v as FlowNode['branches'])?.map((b) => ({ id: b.id, name: b.name, when: b.when, default: b.default })))
    } else out[k] = JSON.stringify(v)
  }
  return out
}

export function diffFlows(older: FlowDefinition, newer: FlowDefinition): FlowDiff {
  const a = new Map(allNodes(older.root).map((n) => [n.id, n]))
  const b = new Map(allNodes(newer.root).map((n) => [n.id, n]))
  const nodes: Record<string, Change> = {}
  const fields: Record<string, string[]> = {}
  for (const [id, n] of b) {
    const old = a.get(id)
    if (!old) {
      nodes[id] = 'added'
      continue
    }
    const so = ownSettings(old)
    const sn = ownSettings(n)
    const keys = new Set([...Object.keys(so), ...Object.keys(sn)])
    const changed = [...keys].filter((k) => so[k] !== sn[k])
    if (changed.length) {
      nodes[id] = 'changed'
      fields[id] = changed
    }
  }
  for (const id of a.keys()) if (!b.has(id)) nodes[id] = 'removed'
  return { nodes, fields }
}
