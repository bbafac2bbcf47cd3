// Demo data of DESIGN.md §7 for the mock API. Dev/screenshot use only: never bundled.
const now = Date.now()
const ago = (min) => new Date(now - min * 60_000).toISOString()

export const departments = [
  { id: 'd-exec', name: '总经办', parentId: null, headId: 'sunba' },
  { id: 'd-admin', name: '行政部', parentId: 'd-exec', headId: 'wushi' },
  { id: 'd-sales', name: '销售部', parentId: 'd-exec', headId: 'lisi' },
  { id: 'd-rd', name: '研发部', parentId: 'd-exec', headId: 'liuyang' },
  { id: 'd-legal', name: '法务部', parentId: 'd-exec', headId: 'wangwu' },
  { id: 'd-fin', name: '财务部', parentId: 'd-exec', headId: 'qianqi' },
]

export const users = [
  ['admin', '管理员', 'd-admin', ['ADMIN', 'SEAL_ADMIN', 'FLOW_ADMIN']],
  ['zhangsan', '张三', 'd-sales', []],
  ['lisi', '李四', 'd-sales', []],
  ['chenyu', '陈宇', 'd-rd', []],
  ['liuyang', '刘洋', 'd-rd', []],
  ['wangwu', '王五', 'd-legal', ['LEGAL']],
  ['zhaoliu', '赵六', 'd-legal', ['LEGAL']],
  ['qianqi', '钱七', 'd-fin', ['FINANCE']],
  ['sunba', '孙八', 'd-exec', ['EXECUTIVE']],
  ['zhoujiu', '周九', 'd-exec', ['EXECUTIVE']],
  ['wushi', '吴十', 'd-admin', ['CUSTODIAN']],
  ['zhengyi', '郑一', 'd-fin', ['CUSTODIAN']],
  ['anbao', '安保', 'd-admin', ['SECURITY']],
  ['auditor', '审计员', 'd-exec', ['AUDITOR']],
].map(([id, name, departmentId, roles]) => ({ id, username: id, name, departmentId, roles }))

export const userName = (id) => users.find((u) => u.id === id)?.name ?? id
export const deptName = (id) => departments.find((d) => d.id === id)?.name ?? id

export const seals = [
  { id: 's-official', code: 'YZ-001', name: '公章', type: 'OFFICIAL', status: 'ACTIVE', departmentId: 'd-admin', custodianId: 'wushi', backupCustodianId: 'zhengyi', deviceId: 'cab-01', slot: 1, filingCode: '3101150012345', allowedDocumentTypes: [], flowKey: 'seal-use' },
  { id: 's-contract', code: 'YZ-002', name: '合同专用章', type: 'CONTRACT', status: 'ACTIVE', departmentId: 'd-admin', custodianId: 'wushi', deviceId: 'cab-01', slot: 2, filingCode: '3101150012346', allowedDocumentTypes: ['CONTRACT', 'AGREEMENT'], flowKey: 'seal-use' },
  { id: 's-legalrep', code: 'YZ-003', name: '法定代表人章', type: 'LEGAL_REP', status: 'SUSPENDED', departmentId: 'd-admin', custodianId: 'wushi', deviceId: 'cab-01', slot: 3, filingCode: '3101150012347', allowedDocumentTypes: [], flowKey: 'seal-use' },
  { id: 's-finance', code: 'YZ-004', name: '财务专用章', type: 'FINANCE', status: 'ACTIVE', departmentId: 'd-fin', custodianId: 'zhengyi', deviceId: 'sd-01', slot: null, filingCode: '3101150012348', allowedDocumentTypes: ['FINANCIAL_STATEMENT', 'INVOICE', 'CERTIFICATE'], flowKey: 'seal-use' },
  { id: 's-invoice', code: 'YZ-005', name: '发票专用章', type: 'INVOICE', status: 'ACTIVE', departmentId: 'd-fin', custodianId: 'zhengyi', deviceId: 'sd-02', slot: null, filingCode: '3101150012349', allowedDocumentTypes: ['INVOICE'], flowKey: 'seal-use' },
]

