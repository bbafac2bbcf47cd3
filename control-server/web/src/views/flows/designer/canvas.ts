/** What the canvas components share through provide/inject instead of prop drilling. */
import type { InjectionKey, Ref } from 'vue'
import type { ContainerType, FlowNode, NodeType, Slot } from './model'

export type Mark = 'done' | 'current' | 'path' | 'skipped' | 'added' | 'removed' | 'changed'

export interface CanvasContext {
  editable: Ref<boolean>
  marks: Ref<Record<string, Mark>>
  errors: Ref<Record<string, string[]>>
  selected: Ref<string | null>
  /** Extra text under a node (resolved approvers in a simulation, a diff's changed settings). */
  notes: Ref<Record<string, string>>
  /** The node picked up for moving; every "+" then offers to drop it there. */
  moving: Ref<string | null>
  pickUp: (nodeId: string | null) => void
  dropAt: (slot: Slot) => void
  select: (nodeId: string, branchOf?: string) => void
  add: (slot: Slot, type: NodeType) => void
  remove: (nodeId: string) => void
  move: (nodeId: string, direction: -1 | 1) => void
  addBranch: (containerId: string) => void
  removeBranch: (containerId: string, branchId: string) => void
  moveBranch: (containerId: string, branchId: string, direction: -1 | 1) => void
}

export const CANVAS: InjectionKey<CanvasContext> = Symbol('flow-canvas')

/** Header colours of the node cards; white text on each keeps a 4.5:1 contrast (WCAG AA). */
export const TYPE_COLOURS: Record<NodeType, string> = {
  START: '#576a95',
  APPROVAL: '#c2410c',
  HANDLE: '#7442d8',
  CC: '#1f6fd1',
  CONDITION: '#0b7a5f',
  PARALLEL: '#4557d6',
  INCLUSIVE: '#0b7285',
  AUTO: '#3d7280',
}

export const TYPE_ICONS: Record<NodeType, string> = {
  START: 'IconUserFilled',
  APPROVAL: 'IconStamp',
  HANDLE: 'IconPointer',
  CC: 'IconPromotion',
  CONDITION: 'IconShare',
  PARALLEL: 'IconFinished',
  INCLUSIVE: 'IconGrid',
  AUTO: 'IconSetting',
}

export type { ContainerType, FlowNode }
