import { describe, expect, it } from 'vitest'
import { requestFacts } from '@/views/requests/requestFacts'
import type { SealRequestDetail } from '@/api/types'

const t = (k: string) => `<${k}>`
const time = (v: string | number) => `@${v}`
const base = { documentType: 'CONTRACT', counterparty: '', reason: '年度采购', flow: { key: 'contract-seal', version: 3 }, form: {} }
const req = (extra: Partial<SealRequestDetail>) => ({ ...base, ...extra }) as unknown as SealRequestDetail
const layout = (r: SealRequestDetail) => requestFacts(r, t, time).map((f) => `${f.key}${f.wide ? '*' : ''}`)

describe('the details card of a request', () => {
  it('pairs short facts two to a row and gives seals, reason and flow a row each', () => {
    expect(layout(req({}))).toEqual(['documentType', 'counterparty', 'seals*', 'reason*', 'flow*'])
    const facts = requestFacts(req({}), t, time)
    expect(facts[0]).toMatchObject({ label: '<request.documentType>', value: '<enums.documentType.CONTRACT>' })
    expect(facts[1].value).toBe('—')
    expect(facts[4].value).toBe('contract-seal · v3')
  })
  it('stretches a fact left alone in its row, so the grid has no holes', () => {
    expect(layout(req({ form: { 合同编号: 'HT-1' } }))).toEqual(['documentType', 'counterparty', 'seals*', 'reason*', 'form.合同编号*', 'flow*'])
    expect(layout(req({ form: { a: 1, b: 2 } }))).toEqual(['documentType', 'counterparty', 'seals*', 'reason*', 'form.a', 'form.b', 'flow*'])
    expect(layout(req({ form: { a: 1, b: 2, c: null } }))).toEqual(['documentType', 'counterparty', 'seals*', 'reason*', 'form.a', 'form.b', 'form.c*', 'flow*'])
  })
  it('shows when a seal taken out comes back and where it goes', () => {
    const facts = requestFacts(req({ takeOut: { expectedReturnAt: '2026-12-01T08:00:00Z', destination: '上海' }, form: { a: 'x' } }), t, time)
    expect(facts.map((f) => `${f.key}${f.wide ? '*' : ''}`)).toEqual(['documentType', 'counterparty', 'seals*', 'reason*', 'expectedReturnAt', 'destination', 'form.a*', 'flow*'])
    expect(facts.find((f) => f.key === 'expectedReturnAt')?.value).toBe('@2026-12-01T08:00:00Z')
    expect(facts.find((f) => f.key === 'form.c')).toBeUndefined()
  })
})
