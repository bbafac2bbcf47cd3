import type { FlowDefinition } from './model'

/** Names of the starting steps, in the user's language. */
export interface StarterNames {
  start: string
  dept: string
  stamp: string
  archive: string
}

/** A new flow starts as the article's minimal process: dept head, then stamping, then archive. */
export function newFlow(key: string, name: string, n: StarterNames): FlowDefinition {
  return {
    key,
    name,
    formFields: [],
    root: {
      id: 'start', type: 'START', name: n.start,
      next: {
        id: 'dept', type: 'APPROVAL', name: n.dept, approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
        next: {
          id: 'stamp', type: 'HANDLE', name: n.stamp, action: 'STAMP', approvers: { type: 'SEAL_CUSTODIAN' },
          next: { id: 'archive', type: 'AUTO', name: n.archive, action: 'ARCHIVE' },
        },
      },
    },
  }
}
