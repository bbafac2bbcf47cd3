import type { FlowDefinition } from './model'

/** A new flow starts as the article's minimal process: dept head, then stamping, then archive. */
export function newFlow(key: string, name: string): FlowDefinition {
  return {
    key,
    name,
    formFields: [],
    root: {
      id: 'start', type: 'START', name: '申请',
      next: {
        id: 'dept', type: 'APPROVAL', name: '部门负责人审批', approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
        next: {
          id: 'stamp', type: 'HANDLE', name: '印章管理员用印', action: 'STAMP', approvers: { type: 'SEAL_CUSTODIAN' },
          next: { id: 'archive', type: 'AUTO', name: '归档', action: 'ARCHIVE' },
        },
      },
    },
  }
}
