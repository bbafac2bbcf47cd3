// Journey (i): a request runs through the flow version the admin has just published. Its path is simulated for the
// request's own facts on that version before anyone approves; the approvers the simulation names approve in turn, the
// custodian stamps once, and the path the request took (the timeline's nodes) is the designed one, the new CC node
// included, drawn as done on the request detail.
import { applyAndApprove, stampAtSealDevice } from './requests.mjs'
import { api, BASE, check, post, see, shot, signIn } from './support.mjs'

const APPROVERS = [['lisi', '同意，按新流程办理'], ['qianqi', '新流程下报表核对无误']]
const STRUCTURAL = new Set(['START', 'END', 'CONDITION', 'BRANCH', 'ROUTE', 'PARALLEL', 'INCLUSIVE', 'JOIN'])

export async function runNewVersion(published) {
  let simulated
  let simulatedAll
  const req = await applyAndApprove({
    seal: '财务专用章', documentType: '财务报表', documentName: '新版流程试运行报表', amount: '2000', counterparty: '招商银行',
    reason: '按新发布的用印流程提交', approvers: APPROVERS, phone: ['qianqi'],
    afterSubmit: async (page, detail) => {
      check(detail.flow?.key === published.key && detail.flow?.version === published.version,
        `the request runs on ${JSON.stringify(detail.flow)}, expected ${published.key} v${published.version}`)
      const form = {
        amount: Number(detail.amount), documentType: detail.documentType, sealType: detail.seals[0].type,
        sealTypes: [...new Set(detail.seals.map((s) => s.type))], sealId: detail.seals[0].id, sealIds: detail.seals.map((s) => s.id),
        copies: detail.copies, takeOut: false, requestType: detail.type ?? 'USE',
      }
      const sim = await post(page, `/api/flows/${published.key}/simulate`, { version: published.version, form })
      check(sim.status === 200, `simulating v${published.version} answered ${sim.status}: ${JSON.stringify(sim.body)}`)
      simulatedAll = sim.body.path.map((s) => s.nodeId)
      simulated = sim.body.path.filter((s) => !STRUCTURAL.has(s.type))
      check(simulated.some((s) => s.nodeId === published.ccNodeId), `the simulated path misses the new CC node: ${JSON.stringify(simulated)}`)
      // the people the simulation names for the approval nodes are the ones who will approve
      const approvers = []
      for (const step of simulated.filter((s) => s.type === 'APPROVAL')) {
        for (const a of step.approvers) approvers.push((await api(page, `/api/users/${a.id}`)).body.username)
      }
      check(JSON.stringify(approvers) === JSON.stringify(APPROVERS.map((a) => a[0])),
        `the simulation names approvers ${approvers.join(', ')}, the journey approves as ${APPROVERS.map((a) => a[0]).join(', ')}`)
    },
  })
  await stampAtSealDevice(req, 1)

  const { ctx, page } = await signIn('zhangsan')
  const detail = (await api(page, `/api/requests/${req.id}`)).body
  check(detail.status === 'COMPLETED', `request ${req.no} is ${detail.status}`)
  // the path taken: the nodes the timeline entered, in order, are the simulated (designed) ones
  const taken = []
  // (BRANCH entries record every branch condition weighed, taken or not; they are not steps the request went through)
  for (const e of detail.timeline) if (e.nodeId && e.kind !== 'BRANCH' && !taken.includes(e.nodeId)) taken.push(e.nodeId)
  const designed = simulated.map((s) => s.nodeId)
  const takenDesigned = taken.filter((id) => designed.includes(id))
  check(JSON.stringify(takenDesigned) === JSON.stringify(designed),
    `the request took ${taken.join(' → ')}, the designed path is ${designed.join(' → ')}`)
  // branch containers the simulation walked count as designed too
  const stray = taken.filter((id) => !simulatedAll.includes(id) && !['start', 'end'].includes(id))
  check(stray.length === 0, `the request passed nodes outside the designed path: ${stray.join(', ')}`)
  check(detail.tasks.filter((t) => t.kind !== 'CC').every((t) => !['PENDING', 'WAITING', 'DELEGATED'].includes(t.status)),
    'tasks are still open on a completed request')

  // the request detail draws the new node as passed
  await page.goto(`${BASE}/requests/${req.id}`)
  await see(page, req.documentName)
  await see(page, '已完成')
  const cc = page.locator(`.flow-box [data-node-id="${published.ccNodeId}"]`).first()
  await cc.waitFor()
  check(/mark-done/.test((await cc.getAttribute('class')) ?? ''), `the new CC node is not drawn as passed: ${await cc.getAttribute('class')}`)
  await shot(page, 'e2e-10-new-version-request', { settle: 1200 })
  await ctx.close()
  return { ...req, path: taken, version: published.version }
}