export const devices = [
  { id: 'cab-01', serialNo: 'CAB-01', kind: 'CABINET', status: 'ONLINE', location: '行政部 3F 机要室', lastSeenAt: ago(0.3), firmware: '1.4.2', seals: ['s-official', 's-contract', 's-legalrep'] },
  { id: 'sd-01', serialNo: 'SD-01', kind: 'SEAL_DEVICE', status: 'ONLINE', location: '财务部 5F', lastSeenAt: ago(0.5), firmware: '2.1.0', seals: ['s-finance'] },
  { id: 'sd-02', serialNo: 'SD-02', kind: 'SEAL_DEVICE', status: 'OFFLINE', location: '财务部 5F', lastSeenAt: ago(47), firmware: '2.0.7', seals: ['s-invoice'] },
  { id: 'sd-03', serialNo: 'SD-03', kind: 'SEAL_DEVICE', status: 'PENDING_ENROLMENT', location: '上海分公司', lastSeenAt: null, firmware: null, seals: [] },
]

export const deviceEvents = (id) => [
  { id: `${id}-e1`, at: ago(3), type: 'PRESS', seq: 1042, detail: 'REQ-20261126-0007 第 2 次' },
  { id: `${id}-e2`, at: ago(4), type: 'PRESS', seq: 1041, detail: 'REQ-20261126-0007 第 1 次' },
  { id: `${id}-e3`, at: ago(5), type: 'AUTH', seq: 1040, detail: '吴十 PIN 验证通过' },
  { id: `${id}-e4`, at: ago(6), type: 'UNLOCK_ACCEPTED', seq: 1039, detail: '令牌 tk-7f3a，允许 2 次' },
  { id: `${id}-e5`, at: ago(180), type: 'DOOR_OPEN', seq: 1030 },
  { id: `${id}-e6`, at: ago(182), type: 'TAMPER', seq: 1029, detail: '防拆开关触发' },
  { id: `${id}-e7`, at: ago(600), type: 'HEALTH', seq: 1000, detail: 'CPU 41°C · 存储 12%' },
]

const sealUse = {
  key: 'seal-use', name: '用印审批',
  formFields: [{ key: 'project', label: '所属项目', type: 'text' }],
  root: {
    id: 'start', type: 'START', name: '申请',
    next: {
      id: 'dept', type: 'APPROVAL', name: '部门负责人审批', approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
      allow: ['TRANSFER', 'DELEGATE', 'ADD_SIGNER', 'RETURN'], onReject: 'RETURN_TO_APPLICANT',
      timeLimit: { duration: 'P1D', remindBefore: 'PT4H', onTimeout: { action: 'TRANSFER', to: { type: 'DEPT_HEAD', level: 2 } } },
      next: {
        id: 'review', type: 'INCLUSIVE', name: '专业审核',
        branches: [
          { id: 'legal-b', name: '合同类', when: { anyOf: [{ allOf: [{ field: 'documentType', op: 'in', value: ['CONTRACT', 'AGREEMENT'] }] }] },
            next: { id: 'legal', type: 'APPROVAL', name: '法务审核', approvers: { type: 'ROLE', role: 'LEGAL' }, mode: 'ANY', allow: ['TRANSFER', 'RETURN'] } },
          { id: 'fin-b', name: '财务类或大额', when: { anyOf: [{ allOf: [{ field: 'documentType', op: 'in', value: ['FINANCIAL_STATEMENT', 'INVOICE'] }] }, { allOf: [{ field: 'amount', op: 'gte', value: 100000 }] }] },
            next: { id: 'finance', type: 'APPROVAL', name: '财务审核', approvers: { type: 'ROLE', role: 'FINANCE' }, mode: 'ANY', allow: ['RETURN'] } },
          { id: 'rev-default', name: '其他情况', default: true },
        ],
        next: {
          id: 'exec', type: 'CONDITION', name: '高层审批',
          branches: [
            { id: 'big', name: '大额或公章', when: { anyOf: [{ allOf: [{ field: 'amount', op: 'gte', value: 500000 }] }, { allOf: [{ field: 'sealType', op: 'in', value: ['OFFICIAL', 'LEGAL_REP'] }] }] },
              next: { id: 'ceo', type: 'APPROVAL', name: '总经办会签', approvers: { type: 'USERS', userIds: ['sunba', 'zhoujiu'] }, mode: 'ALL', allow: ['ADD_SIGNER', 'RETURN'] } },
            { id: 'small', name: '其他', default: true },
          ],
          next: {
            id: 'stamp', type: 'HANDLE', name: '印章管理员用印', action: 'STAMP', approvers: { type: 'SEAL_CUSTODIAN' },
            next: { id: 'cc', type: 'CC', name: '抄送申请部门', recipients: [{ type: 'DEPT_HEAD', level: 1 }],
              next: { id: 'archive', type: 'AUTO', name: '归档', action: 'ARCHIVE' } },
          },
        },
      },
    },
  },
}
const takeOut = {
  key: 'take-out', name: '印章外带', formFields: [],
  root: { id: 'start', type: 'START', name: '申请', next: { id: 'dept', type: 'APPROVAL', name: '部门负责人审批', approvers: { type: 'DEPT_HEAD', level: 1 }, mode: 'ANY',
    next: { id: 'gm', type: 'APPROVAL', name: '总经办负责人审批', approvers: { type: 'USERS', userIds: ['sunba'] }, mode: 'ANY',
      next: { id: 'out', type: 'HANDLE', name: '取出印章', action: 'CHECKOUT', approvers: { type: 'SEAL_CUSTODIAN' },
        next: { id: 'in', type: 'HANDLE', name: '归还印章', action: 'CHECKIN', approvers: { type: 'SEAL_CUSTODIAN' },
          next: { id: 'archive', type: 'AUTO', name: '归档', action: 'ARCHIVE' } } } } } },
}
// version 1 of seal-use: no inclusive review, no CC (the diff shows them as added)
const sealUseV1 = JSON.parse(JSON.stringify(sealUse))
sealUseV1.root.next.next = sealUseV1.root.next.next.next
sealUseV1.root.next.next.next.next = { id: 'archive', type: 'AUTO', name: '归档', action: 'ARCHIVE' }
sealUseV1.root.next.name = '部门审批'

