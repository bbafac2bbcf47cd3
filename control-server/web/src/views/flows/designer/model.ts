/**
 * The flow model of DESIGN.md §3 and the operations the designer applies to it.
 * Operations mutate the tree in place (the designer holds it in a reactive ref) and
 * keep it in exactly the saved JSON shape: no `next: null`, no UI-only fields.
 */
import zh from '@/i18n/zh-CN'

export type NodeType = 'START' | 'APPROVAL' | 'HANDLE' | 'CC' | 'CONDITION' | 'PARALLEL' | 'INCLUSIVE' | 'AUTO'
export type ContainerType = 'CONDITION' | 'PARALLEL' | 'INCLUSIVE'
export const CONTAINER_TYPES: ContainerType[] = ['CONDITION', 'PARALLEL', 'INCLUSIVE']
/** What the "+" button offers, in menu order. */
export const ADDABLE_TYPES: NodeType[] = ['APPROVAL', 'HANDLE', 'CC', 'CONDITION', 'PARALLEL', 'INCLUSIVE', 'AUTO']

export type ApproverSpec =
  | { type: 'USERS'; userIds: string[] }
  | { type: 'ROLE'; role: string }
  | { type: 'DEPT_HEAD'; level: number; of?: string }
  | { type: 'DEPT_HEAD_CHAIN'; upToLevel: number }
  | { type: 'APPLICANT_SELECT' }
  | { type: 'FORM_FIELD'; field: string }
  | { type: 'APPLICANT' }
  | { type: 'SEAL_CUSTODIAN' }
export type ApproverType = ApproverSpec['type']
export const APPROVER_TYPES: ApproverType[] = [
  'USERS', 'ROLE', 'DEPT_HEAD', 'DEPT_HEAD_CHAIN', 'APPLICANT_SELECT', 'FORM_FIELD', 'APPLICANT', 'SEAL_CUSTODIAN',
]

export type Mode = 'SEQUENTIAL' | 'ALL' | 'ANY' | 'VOTE'
export const MODES: Mode[] = ['SEQUENTIAL', 'ALL', 'ANY', 'VOTE']

export type ConditionOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'contains' | 'between' | 'isEmpty'
export interface Condition {
  field: string
  op: ConditionOp
  value?: unknown
}
export interface When {
  anyOf: Array<{ allOf: Condition[] }>
}

export interface TimeLimit {
  duration: string
  remindBefore?: string
  remindEvery?: string
  maxReminders?: number
  onTimeout: { action: 'REMIND' | 'AUTO_APPROVE' | 'AUTO_REJECT' | 'TRANSFER'; to?: ApproverSpec }
}

export type OnEmpty = 'AUTO_APPROVE' | 'AUTO_REJECT' | { type: 'ASSIGN'; to: ApproverSpec } | string
export type OnReject =
  | 'TERMINATE' | 'RETURN_TO_APPLICANT' | 'RETURN_TO_PREVIOUS' | { type: 'RETURN_TO_NODE'; nodeId: string } | string
export type AllowedAction = 'TRANSFER' | 'DELEGATE' | 'ADD_SIGNER' | 'RETURN'
export const ALLOWED_ACTIONS: AllowedAction[] = ['TRANSFER', 'DELEGATE', 'ADD_SIGNER', 'RETURN']
export type FieldPermission = 'EDIT' | 'READ' | 'HIDDEN'

export interface Branch {
  id: string
  name: string
  when?: When
  default?: boolean
  next?: FlowNode
}

export interface FlowNode {
  id: string
  type: NodeType
  name: string
  next?: FlowNode
  approvers?: ApproverSpec
  /** Who is informed by a CC node: a list of approver specs, as the server takes it (like `initiators`). */
  recipients?: ApproverSpec[]
  mode?: Mode
  passRatio?: number
  onEmpty?: OnEmpty
  onApplicantIsApprover?: 'APPROVE_SELF' | 'SKIP' | 'DEPT_HEAD'
  dedupe?: 'NONE' | 'CONSECUTIVE' | 'ANY_PRIOR'
  timeLimit?: TimeLimit
  onReject?: OnReject
  allow?: AllowedAction[]
  fieldPermissions?: Record<string, FieldPermission>
  action?: string
  branches?: Branch[]
  initiators?: ApproverSpec[]
  [extra: string]: unknown
}

export interface FormField {
  key: string
  label: string
  type: 'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | string
  required?: boolean
  options?: string[]
}

export interface FlowDefinition {
  key: string
  name: string
  version?: number
  formFields?: FormField[]
  root: FlowNode
}

