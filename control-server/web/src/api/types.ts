/** Shapes of DESIGN.md §6 and §8. Fields the contract leaves open are optional. */

export type Role =
  | 'ADMIN' | 'SEAL_ADMIN' | 'FLOW_ADMIN' | 'LEGAL' | 'FINANCE' | 'EXECUTIVE'
  | 'CUSTODIAN' | 'SECURITY' | 'AUDITOR' | string

export interface Me {
  id: string
  username: string
  name: string
  departmentId?: string
  roles: Role[]
}

export interface User {
  id: string
  username: string
  name: string
  departmentId?: string
  roles?: Role[]
}

export interface Department {
  id: string
  name: string
  parentId?: string | null
  headId?: string | null
}

export interface Page<T> {
  items: T[]
  total: number
  page?: number
  size?: number
}

export type SealType = 'OFFICIAL' | 'CONTRACT' | 'FINANCE' | 'LEGAL_REP' | 'INVOICE' | 'DEPARTMENT' | 'OTHER'
export type SealStatus = 'ACTIVE' | 'SUSPENDED' | 'OUT' | 'LOST' | 'DESTROYED'
export type DocumentType =
  | 'CONTRACT' | 'AGREEMENT' | 'FINANCIAL_STATEMENT' | 'INVOICE' | 'CERTIFICATE' | 'OFFICIAL_LETTER' | 'OTHER'

export const SEAL_TYPES: SealType[] = ['OFFICIAL', 'CONTRACT', 'FINANCE', 'LEGAL_REP', 'INVOICE', 'DEPARTMENT', 'OTHER']
export const DOCUMENT_TYPES: DocumentType[] = [
  'CONTRACT', 'AGREEMENT', 'FINANCIAL_STATEMENT', 'INVOICE', 'CERTIFICATE', 'OFFICIAL_LETTER', 'OTHER',
]

export interface Seal {
  id: string
  code: string
  name: string
  type: SealType
  status: SealStatus
  departmentId?: string
  custodianId?: string | null
  backupCustodianId?: string | null
  deviceId?: string | null
  slot?: number | null
  filingCode?: string | null
  allowedDocumentTypes: DocumentType[]
  flowKey?: string | null
}

export type DeviceKind = 'SEAL_DEVICE' | 'CABINET'
export type DeviceStatus = 'PENDING_ENROLMENT' | 'ONLINE' | 'OFFLINE' | 'DISABLED'

export interface Device {
  id: string
  serialNo: string
  kind: DeviceKind
  status: DeviceStatus
  location?: string
  lastSeenAt?: string | null
  firmware?: string | null
  seals: Array<string | { id: string; name?: string; slot?: number }>
}

export interface DeviceEvent {
  id: string
  at: string
  type: string
  seq?: number
  detail?: string
  data?: Record<string, unknown>
}

export interface EnrolmentCode {
  code: string
  expiresAt?: string
}

export interface FileMeta {
  id: string
  name: string
  size: number
  sha256: string
  contentType: string
}

export type RequestType = 'SEAL_USE' | 'TAKE_OUT'
export type RequestStatus = 'DRAFT' | 'IN_PROGRESS' | 'RETURNED' | 'REJECTED' | 'WITHDRAWN' | 'COMPLETED'

export interface TakeOut {
  expectedReturnAt: string | number
  destination: string
}

export interface CreateRequest {
  type: RequestType
  sealIds: string[]
  documentType: DocumentType
  documentName: string
  copies: number
  reason: string
  amount?: number | string | null
  counterparty?: string
  takeOut?: TakeOut
  form: Record<string, unknown>
  fileIds: string[]
  submit: boolean
}

export interface CurrentNode {
  nodeId: string
  name: string
  assignees: Array<string | { id: string; name: string }>
}

export interface TimelineEntry {
  at: string
  type: string
  nodeId?: string
  nodeName?: string
  actorId?: string
  actorName?: string
  comment?: string
  detail?: string
}

export type TaskStatus =
  | 'PENDING' | 'WAITING' | 'APPROVED' | 'REJECTED' | 'RETURNED' | 'TRANSFERRED' | 'DELEGATED'
  | 'CANCELLED' | 'TIMED_OUT' | 'AUTO_APPROVED' | 'AUTO_REJECTED' | 'DONE'

export interface Task {
  id: string
  requestId: string
  requestNo?: string
  nodeId: string
  nodeName?: string
  assigneeId?: string
  assigneeName?: string
  status: TaskStatus
  comment?: string
  createdAt?: string
  decidedAt?: string | null
  dueAt?: string | null
  documentName?: string
  applicantName?: string
  kind?: 'APPROVAL' | 'HANDLE'
}

export type CommandState = 'QUEUED' | 'SENT' | 'ACCEPTED' | 'DONE' | 'REJECTED' | 'EXPIRED' | 'REVOKED'

