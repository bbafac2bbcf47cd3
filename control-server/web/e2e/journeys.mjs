// The web app's journeys in a real browser (Debian's Chromium) against a real control server in demo mode
// with its virtual devices. Run by the server's BrowserJourneyTest (`./mvnw -B verify`); by hand:
//   SEALFLOW_BASE=http://127.0.0.1:8080 SEALFLOW_SIM=http://127.0.0.1:8081 node e2e/journeys.mjs
// Each journey prints `JOURNEY <id> ok: ...`; any failed expectation ends the run with exit code 1.
import { close, launch, problems, shots, OUT } from './support.mjs'
import { applyAndApprove, stampAtCabinet, stampAtSealDevice } from './requests.mjs'
import { requestDetail, securityReview } from './evidence.mjs'
import { designFlow } from './designer.mjs'
import { english } from './language.mjs'
import { archiveSearch } from './archive.mjs'
import { runNewVersion } from './newflow.mjs'
import { guidance } from './guidance.mjs'

const journeys = [
  ['a+b', 'apply for the contract seal with a PDF; lisi and wangwu approve with comments; live to-do and notifications', async (s) => {
    s.contract = await applyAndApprove({
      seal: '合同专用章', documentName: '2026 年度华东区域经销合同', amount: '80000', counterparty: '杭州华东贸易有限公司',
      reason: '与华东区域经销商签订年度经销合同', approvers: [['lisi', '同意，价格与账期已核对'], ['wangwu', '合同条款已审核，无法律风险']],
      pdf: true, shots: true,
    })
  }],
  ['c', 'custodian wushi opens CAB-01 with the PIN, takes the contract seal out and returns it; the request completes', async (s) => {
    await stampAtCabinet(s.contract)
  }],
  ['a2', 'a finance statement for 财务专用章 through lisi and qianqi; custodian stamps twice at SD-01 with photos', async (s) => {
    s.statement = await applyAndApprove({
      seal: '财务专用章', documentType: '财务报表', documentName: '2026 年三季度财务报表', amount: '1000', counterparty: '招商银行',
      reason: '报送银行年度授信审查', copies: 2, approvers: [['lisi', '同意'], ['qianqi', '报表数据已与总账核对一致']],
      pdf: '2026年三季度财务报表.pdf', pdfTitle: 'Financial Statements Q3 2026',
    })
    await stampAtSealDevice(s.statement, 2)
  }],
  ['d', 'the request detail draws the flow with position, timeline, unlock state and the press photos', async (s) => {
    await requestDetail(s.statement, s.contract)
  }],
  ['e', 'security anbao reviews a press photo beside the approved document (the PDF\'s first page) with a verdict and comment', async (s) => {
    await securityReview(s.statement)
  }],
  ['h', 'the applicant finds the stamped request in the archive search with its archive number and opens the record', async (s) => {
    s.archive = await archiveSearch(s.statement)
  }],
  ['f', 'flow admin: validation error on a node, simulation, publish, version diff', async (s) => {
    s.published = await designFlow()
  }],
  ['i', 'a request runs through the newly published version: simulated path, approvals, stamp, the path taken is the designed one', async (s) => {
    s.newVersion = await runNewVersion(s.published)
  }],
  ['j', 'first-run tour for the security officer, the help panel of a screen, the applicant on a phone', async (s) => {
    await guidance(s.statement)
  }],
  ['g', 'switch the language to English', async (s) => {
    await english(s.statement)
  }],
]

const state = {}
let failed = false
await launch()
try {
  for (const [id, what, run] of journeys) {
    const t0 = Date.now()
    try {
      await run(state)
      console.log(`JOURNEY ${id} ok (${((Date.now() - t0) / 1000).toFixed(1)} s): ${what}`)
    } catch (e) {
      console.log(`JOURNEY ${id} FAILED: ${what}\n${e.stack ?? e}`)
      failed = true
      break
    }
  }
} finally {
  await close()
}
if (problems.length) {
  console.log(`PROBLEMS (${problems.length}):\n${problems.join('\n')}`)
  failed = true
}
console.log(`STATE ${JSON.stringify(state)}`)
console.log(`SCREENSHOTS ${shots.length} in ${OUT}: ${shots.join(' ')}`)
process.exit(failed ? 1 : 0)
