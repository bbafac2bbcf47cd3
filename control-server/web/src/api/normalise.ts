/**
 * Small adapters from what the server sends to the shapes the views use, where the contract
 * leaves room: paged or plain lists, `kind`/`type` in timelines, epoch-millisecond times,
 * `completedAt`/`decidedAt`, a flow as its definition or as {draft, published}.
 */
import type { ArchiveVerification, FileMeta, Page, SealRequestDetail, SealRequestSummary, Task, TimelineEntry } from './types'
import type { FlowDetail, FlowSummary } from './flows'
import type { FlowDefinition } from '@/views/flows/designer/model'

type Loose = Record<string, unknown>

export function asPage<T>(x: unknown): Page<T> {
  if (Array.isArray(x)) return { items: x as T[], total: x.length }
  const p = (x ?? {}) as Loose
  const items = (Array.isArray(p.items) ? p.items : []) as T[]
  return { items, total: typeof p.total === 'number' ? p.total : items.length, page: p.page as number, size: p.size as number }
}

export function asList<T>(x: unknown): T[] {
  return asPage<T>(x).items
}

export function normaliseTimeline(entries: unknown): TimelineEntry[] {
  return asList<Loose>(entries).map((e) => {
    const detail = e.detail
    return {
      ...(e as unknown as TimelineEntry),
      type: String(e.type ?? e.kind ?? e.action ?? ''),
      detail: detail && typeof detail === 'object' ? undefined : (detail as string | undefined),
    }
  })
}

export function normaliseTask(t: Loose): Task {
  return { ...(t as unknown as Task), decidedAt: (t.decidedAt ?? t.completedAt ?? null) as string | null }
}

export function normaliseRequestSummary<T extends SealRequestSummary>(r: T): T {
  const seals = (r as unknown as Loose).seals as Array<{ id: string; name: string }> | undefined
  return { ...r, sealNames: r.sealNames ?? seals?.map((s) => s.name) }
}

export function normaliseRequest(r: SealRequestDetail): SealRequestDetail {
  const raw = r as unknown as Loose
  const files: FileMeta[] =
    r.files ?? (r.fileIds ?? []).map((id, i) => ({ id, name: `#${i + 1}`, size: 0, sha256: '', contentType: '' }))
  return {
    ...normaliseRequestSummary(r),
    files,
    currentNodes: asList(raw.currentNodes),
    tasks: asList<Loose>(raw.tasks).map(normaliseTask),
    timeline: normaliseTimeline(raw.timeline),
    unlocks: asList(raw.unlocks),
    presses: asList(raw.presses),
  }
}

export function normaliseFlowSummary(s: Loose): FlowSummary {
  const published = (s.publishedVersion ?? (typeof s.latestVersion === 'number' && s.latestVersion > 0 ? s.latestVersion : null)) as number | null
  return {
    ...(s as unknown as FlowSummary),
    publishedVersion: published,
    updatedAt: (s.updatedAt ?? s.draftUpdatedAt) as string | undefined,
  }
}

/** `GET /api/flows/{key}` may answer with the definition itself (the draft, else the latest version). */
export function normaliseFlowDetail(x: Loose): FlowDetail {
  if (x && typeof x === 'object' && 'root' in x) {
    const def = x as unknown as FlowDefinition
    return { key: def.key, name: def.name, draft: def, publishedVersion: (x.publishedVersion as number) ?? null }
  }
  return normaliseFlowSummary(x) as FlowDetail
}

/**
 * The public verification answer (`GET /api/verify/{code}`) with every list and figure present: the page is for
 * strangers on any phone, so a field missing from an answer shows as a dash, never a broken page. Without a status or
 * an integrity verdict the record is not called valid.
 */
export function normaliseVerification(r: Partial<ArchiveVerification>): ArchiveVerification {
  const integrity = { ok: false, ...r.integrity }
  return { no: '', status: integrity.ok ? 'VALID' : 'TAMPERED', ...r, seals: r.seals ?? [], presses: r.presses ?? [],
    pressCount: r.pressCount ?? r.presses?.length ?? 0, addenda: r.addenda ?? 0, integrity: { ...integrity, problems: integrity.problems ?? [] } }
}
