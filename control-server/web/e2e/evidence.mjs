// Journeys (d) the request detail after stamping and (e) the security review of a press photo.
import { api, BASE, check, see, shot, signIn, until } from './support.mjs'

/** How many of the photo tiles show a loaded image, and how many say the photo is not available. */
async function photoTiles(page) {
  return page.locator('.photos .photo').evaluateAll((tiles) => tiles.map((t) => {
    const img = t.querySelector('img')
    return { loaded: !!img && img.complete && img.naturalWidth > 0, missing: !!t.querySelector('[data-test=photo-missing]') }
  }))
}

export async function requestDetail(statement, contract) {
  const { ctx, page } = await signIn('zhangsan')
  await page.goto(`${BASE}/requests/${statement.id}`)
  await see(page, statement.documentName)
  await see(page, '已完成')
  // the flow drawn with the path taken: every node up to the stamp is done
  for (const node of ['dept', 'stamp']) {
    await page.locator(`.flow-box [data-node-id=${node}]`).first().waitFor()
    const cls = await page.locator(`.flow-box [data-node-id=${node}]`).first().getAttribute('class')
    check(/mark-done/.test(cls ?? ''), `flow node ${node} is not drawn as done: ${cls}`)
  }
  // unlock state: the device finished; 2 of 2 presses
  await see(page, '已按压 2 / 2 次')
  const unlock = page.locator('.unlock').first()
  await see(page, '已完成', unlock)
  check(await unlock.locator('.el-step__head.is-success').count() === 4, 'the unlock steps are not all finished')
  // the press photos: the applicant may load them (or sees a clear "not available" tile, never a broken image)
  await until('the photo tiles to settle', async () => {
    const tiles = await photoTiles(page)
    return tiles.length === 2 && tiles.every((t) => t.loaded || t.missing) && tiles
  })
  // the timeline with the approvers' comments
  await shot(page, 'e2e-03-request-detail', { settle: 1200 })
  await page.locator('.el-radio-button', { hasText: '流转记录' }).click()
  for (const c of statement.comments) await see(page, c, page.locator('.timeline'))
  await see(page, '钱七', page.locator('.timeline'))
  await shot(page, 'e2e-04-request-timeline')
  // the contract: the PDF is on the request and the cabinet session is done
  await page.goto(`${BASE}/requests/${contract.id}`)
  await see(page, contract.documentName)
  await see(page, '华东区域经销合同.pdf')
  await see(page, '已完成', page.locator('.unlock').first())
  await shot(page, 'e2e-03d-contract-completed')
  await ctx.close()

  // the auditor sees the same request with the photos loaded
  const sec = await signIn('auditor')
  await sec.page.goto(`${BASE}/requests/${statement.id}`)
  await see(sec.page, statement.documentName)
  await until('the photos to load for security', async () => {
    const tiles = await photoTiles(sec.page)
    return tiles.length === 2 && tiles.every((t) => t.loaded)
  })
  await shot(sec.page, 'e2e-03b-request-completed', { settle: 1200 })
  await sec.ctx.close()
}

export async function securityReview(statement) {
  const { ctx, page } = await signIn('anbao')
  await page.goto(`${BASE}/evidence`)
  const press = (await evidence(page)).find((p) => p.requestId === statement.id)
  check(press, `no press of ${statement.no} in the evidence list`)
  const card = page.locator(`[data-press-id="${press.id}"]`)
  await card.waitFor()
  await see(page, '财务专用章', card)
  await until('the thumbnails to load', async () => card.locator('img').evaluate((i) => i.complete && i.naturalWidth > 0))
  await shot(page, 'e2e-13-evidence-gallery', { settle: 1000 })
  await card.click()
  const drawer = page.locator('.el-drawer')
  await see(page, `核查第 ${press.counter} 次盖章`)
  await see(page, '财务专用章', drawer)
  // the linked request, or (when security staff may not open requests) a note saying so: never "no request"
  await drawer.getByText(new RegExp(`${statement.no}|无权查看`)).first().waitFor()
  check(!(await drawer.getByText('无关联申请').isVisible()), 'a press of a request is shown as unauthorised')
  // beside the photo: the document the request was approved for, the first page of its PDF drawn as a picture
  const doc = drawer.locator('[data-test=approved-document] img')
  await until('the approved document beside the photo', async () => doc.evaluate((i) => i.complete && i.naturalWidth > 0))
  const served = await page.evaluate(async (u) => {
    const r = await fetch(u)
    return { status: r.status, type: r.headers.get('content-type') }
  }, await doc.getAttribute('src'))
  check(served.status === 200 && served.type === 'image/png', `the approved document answered ${JSON.stringify(served)}`)
  await drawer.locator('.el-radio', { hasText: '正常' }).click()
  const comment = '印迹完整清晰，与审批通过的报表一致'
  await drawer.locator('textarea').fill(comment)
  await shot(page, 'e2e-14-evidence-review', { settle: 1200 })
  await page.click('[data-test=submit-review]')
  await see(page, '核查结果已保存')
  const reviewed = await until('the review to be stored', async () => {
    const p = (await evidence(page)).find((x) => x.id === press.id)
    return p?.review && p
  })
  check(reviewed.review.verdict === 'OK' && reviewed.review.comment === comment, `review stored as ${JSON.stringify(reviewed.review)}`)
  await see(page, '正常', page.locator(`[data-press-id="${press.id}"]`))
  await ctx.close()
}

async function evidence(page) {
  const res = await api(page, '/api/evidence')
  check(res.status === 200, `GET /api/evidence answered ${res.status}`)
  return Array.isArray(res.body) ? res.body : res.body.items
}
