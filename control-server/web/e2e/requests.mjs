// Journeys (a) apply, (b) approve, (c) stamp: the applicant's form, the approvers' workbench and task card,
// live to-do and notifications, and the custodian at the virtual devices through the simulator's HTTP API.
import { api, check, contractPdf, see, shot, signIn, sim, until } from './support.mjs'

async function cardValue(page, label) {
  const card = page.locator('.stat', { hasText: label })
  return Number((await card.locator('.stat-value').innerText()).trim())
}

function formItem(page, label) {
  return page.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) })
}

/** zhangsan fills the form and submits; the approvers approve in turn with comments. Returns the request. */
export async function applyAndApprove(o) {
  // the first approver's workbench is open before the request exists: the task must arrive live
  const first = await signIn(o.approvers[0][0])
  await see(first.page, '待我处理')
  const todoBefore = await cardValue(first.page, '待我处理')

  const { ctx, page } = await signIn('zhangsan')
  await page.goto(`${page.url().replace(/\/workbench.*/, '')}/requests/new`)
  await see(page, '选择印章')
  if (o.documentType) {
    await formItem(page, '文件类型').locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: o.documentType }).click()
  }
  await page.locator('.seal', { hasText: o.seal }).click()
  await see(page, '已选 1 枚')
  await formItem(page, '文件名称').locator('input').fill(o.documentName)
  if (o.copies) await formItem(page, '用印份数').locator('input').fill(String(o.copies))
  await formItem(page, '金额').locator('input').fill(o.amount)
  await formItem(page, '相对方').locator('input').fill(o.counterparty)
  await formItem(page, '用印事由').locator('textarea').fill(o.reason)
  const pdfName = typeof o.pdf === 'string' ? o.pdf : '华东区域经销合同.pdf'
  if (o.pdf) {
    await page.setInputFiles('.el-upload input[type=file]', { name: pdfName, mimeType: 'application/pdf', buffer: contractPdf(o.pdfTitle ?? 'Distribution Agreement 2026') })
    await see(page, pdfName)
  }
  if (o.shots) await shot(page, 'e2e-15-request-form')
  await page.click('[data-test=submit-request]')
  await page.waitForURL((u) => /\/requests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'))
  const id = page.url().split('/').pop()
  await see(page, '审批中')
  await see(page, o.documentName)
  await see(page, '部门负责人审批')
  const detail = (await api(page, `/api/requests/${id}`)).body
  check(detail.status === 'IN_PROGRESS', `request ${id} is ${detail.status}`)
  if (o.pdf) {
    check(detail.fileIds?.length === 1 || detail.files?.length === 1, `the PDF is not on the request: ${JSON.stringify(detail)}`)
    await see(page, pdfName)
  }
  // e.g. the path the flow will take for this request, checked before anyone approves
  if (o.afterSubmit) await o.afterSubmit(page, detail)
  await ctx.close()

  // live: the task and its notification reach the open workbench without a reload
  const fp = first.page
  await see(fp, o.documentName)
  await until('the to-do count to rise', async () => (await cardValue(fp, '待我处理')) === todoBefore + 1)
  const badge = fp.locator('.bell .el-badge__content')
  await until('the unread badge', async () => Number((await badge.innerText().catch(() => '0')).trim()) >= 1)
  if (o.shots) await shot(fp, 'e2e-02-workbench')
  await fp.locator('.bell').click()
  await see(fp, `待审批：${detail.no}`)
  if (o.shots) await shot(fp, 'e2e-02b-notifications')
  await fp.keyboard.press('Escape')

  for (const [i, [user, comment]] of o.approvers.entries()) {
    const phone = o.phone?.includes(user)
    const session = i === 0 ? first : await signIn(user, 'zh-CN', { phone })
    await approve(session.page, o.documentName, comment, o.shots && i === 0, phone)
    await session.ctx.close()
  }
  return { id, no: detail.no, documentName: o.documentName, comments: o.approvers.map((a) => a[1]), flow: detail.flow }
}

