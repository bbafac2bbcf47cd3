import { describe, expect, it } from 'vitest'
import { asPage, normaliseFlowDetail, normaliseVerification, normaliseFlowSummary, normaliseRequest, normaliseTimeline } from '@/api/normalise'
import type { SealRequestDetail } from '@/api/types'

describe('server shapes → view shapes', () => {
  it('accepts plain and paged lists', () => {
    expect(asPage([1, 2])).toEqual({ items: [1, 2], total: 2 })
    expect(asPage({ items: [1], total: 7, page: 2, size: 1 })).toEqual({ items: [1], total: 7, page: 2, size: 1 })
    expect(asPage(null)).toEqual({ items: [], total: 0, page: undefined, size: undefined })
  })

  it('reads the engine timeline (`kind`, epoch ms, object details)', () => {
    expect(normaliseTimeline([{ seq: 1, at: 1700000000000, kind: 'APPROVE', detail: { outcome: 'x' } }, { at: 1, type: 'PRESS', detail: 'CAB-01' }])).toEqual([
      { seq: 1, at: 1700000000000, kind: 'APPROVE', type: 'APPROVE', detail: undefined },
      { at: 1, type: 'PRESS', detail: 'CAB-01' },
    ])
  })

  it('fills a request detail: seal names, files from ids, decided tasks', () => {
    const r = normaliseRequest({
      id: 'r', no: 'N', type: 'SEAL_USE', status: 'IN_PROGRESS', documentName: 'd', documentType: 'CONTRACT', sealIds: ['s'], copies: 1,
      flow: { key: 'seal-use', version: 1 }, fileIds: ['f1'], seals: [{ id: 's', name: '公章' }],
      tasks: [{ id: 't', requestId: 'r', nodeId: 'n', status: 'APPROVED', completedAt: 5 }],
    } as unknown as SealRequestDetail)
    expect(r.sealNames).toEqual(['公章'])
    expect(r.files).toEqual([{ id: 'f1', name: '#1', size: 0, sha256: '', contentType: '' }])
    expect(r.tasks[0].decidedAt).toBe(5)
    expect(r.timeline).toEqual([])
    expect(r.presses).toEqual([])
  })

  it('reads flow summaries and a flow answered as its definition', () => {
    expect(normaliseFlowSummary({ key: 'k', name: 'n', latestVersion: 0, hasDraft: true, draftUpdatedAt: 9 }).publishedVersion).toBeNull()
    expect(normaliseFlowSummary({ key: 'k', name: 'n', latestVersion: 3 }).publishedVersion).toBe(3)
    const def = { key: 'k', name: 'n', root: { id: 'start', type: 'START', name: 's' } }
    expect(normaliseFlowDetail(def).draft).toEqual(def)
  })

  it('completes a verification answer that lacks fields, without calling it valid', () => {
    const bare = normaliseVerification({ no: 'ARC-2026-00118' })
    expect(bare).toMatchObject({ no: 'ARC-2026-00118', status: 'TAMPERED', seals: [], presses: [], pressCount: 0, addenda: 0, integrity: { ok: false, problems: [] } })
    const full = normaliseVerification({ no: 'A', status: 'VALID', seals: ['公章'], presses: [{ at: 1, photoSha256: 'ab' }], integrity: { ok: true, storedHash: 'h', problems: [] } })
    expect(full).toMatchObject({ status: 'VALID', seals: ['公章'], pressCount: 1, integrity: { ok: true, storedHash: 'h', problems: [] } })
  })
})