export const flows = {
  'seal-use': { key: 'seal-use', name: '用印审批', publishedVersion: 2, hasDraft: true, updatedAt: ago(90), draft: sealUse, published: sealUse,
    versions: [{ version: 1, publishedAt: ago(60 * 24 * 30), publishedBy: '管理员' }, { version: 2, publishedAt: ago(60 * 24 * 3), publishedBy: '管理员' }],
    byVersion: { 1: sealUseV1, 2: sealUse } },
  'take-out': { key: 'take-out', name: '印章外带', publishedVersion: 1, hasDraft: false, updatedAt: ago(60 * 24 * 12), draft: null, published: takeOut,
    versions: [{ version: 1, publishedAt: ago(60 * 24 * 12), publishedBy: '管理员' }], byVersion: { 1: takeOut } },
}

const req = (o) => ({ type: 'SEAL_USE', copies: 2, currentNodes: [], tasks: [], timeline: [], unlocks: [], presses: [], files: [], form: {}, flow: { key: 'seal-use', version: 2 }, ...o,
  applicantName: userName(o.applicantId), departmentName: deptName(users.find((u) => u.id === o.applicantId)?.departmentId),
  sealNames: o.sealIds.map((s) => seals.find((x) => x.id === s)?.name) })

const file = (id, name) => ({ id, name, size: 284_213, sha256: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78', contentType: 'image/svg+xml' })

export const presses = [
  { id: 'p1', requestId: 'r1', deviceId: 'cab-01', sealId: 's-contract', at: ago(4), counter: 1041, photoSha256: '9f2c1e7a4b0d8e3f6a5c2b1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f', flags: [], review: null, kind: 'ok' },
  { id: 'p2', requestId: 'r1', deviceId: 'cab-01', sealId: 's-contract', at: ago(3), counter: 1042, photoSha256: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b', flags: [], review: null, kind: 'ok' },
  { id: 'p3', requestId: null, deviceId: 'sd-01', sealId: 's-finance', at: ago(65), counter: 388, photoSha256: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', flags: ['NO_SESSION'], review: null, kind: 'forced' },
  { id: 'p4', requestId: 'r4', deviceId: 'sd-01', sealId: 's-finance', at: ago(190), counter: 387, photoSha256: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef', flags: ['BLANK_PAGE'], review: null, kind: 'blank' },
  { id: 'p5', requestId: 'r4', deviceId: 'sd-01', sealId: 's-finance', at: ago(192), counter: 386, photoSha256: 'aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44', flags: [], review: { verdict: 'OK', reviewerName: '安保' }, kind: 'ok' },
  { id: 'p6', requestId: 'r5', deviceId: 'cab-01', sealId: 's-official', at: ago(60 * 26), counter: 1035, photoSha256: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f', flags: [], review: { verdict: 'OK', reviewerName: '安保' }, kind: 'ok' },
  { id: 'p7', requestId: 'r5', deviceId: 'cab-01', sealId: 's-official', at: ago(60 * 26 + 1), counter: 1034, photoSha256: '0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e', flags: ['OVER_LIMIT'], review: { verdict: 'SUSPICIOUS', comment: '超出审批份数，已约谈保管人', reviewerName: '安保' }, kind: 'ok' },
  { id: 'p8', requestId: 'r6', deviceId: 'sd-02', sealId: 's-invoice', at: ago(60 * 50), counter: 220, photoSha256: '7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b', flags: ['NO_IMPRESSION', 'OFFLINE_SESSION'], review: null, kind: 'faint' },
  { id: 'p9', requestId: 'r6', deviceId: 'sd-02', sealId: 's-invoice', at: ago(60 * 50 + 2), counter: 219, photoSha256: '3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a', flags: [], review: null, kind: 'ok' },
  { id: 'p10', requestId: 'r5', deviceId: 'cab-01', sealId: 's-official', at: ago(60 * 26 + 2), counter: 1033, photoSha256: '2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f', flags: [], review: { verdict: 'OK', reviewerName: '安保' }, kind: 'ok' },
]

export const requests = [
  req({ id: 'r1', no: 'REQ-20261126-0007', status: 'IN_PROGRESS', applicantId: 'zhangsan', sealIds: ['s-contract'], documentType: 'CONTRACT',
    documentName: '华东区域 2027 年度经销合同', copies: 2, reason: '与上海澄川贸易签订年度经销合同，双方盖章后生效', amount: '680000.00', counterparty: '上海澄川贸易有限公司',
    form: { project: '华东渠道拓展' }, createdAt: ago(60 * 5), files: [file('f1', '经销合同-终稿.pdf'), file('f2', '报价单.xlsx')],
    currentNodes: [{ nodeId: 'ceo', name: '总经办会签', assignees: [{ id: 'sunba', name: '孙八' }, { id: 'zhoujiu', name: '周九' }] }],
    tasks: [
      { id: 't1', requestId: 'r1', nodeId: 'dept', nodeName: '部门负责人审批', assigneeId: 'lisi', assigneeName: '李四', status: 'APPROVED', comment: '同意，渠道策略已在周会确认。', decidedAt: ago(60 * 4) },
      { id: 't2', requestId: 'r1', nodeId: 'legal', nodeName: '法务审核', assigneeId: 'wangwu', assigneeName: '王五', status: 'APPROVED', comment: '第 7.2 条违约金条款已按法务意见修改，可以盖章。', decidedAt: ago(60 * 2) },
      { id: 't3', requestId: 'r1', nodeId: 'finance', nodeName: '财务审核', assigneeId: 'qianqi', assigneeName: '钱七', status: 'APPROVED', comment: '账期 60 天，符合信用政策。', decidedAt: ago(100) },
      { id: 't4', requestId: 'r1', nodeId: 'ceo', nodeName: '总经办会签', assigneeId: 'sunba', assigneeName: '孙八', status: 'PENDING', createdAt: ago(95), dueAt: new Date(now + 20 * 3600_000).toISOString() },
      { id: 't5', requestId: 'r1', nodeId: 'ceo', nodeName: '总经办会签', assigneeId: 'zhoujiu', assigneeName: '周九', status: 'APPROVED', comment: '同意。', decidedAt: ago(30) },
    ],
    timeline: [
      { at: ago(60 * 5), type: 'SUBMITTED', actorName: '张三', nodeId: 'start', nodeName: '申请' },
      { at: ago(60 * 4), type: 'APPROVED', actorName: '李四', nodeId: 'dept', nodeName: '部门负责人审批', comment: '同意，渠道策略已在周会确认。' },
      { at: ago(60 * 3), type: 'COMMENTED', actorName: '赵六', comment: '请补充对方营业执照复印件。' },
      { at: ago(60 * 2), type: 'APPROVED', actorName: '王五', nodeId: 'legal', nodeName: '法务审核', comment: '第 7.2 条违约金条款已按法务意见修改，可以盖章。' },
      { at: ago(100), type: 'APPROVED', actorName: '钱七', nodeId: 'finance', nodeName: '财务审核', comment: '账期 60 天，符合信用政策。' },
      { at: ago(30), type: 'APPROVED', actorName: '周九', nodeId: 'ceo', nodeName: '总经办会签', comment: '同意。' },
    ] }),
  req({ id: 'r2', no: 'REQ-20261126-0006', status: 'IN_PROGRESS', applicantId: 'chenyu', sealIds: ['s-official'], documentType: 'CERTIFICATE', documentName: '高新技术企业认定申报材料', copies: 3, reason: '年度高企复审', amount: null, createdAt: ago(60 * 2),
    currentNodes: [{ nodeId: 'dept', name: '部门负责人审批', assignees: [{ id: 'liuyang', name: '刘洋' }] }] }),
  req({ id: 'r3', no: 'REQ-20261125-0021', status: 'RETURNED', applicantId: 'zhangsan', sealIds: ['s-contract'], documentType: 'AGREEMENT', documentName: '战略合作框架协议（杭州云栖）', copies: 2, reason: '战略合作', amount: '0', createdAt: ago(60 * 20) }),
  req({ id: 'r4', no: 'REQ-20261125-0017', status: 'COMPLETED', applicantId: 'qianqi', sealIds: ['s-finance'], documentType: 'FINANCIAL_STATEMENT', documentName: '2026 年三季度财务报表', copies: 2, reason: '报送银行', amount: null, createdAt: ago(60 * 28) }),
  req({ id: 'r5', no: 'REQ-20261125-0009', status: 'COMPLETED', applicantId: 'zhangsan', sealIds: ['s-official'], documentType: 'OFFICIAL_LETTER', documentName: '关于参加 2026 进博会的函', copies: 2, reason: '展会报名', amount: null, createdAt: ago(60 * 30) }),
  req({ id: 'r6', no: 'REQ-20261124-0032', status: 'COMPLETED', applicantId: 'zhengyi', sealIds: ['s-invoice'], documentType: 'INVOICE', documentName: '11 月增值税专用发票', copies: 2, reason: '开票', amount: '125800.50', createdAt: ago(60 * 52) }),
  req({ id: 'r7', no: 'REQ-20261124-0011', status: 'REJECTED', applicantId: 'zhangsan', sealIds: ['s-official'], documentType: 'OTHER', documentName: '个人收入证明', copies: 1, reason: '办理签证', amount: null, createdAt: ago(60 * 60) }),
  req({ id: 'r8', no: 'REQ-20261123-0004', type: 'TAKE_OUT', status: 'IN_PROGRESS', applicantId: 'zhangsan', sealIds: ['s-contract'], documentType: 'CONTRACT', documentName: '广州客户现场签约', copies: 4, reason: '客户现场签约', amount: '320000', createdAt: ago(60 * 80), flow: { key: 'take-out', version: 1 },
    takeOut: { expectedReturnAt: new Date(now + 86400_000).toISOString(), destination: '广州天河' },
    currentNodes: [{ nodeId: 'gm', name: '总经办负责人审批', assignees: [{ id: 'sunba', name: '孙八' }] }] }),
]
const r1 = requests[0]
r1.unlocks = []
const r5 = requests.find((r) => r.id === 'r5')
r5.unlocks = [{ commandId: 'c-91', deviceId: 'cab-01', state: 'DONE', pressesAllowed: 2, pressesUsed: 3 }]
r5.presses = presses.filter((p) => p.requestId === 'r5')
r5.timeline = [{ at: ago(60 * 30), type: 'SUBMITTED', actorName: '张三', nodeId: 'start' }, { at: ago(60 * 29), type: 'APPROVED', actorName: '李四', nodeId: 'dept', nodeName: '部门负责人审批' },
  { at: ago(60 * 27), type: 'APPROVED', actorName: '孙八', nodeId: 'ceo', nodeName: '总经办会签' }, { at: ago(60 * 27), type: 'APPROVED', actorName: '周九', nodeId: 'ceo', nodeName: '总经办会签' },
  { at: ago(60 * 26.5), type: 'UNLOCK', actorName: '系统', nodeId: 'stamp', detail: 'CAB-01 1 号槽位' }, { at: ago(60 * 26), type: 'PRESS', actorName: '吴十', nodeId: 'stamp', detail: '3 次按压' },
  { at: ago(60 * 25.9), type: 'HANDLED', actorName: '吴十', nodeId: 'stamp', nodeName: '印章管理员用印' }, { at: ago(60 * 25.9), type: 'ARCHIVED', actorName: '系统', nodeId: 'archive' }]
r5.files = [file('f5', '参展函.pdf')]
for (const r of requests) if (r.id === 'r4' || r.id === 'r6') { r.files = [file(`f-${r.id}`, `${r.documentName}.pdf`)]; r.presses = presses.filter((p) => p.requestId === r.id) }

export const notifications = [
  { id: 'n1', at: ago(30), title: '周九 同意了你的用印申请', body: '华东区域 2027 年度经销合同 · 总经办会签', requestId: 'r1', read: false },
  { id: 'n2', at: ago(100), title: '钱七 同意了你的用印申请', body: '华东区域 2027 年度经销合同 · 财务审核', requestId: 'r1', read: false },
  { id: 'n3', at: ago(60 * 20), title: '你的申请被退回', body: '战略合作框架协议：请补充合作范围附件', requestId: 'r3', read: false },
  { id: 'n4', at: ago(65), title: '安全告警：无授权按压', body: 'SD-01 财务专用章在无用印会话时被按压', read: true },
]

export const stats = {
  summary: { total: 186, approved: 151, rejected: 17, inProgress: 18, avgDurationHours: 6.4, pressesTotal: 412, flaggedPresses: 9,
    daily: Array.from({ length: 30 }, (_, i) => { const d = new Date(now - (29 - i) * 86400_000); const s = 3 + Math.round(4 * Math.abs(Math.sin(i / 3))) + (i % 7 === 5 || i % 7 === 6 ? -3 : 2); return { date: d.toISOString().slice(0, 10), submitted: Math.max(1, s), approved: Math.max(0, s - 1 - (i % 4 === 0 ? 1 : 0)), rejected: i % 5 === 0 ? 1 : 0 } }) },
  nodes: [
    { nodeId: 'dept', name: '部门负责人审批', count: 180, avgHours: 2.1, p90Hours: 5.5 },
    { nodeId: 'legal', name: '法务审核', count: 96, avgHours: 7.8, p90Hours: 19 },
    { nodeId: 'finance', name: '财务审核', count: 61, avgHours: 3.4, p90Hours: 8 },
    { nodeId: 'ceo', name: '总经办会签', count: 38, avgHours: 11.2, p90Hours: 26 },
    { nodeId: 'stamp', name: '印章管理员用印', count: 150, avgHours: 1.3, p90Hours: 3 },
  ],
  devices: [
    { deviceId: 'cab-01', sealId: 's-official', sealName: '公章', presses: 96, flagged: 2 },
    { deviceId: 'cab-01', sealId: 's-contract', sealName: '合同专用章', presses: 178, flagged: 1 },
    { deviceId: 'cab-01', sealId: 's-legalrep', sealName: '法定代表人章', presses: 12, flagged: 0 },
    { deviceId: 'sd-01', sealId: 's-finance', sealName: '财务专用章', presses: 71, flagged: 4 },
    { deviceId: 'sd-02', sealId: 's-invoice', sealName: '发票专用章', presses: 55, flagged: 2 },
  ],
}
