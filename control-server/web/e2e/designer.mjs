// Journey (f): a flow admin edits the seal-use flow in the designer: a node with a missing setting is flagged,
// fixed, the flow is simulated, published, and the new version is compared with the previous one.
import { api, BASE, check, see, shot, signIn } from './support.mjs'

export async function designFlow() {
  const { ctx, page } = await signIn('admin')
  const versionsBefore = await publishedVersion(page)
  check(versionsBefore >= 1, 'the demo seal-use flow is not published')
  await page.goto(`${BASE}/flows/seal-use/design`)
  await see(page, '部门负责人审批')
  await see(page, '高层会签')
  await shot(page, 'e2e-05-flow-designer')

  // a CC node after the department head, without recipients: publishing is refused and the node says why
  check(!(await page.getByText('处待完善').isVisible()), 'the published demo flow is reported to have issues')
  await page.locator('[data-test=add-node]').nth(1).click()
  await page.locator('.menu [data-type=CC]:visible').click()
  await see(page, '1 处待完善')
  // the new node's settings open at once; close them and try to publish
  await page.keyboard.press('Escape')
  await page.locator('.el-drawer:visible').waitFor({ state: 'hidden' })
  await page.click('[data-test=publish]')
  await see(page, '流程有 1 处问题，已在节点上标出')
  const invalid = page.locator('.node-card.invalid')
  await see(page, '请设置抄送人', invalid)
  check(await invalid.count() === 1, `${await invalid.count()} nodes are flagged, expected the new CC node only`)
  await shot(page, 'e2e-05c-designer-validation', { settle: 800 })

  // fix it in the node's settings: copy the applicant
  await invalid.click()
  const drawer = page.locator('.el-drawer:visible')
  await see(page, '抄送人', drawer)
  await drawer.locator('.el-radio-button', { hasText: '发起人自己' }).click()
  await shot(page, 'e2e-06-designer-settings')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  await page.locator('.node-card.invalid').waitFor({ state: 'detached' })
  check(!(await page.getByText('处待完善').isVisible()), 'the flow still reports issues after the fix')

  // simulate a large contract: legal, finance and the executives' joint signature
  await page.click('[data-test=open-simulation]')
  const sim = page.locator('.sim')
  await sim.locator('.el-form-item', { hasText: '金额' }).locator('input').fill('600000')
  await page.click('[data-test=run-simulation]')
  const path = sim.locator('.steps')
  await see(page, '法务审核', path)
  await see(page, '财务审核', path)
  await see(page, '高层会签', path)
  await see(page, '孙八', path)
  await see(page, '周九', path)
  await shot(page, 'e2e-08-designer-simulation', { settle: 1000 })

  // publish: a new version
  await page.click('[data-test=publish]')
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await see(page, `已发布为 v${versionsBefore + 1}`)
  await see(page, `已发布 v${versionsBefore + 1}`)

  // the version history compares the new version with the previous one: one node added
  await page.getByRole('button', { name: '版本历史' }).click()
  await page.locator('.ver', { hasText: `版本 ${versionsBefore + 1}` }).getByRole('button', { name: '与上一版对比' }).click()
  const diff = page.locator('.el-dialog:visible')
  await see(page, '新增 1', diff)
  await see(page, '删除 0', diff)
  await see(page, '抄送人', diff.locator('.diff-badge.added').locator('..'))
  await shot(page, 'e2e-09-designer-version-diff', { settle: 1200 })
  check(await publishedVersion(page) === versionsBefore + 1, 'the server did not store the new version')
  // the node the admin added: the CC node that the new version has and the previous one had not
  const before = new Set(flowNodes((await api(page, `/api/flows/seal-use/versions/${versionsBefore}`)).body).map((n) => n.id))
  const added = flowNodes((await api(page, `/api/flows/seal-use/versions/${versionsBefore + 1}`)).body).filter((n) => !before.has(n.id))
  check(added.length === 1 && added[0].type === 'CC', `the new version adds ${JSON.stringify(added)}, expected one CC node`)
  await ctx.close()
  return { key: 'seal-use', version: versionsBefore + 1, ccNodeId: added[0].id }
}

/** Every node of a flow definition (objects with an id and a node type), wherever the JSON nests them. */
export function flowNodes(json, out = []) {
  if (Array.isArray(json)) json.forEach((x) => flowNodes(x, out))
  else if (json && typeof json === 'object') {
    if (typeof json.id === 'string' && typeof json.type === 'string' && /^[A-Z_]+$/.test(json.type)) out.push({ id: json.id, type: json.type })
    Object.values(json).forEach((x) => flowNodes(x, out))
  }
  return out
}

async function publishedVersion(page) {
  const list = (await api(page, '/api/flows')).body
  const flow = (Array.isArray(list) ? list : list.items).find((f) => f.key === 'seal-use')
  return flow.publishedVersion ?? flow.latestVersion
}
