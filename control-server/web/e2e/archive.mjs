// Journey (h): the applicant finds the request that was just stamped in the archive: searched by its document name,
// listed with its archive number, opened as a record with the presses and a verification code.
import { api, BASE, check, see, shot, signIn, until } from './support.mjs'

export async function archiveSearch(req) {
  const { ctx, page } = await signIn('zhangsan')
  // completed requests are archived by the server; wait until the record exists
  const record = await until(`request ${req.no} to be archived`, async () => {
    const res = await api(page, `/api/archive?q=${encodeURIComponent(req.documentName)}`)
    return res.status === 200 && res.body.items.find((r) => r.requestId === req.id)
  }, 60000)
  check(record.no && record.requestNo === req.no, `archive record ${JSON.stringify(record)}`)

  await page.goto(`${BASE}/archive`)
  await see(page, '归档时间')
  // a distinctive part of the document name: the list narrows (after the search box's short pause) to this record
  const words = req.documentName.replace(/^\d+\s*年/, '')
  await page.locator('.filters input').first().fill(words)
  const row = page.locator('.el-table__row', { hasText: record.no })
  await until(`searching "${words}" to list only ${record.no}`, async () => (await page.locator('.el-table__row').count()) === 1
    && (await row.count()) === 1)
  await see(page, req.no, row)
  await see(page, req.documentName, row)
  await shot(page, 'e2e-17-archive-search', { settle: 800 })

  await row.click()
  await page.waitForURL(new RegExp(`/archive/${record.no}$`))
  await see(page, record.no)
  await see(page, req.documentName)
  await see(page, record.verificationCode)
  await shot(page, 'e2e-17b-archive-record', { settle: 800 })
  await ctx.close()
  return { no: record.no, verificationCode: record.verificationCode }
}