/** Where a "+" button inserts: after a node, or at the head of a branch. */
export type Slot = { after: string } | { branchOf: string; branchId: string }

export type IdGen = (prefix: string) => string
let counter = 0
export const defaultIdGen: IdGen = (prefix) =>
  `${prefix}_${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`

export const isContainer = (n: FlowNode | undefined): boolean =>
  !!n && (CONTAINER_TYPES as string[]).includes(n.type)

/** Default names, per language, for new nodes and branches. */
export interface Names {
  node: (type: NodeType) => string
  branch: (index: number, type: ContainerType) => string
  otherwise: string
}

const zhDefaults = zh.designer.defaultName
/** The zh-CN defaults, read from the locale file, for callers (and tests) without an i18n instance. */
export const ZH_NAMES: Names = {
  node: (t) => zhDefaults[t],
  branch: (i, t) => (t === 'PARALLEL' ? zhDefaults.branch : zhDefaults.condition).replace('{n}', String(i)),
  otherwise: zhDefaults.otherwise,
}

export function createBranch(type: ContainerType, index: number, names: Names = ZH_NAMES, idGen: IdGen = defaultIdGen): Branch {
  const b: Branch = { id: idGen('branch'), name: names.branch(index, type) }
  if (type !== 'PARALLEL') b.when = { anyOf: [{ allOf: [] }] }
  return b
}

export function createNode(type: NodeType, names: Names = ZH_NAMES, idGen: IdGen = defaultIdGen): FlowNode {
  const node: FlowNode = { id: idGen(type.toLowerCase()), type, name: names.node(type) }
  switch (type) {
    case 'APPROVAL':
      node.approvers = { type: 'DEPT_HEAD', level: 1 }
      node.mode = 'ANY'
      break
    case 'HANDLE':
      node.approvers = { type: 'SEAL_CUSTODIAN' }
      node.action = 'STAMP'
      break
    case 'CC':
      node.recipients = [{ type: 'USERS', userIds: [] }]
      break
    case 'AUTO':
      node.action = 'ARCHIVE'
      break
    case 'CONDITION':
    case 'INCLUSIVE': {
      const b1 = createBranch(type, 1, names, idGen)
      const other: Branch = { id: idGen('branch'), name: names.otherwise, default: true }
      node.branches = [b1, other]
      break
    }
    case 'PARALLEL':
      node.branches = [createBranch(type, 1, names, idGen), createBranch(type, 2, names, idGen)]
      break
    default:
      break
  }
  return node
}

/** A link in the tree: the thing whose `next` is a node. */
type Holder = FlowNode | Branch

interface Located {
  node: FlowNode
  holder: Holder | null
}

/** Visit every node depth-first in drawing order (chain, then branches before the container's next). */
export function walk(root: FlowNode | undefined, fn: (n: FlowNode, holder: Holder | null) => void, holder: Holder | null = null) {
  let cur = root
  let h = holder
  while (cur) {
    fn(cur, h)
    for (const b of cur.branches ?? []) walk(b.next, fn, b)
    h = cur
    cur = cur.next
  }
}

export function findNode(root: FlowNode, id: string): Located | undefined {
  let found: Located | undefined
  walk(root, (n, holder) => {
    if (!found && n.id === id) found = { node: n, holder }
  })
  return found
}

export function findBranch(root: FlowNode, containerId: string, branchId: string): Branch | undefined {
  return findNode(root, containerId)?.node.branches?.find((b) => b.id === branchId)
}

function setNext(holder: Holder, next: FlowNode | undefined) {
  if (next) holder.next = next
  else delete holder.next
}

function holderOfSlot(root: FlowNode, slot: Slot): Holder {
  if ('after' in slot) {
    const found = findNode(root, slot.after)
    if (!found) throw new Error(`no node ${slot.after}`)
    return found.node
  }
  const branch = findBranch(root, slot.branchOf, slot.branchId)
  if (!branch) throw new Error(`no branch ${slot.branchId} in ${slot.branchOf}`)
  return branch
}

/** Insert `node` (a single node: its own `next` is replaced) at `slot`. */
export function insertNode(root: FlowNode, slot: Slot, node: FlowNode): FlowNode {
  const holder = holderOfSlot(root, slot)
  setNext(node, holder.next)
  holder.next = node
  return node
}

/** Remove a node (a container goes with all its branches); the chain closes up. */
export function removeNode(root: FlowNode, id: string): FlowNode {
  if (root.id === id) throw new Error('the start node cannot be removed')
  const found = findNode(root, id)
  if (!found || !found.holder) throw new Error(`no node ${id}`)
  setNext(found.holder, found.node.next)
  delete found.node.next
  return found.node
}