async function approve(page, documentName, comment, shots, phone = false) {
  await page.goto(page.url().replace(/\/[^/]*$/, '/workbench'))
  const task = page.locator('.task', { hasText: documentName })
  await task.waitFor()
  await task.click()
  await page.waitForURL(/\/requests\//)
  await see(page, '审批操作')
  await page.locator('.task-actions textarea').fill(comment)
  if (shots) await shot(page, 'e2e-03a-request-approve')
  if (phone) {
    // on a phone the approval card comes first and fits the screen's width
    const box = await page.locator('.task-actions').boundingBox()
    check(box && box.x >= 0 && box.x + box.width <= 390 + 1, `the approval card does not fit the phone: ${JSON.stringify(box)}`)
    await shot(page, 'e2e-11-approve-on-phone', { settle: 800 })
  }
  await page.click('[data-test=approve]')
  // the decision is listed with the comment under 审批意见, and the task card is gone
  await see(page, comment, page.locator('.approval', { hasText: comment }))
  await page.locator('.task-actions').waitFor({ state: 'detached' })
  // the done list and count on the workbench
  await page.goto(page.url().replace(/\/requests\/.*/, '/workbench'))
  await until('the done count', async () => (await cardValue(page, '我已处理')) >= 1)
  await page.locator('.el-tabs__item', { hasText: '我已审批' }).click()
  await see(page, documentName, page.locator('.el-tab-pane:visible'))
}

async function armed(page, id) {
  return until(`the unlock of ${id} to be armed at the device`, async () => {
    const d = (await api(page, `/api/requests/${id}`)).body
    return d.unlocks?.length && d.unlocks.every((u) => u.state === 'ACCEPTED') && d
  }, 120000)
}

/** wushi takes the contract seal out of CAB-01 slot 2 and puts it back, inside the session his PIN opened. */
export async function stampAtCabinet(req) {
  const { ctx, page } = await signIn('wushi')
  await see(page, req.documentName)
  await page.locator('.task', { hasText: req.documentName }).click()
  await see(page, '印章管理员用印')
  const d = await armed(page, req.id)
  check(d.unlocks[0].deviceId === 'CAB-01', `the contract seal unlock went to ${d.unlocks[0].deviceId}`)
  await see(page, '已就绪')
  await shot(page, 'e2e-03c-request-armed')
  await sim('POST', '/sim/devices/CAB-01/auth', { pin: '1234' })
  await until('the cabinet session', async () => (await sim('GET', '/sim/devices/CAB-01')).session, 20000)
  await sim('POST', '/sim/devices/CAB-01/door', { open: true })
  await sim('POST', '/sim/devices/CAB-01/slot', { slot: 2, present: false })
  await sim('POST', '/sim/devices/CAB-01/slot', { slot: 2, present: true })
  await sim('POST', '/sim/devices/CAB-01/door', { open: false })
  // closing the door ends a cabinet session; should it still run, the custodian ends it on the keypad
  if ((await sim('GET', '/sim/devices/CAB-01')).session) await sim('POST', '/sim/devices/CAB-01/end-session', {}).catch(() => {})
  await until(`request ${req.no} to complete`, async () => (await api(page, `/api/requests/${req.id}`)).body.status === 'COMPLETED', 120000)
  await see(page, '已完成')
  await ctx.close()
}

/** The SD-01 custodian enters the PIN and presses `presses` times; the photos arrive on the request. */
export async function stampAtSealDevice(req, presses) {
  const { ctx, page } = await signIn('zhangsan')
  const d = await armed(page, req.id)
  // the camera photographs the document the request is for (a financial statement here), not a contract
  await sim('POST', '/sim/devices/SD-01/paper', { paper: ['CONTRACT', 'FINANCIAL_STATEMENT', 'INVOICE'].includes(d.documentType) ? d.documentType : 'CONTRACT' })
  await sim('POST', '/sim/devices/SD-01/auth', { pin: '1234' })
  await until('the session at SD-01', async () => (await sim('GET', '/sim/devices/SD-01')).remainingPresses === presses, 20000)
  for (let i = presses; i > 0; i--) {
    await sim('POST', '/sim/devices/SD-01/press', {})
    if (i > 1) await until('the press to count', async () => (await sim('GET', '/sim/devices/SD-01')).remainingPresses === i - 1, 20000)
  }
  await until(`request ${req.no} to complete with ${presses} photos`, async () => {
    const d = (await api(page, `/api/requests/${req.id}`)).body
    return d.status === 'COMPLETED' && d.presses.length === presses && d.presses.every((p) => p.photoSha256)
  }, 120000)
  await ctx.close()
}