export interface Unlock {
  commandId: string
  deviceId: string
  state: CommandState
  sealId?: string
  pressesAllowed?: number
  pressesUsed?: number
  /** The cabinet slot the seal is taken from; absent for a smart seal device. */
  slot?: number | null
  at?: string
}

export interface Review {
  verdict: 'OK' | 'SUSPICIOUS'
  comment?: string
  reviewerName?: string
  /** The reviewer's user id (the server sends `by`). */
  by?: string
  at?: string
}

export interface Press {
  id: string
  requestId?: string | null
  deviceId: string
  sealId?: string | null
  at: string
  counter: number
  photoSha256?: string | null
  /** The photo has arrived at the server (it may follow the press event). */
  photoStored?: boolean
  flags: string[]
  review?: Review | null
}

export interface SealRequestSummary {
  id: string
  no: string
  type: RequestType
  status: RequestStatus
  documentName: string
  documentType: DocumentType
  applicantId?: string
  applicantName?: string
  departmentId?: string
  departmentName?: string
  sealIds?: string[]
  sealNames?: string[]
  copies?: number
  amount?: number | string | null
  createdAt?: string
  updatedAt?: string
  currentNodes?: CurrentNode[]
}

export interface SealRequestDetail extends SealRequestSummary {
  sealIds: string[]
  copies: number
  reason?: string
  counterparty?: string
  takeOut?: TakeOut | null
  form?: Record<string, unknown>
  files?: FileMeta[]
  fileIds?: string[]
  flow: { key: string; version: number }
  currentNodes: CurrentNode[]
  timeline: TimelineEntry[]
  tasks: Task[]
  unlocks: Unlock[]
  presses: Press[]
}

export interface Notification {
  id: string
  at: string
  title: string
  body?: string
  kind?: string
  /** Where the notification leads in the app, e.g. `/requests/{id}`. */
  link?: string
  requestId?: string
  read: boolean
}

/** A row of the archive search (GET /api/archive). */
export interface ArchiveRecord {
  no: string
  requestId: string
  requestNo?: string
  documentName?: string
  counterparty?: string | null
  applicantId?: string
  applicantName?: string
  departmentId?: string
  departmentName?: string
  sealNames?: string
  pressCount?: number
  archivedAt: string | number
  verificationCode?: string
}

export interface ArchivePage {
  items: ArchiveRecord[]
  page: number
  size: number
  total: number
  totalCapped?: boolean
}

export interface ArchivePerson { id: string; name?: string }

export interface ArchivedPress {
  id: string
  deviceId: string
  sealId?: string
  slot?: number | null
  tokenId?: string | null
  commandId?: string | null
  at: number
  counter: number
  photoSha256?: string | null
  flags: string[]
  review?: { verdict: string; comment?: string | null; by?: string; byName?: string; at?: number } | null
}

export interface IntegrityCheck { check: string; ok: boolean; detail?: string | null }

/** GET /api/archive/{no}: the record exactly as hashed, its addenda and a fresh integrity check. */
export interface ArchiveDetail extends ArchiveRecord {
  seq: number
  hash: string
  prevHash: string
  verifyUrl: string
  retainUntil?: number
  record: {
    company?: string
    request: {
      id: string; no: string; type: string; documentType: string; documentName: string; copies: number; reason?: string
      amount?: string | null; counterparty?: string | null; applicant?: ArchivePerson; department?: ArchivePerson | null
      submittedAt?: number; finishedAt?: number; files?: { id: string; name: string; sha256: string; size: number }[]
    }
    seals: { id: string; code?: string; name?: string; type?: string; deviceId?: string | null }[]
    approval?: {
      status: string
      history: { seq: number; at: number; action: string; nodeId?: string; actor?: ArchivePerson | null; comment?: string | null }[]
      tasks: { nodeId: string; nodeName: string }[]
    } | null
    unlocks: { commandId: string; deviceId: string; state: string; slot?: number | null; pressesAllowed?: number; pressesUsed?: number; createdAt?: number }[]
    presses: ArchivedPress[]
  }
  addenda: { seq: number; hash: string; type: string; pressId: string; verdict: string; comment?: string | null; by?: ArchivePerson; at: number }[]
  integrity: { ok: boolean; storedHash?: string; recomputedHash?: string; checks: IntegrityCheck[] }
}

/** GET /api/verify/{code}: what anyone holding the code may see. */
export interface ArchiveVerification {
  no: string
  status: 'VALID' | 'TAMPERED'
  documentName?: string
  company?: string
  seals: string[]
  submittedAt?: number
  finishedAt?: number
  archivedAt?: number
  pressCount: number
  presses: { at: number; photoSha256?: string | null }[]
  addenda: number
  integrity: { ok: boolean; storedHash?: string; recomputedHash?: string; problems: { check: string; detail: string }[] }
}

export interface AuditEntry {
  seq: number
  at: string
  actor?: string
  action: string
  target?: string
  hash?: string
}