function contains(node: FlowNode, id: string): boolean {
  let hit = false
  walk(node, (n) => {
    if (n.id === id) hit = true
  })
  // `walk` follows node.next too; only the node itself and its branches count as inside
  return hit
}

function insideOf(node: FlowNode, slot: Slot): boolean {
  const target = 'after' in slot ? slot.after : slot.branchOf
  if (target === node.id) return 'branchOf' in slot
  const detached: FlowNode = { ...node, next: undefined }
  return contains(detached, target)
}

/** Move a node (with its branches) to another slot. */
export function moveNode(root: FlowNode, id: string, slot: Slot): void {
  const found = findNode(root, id)
  if (!found || !found.holder) throw new Error(`no movable node ${id}`)
  if ('after' in slot && slot.after === id) return
  if (insideOf(found.node, slot)) throw new Error('a node cannot move into itself')
  removeNode(root, id)
  insertNode(root, slot, found.node)
}

/** Swap a node with its neighbour on the same line. Returns false at either end. */
export function moveNodeBy(root: FlowNode, id: string, direction: -1 | 1): boolean {
  const found = findNode(root, id)
  if (!found || !found.holder) return false
  const holder = found.holder
  if (direction === 1) {
    const after = found.node.next
    if (!after) return false
    moveNode(root, id, { after: after.id })
    return true
  }
  // up: the holder must itself be a movable node on the same line
  if (!('type' in holder) || holder.type === 'START') return false
  moveNode(root, holder.id, { after: id })
  return true
}

export function addBranch(root: FlowNode, containerId: string, names: Names = ZH_NAMES, idGen: IdGen = defaultIdGen): Branch {
  const c = findNode(root, containerId)?.node
  if (!c || !isContainer(c)) throw new Error(`no container ${containerId}`)
  const branches = (c.branches ??= [])
  const b = createBranch(c.type as ContainerType, branches.filter((x) => !x.default).length + 1, names, idGen)
  const defaultAt = branches.findIndex((x) => x.default)
  if (defaultAt >= 0) branches.splice(defaultAt, 0, b)
  else branches.push(b)
  return b
}

/**
 * Remove a branch. When one branch would remain, the container dissolves: the last
 * branch's nodes take its place on the line (what DingTalk does).
 */
export function removeBranch(root: FlowNode, containerId: string, branchId: string): void {
  const found = findNode(root, containerId)
  if (!found?.holder || !found.node.branches) throw new Error(`no container ${containerId}`)
  const c = found.node
  const branches = c.branches!
  const at = branches.findIndex((b) => b.id === branchId)
  if (at < 0) throw new Error(`no branch ${branchId}`)
  if (branches[at].default && branches.length > 2) throw new Error('the default branch stays while others exist')
  branches.splice(at, 1)
  if (branches.length >= 2) return
  const keep = branches[0]?.next
  const after = c.next
  if (keep) {
    let tail = keep
    while (tail.next) tail = tail.next
    setNext(tail, after)
    setNext(found.holder, keep)
  } else {
    setNext(found.holder, after)
  }
}

/** Reorder a branch (its priority); the default branch stays last. */
export function moveBranch(root: FlowNode, containerId: string, branchId: string, direction: -1 | 1): boolean {
  const branches = findNode(root, containerId)?.node.branches
  if (!branches) return false
  const at = branches.findIndex((b) => b.id === branchId)
  const to = at + direction
  if (at < 0 || to < 0 || to >= branches.length) return false
  if (branches[at].default || branches[to].default) return false
  ;[branches[at], branches[to]] = [branches[to], branches[at]]
  return true
}

/** Nodes before `id` on its own line and the lines enclosing it: legal RETURN targets. */
export function earlierNodes(root: FlowNode, id: string): FlowNode[] {
  const path: FlowNode[] = []
  const search = (start: FlowNode | undefined, trail: FlowNode[]): FlowNode[] | undefined => {
    let cur = start
    const line = [...trail]
    while (cur) {
      if (cur.id === id) return line
      for (const b of cur.branches ?? []) {
        const r = search(b.next, line)
        if (r) return r
      }
      if (!isContainer(cur)) line.push(cur)
      cur = cur.next
    }
    return undefined
  }
  return search(root, path) ?? []
}

export function allNodes(root: FlowNode): FlowNode[] {
  const out: FlowNode[] = []
  walk(root, (n) => out.push(n))
  return out
}

/** A deep copy without Vue proxies or undefined members: what is saved and compared. */
export function toJson(flow: FlowDefinition): FlowDefinition {
  return JSON.parse(JSON.stringify(flow))
}
