// Journey (j): help where people need it. Security officer anbao's first visit starts the tour with the steps of the
// role (the evidence page included); once finished it stays away; the help panel explains the screen on show and
// starts the tour again. On a phone the menu folds into a drawer opened from the header.
import { BASE, check, see, shot, signIn } from './support.mjs'

export async function guidance(req) {
  const { ctx, page } = await signIn('anbao', 'zh-CN', { tour: true })
  await see(page, '欢迎使用印流')
  await shot(page, 'e2e-18-tour-welcome', { settle: 600 })
  const titles = []
  for (let i = 0; i < 12; i++) {
    const title = (await page.locator('.el-tour__title:visible').innerText()).trim()
    titles.push(title)
    if (title === '核查盖章照片') await shot(page, 'e2e-18b-tour-evidence', { settle: 600 })
    const finish = page.locator('.el-tour__footer button:visible').last()
    const last = i > 0 && title === '随时求助'
    await finish.click()
    if (last) break
    await page.waitForFunction((t) => document.querySelector('.el-tour__title')?.textContent?.trim() !== t, title)
  }
  check(titles.includes('核查盖章照片') && titles.at(-1) === '随时求助', `the security officer's tour showed ${titles.join(' / ')}`)
  await page.locator('.el-tour__title').waitFor({ state: 'detached' })
  await page.reload()
  await see(page, '待我处理')
  await page.waitForTimeout(2000)
  check(!(await page.locator('.el-tour__title:visible').count()), 'the tour came back after it was finished')

  // the help panel follows the screen
  await page.goto(`${BASE}/evidence`)
  await page.click('[data-test=help]')
  const panel = page.locator('[data-test=help-panel]')
  await see(page, '逐张核查盖章照片', panel)
  await see(page, '右边是审批通过的文件', panel)
  await shot(page, 'e2e-19-help-panel', { settle: 600 })
  // and takes the tour again on request
  await panel.getByRole('button', { name: '重新查看新手引导' }).click()
  await see(page, '欢迎使用印流')
  await page.locator('.el-tour__closebtn:visible').click()
  await page.locator('.el-tour__title').waitFor({ state: 'detached' })
  await ctx.close()

  // the applicant on a phone: menu drawer, workbench and the request
  const phone = await signIn('zhangsan', 'zh-CN', { phone: true })
  const p = phone.page
  await see(p, '待我处理')
  check(!(await p.locator('.sf-aside').isVisible()), 'the side menu takes room on a phone')
  await shot(p, 'e2e-20-workbench-phone', { settle: 800 })
  await p.click('[data-test=menu]')
  await p.locator('.nav-drawer .nav-item', { hasText: '用印申请' }).click()
  await p.waitForURL(/\/requests$/)
  await p.goto(`${BASE}/requests/${req.id}`)
  await see(p, req.documentName)
  const width = await p.evaluate(() => document.documentElement.scrollWidth)
  check(width <= 390, `the request detail is ${width} px wide on a 390 px phone`)
  await shot(p, 'e2e-20b-request-detail-phone', { settle: 1000 })
  await phone.ctx.close()
}
