// Journey (g): the applicant switches the app to English; the choice survives a reload.
import { BASE, check, see, shot, signIn } from './support.mjs'

export async function english(statement) {
  const { ctx, page } = await signIn('zhangsan')
  await see(page, '工作台')
  await page.locator('.hdr-btn', { hasText: '简体中文' }).click()
  await page.locator('.el-dropdown-menu__item:visible', { hasText: 'English' }).click()
  await see(page, 'Workbench')
  await see(page, 'My open requests')
  await see(page, 'Quick stamp')
  check(!(await page.getByText('工作台').first().isVisible()), 'Chinese navigation is still shown after switching to English')
  await page.reload()
  await see(page, 'Handled by me')
  await shot(page, 'e2e-16-workbench-en')
  await page.goto(`${BASE}/requests/${statement.id}`)
  await see(page, statement.documentName)
  await see(page, 'Completed')
  await see(page, 'Stamp photos')
  await see(page, 'Approvals')
  await shot(page, 'e2e-16b-request-detail-en', { settle: 1200 })
  await ctx.close()
}
