import type { SealRequestDetail } from '@/api/types'

/** One label and value of a request's details; `seals` has no text value (the page draws the seals as tags). */
export interface Fact { key: string; label: string; value?: string; wide: boolean }

/**
 * The details card of a request as label and value pairs, two to a row on wide screens: the seals, the reason and the
 * flow take a row each, and a pair left alone in its row (before one of those, or the last of an odd run) stretches
 * over it, so the grid has no holes.
 */
export function requestFacts(r: SealRequestDetail, t: (key: string) => string, time: (v: string | number) => string): Fact[] {
  const all: Fact[] = [
    { key: 'documentType', label: t('request.documentType'), value: t(`enums.documentType.${r.documentType}`), wide: false },
    { key: 'counterparty', label: t('request.counterparty'), value: r.counterparty || '—', wide: false },
    { key: 'seals', label: t('request.seals'), wide: true },
    { key: 'reason', label: t('request.reason'), value: r.reason, wide: true },
    ...(r.takeOut ? [
      { key: 'expectedReturnAt', label: t('request.expectedReturnAt'), value: time(r.takeOut.expectedReturnAt), wide: false },
      { key: 'destination', label: t('request.destination'), value: r.takeOut.destination, wide: false },
    ] : []),
    ...Object.entries(r.form ?? {}).map(([k, v]) => ({ key: `form.${k}`, label: k, value: v == null ? '' : String(v), wide: false })),
    { key: 'flow', label: t('request.flow'), value: `${r.flow.key} · v${r.flow.version}`, wide: true },
  ]
  let col = 0
  all.forEach((f, i) => {
    if (f.wide && col === 1) all[i - 1].wide = true
    col = f.wide ? 0 : (col + 1) % 2
  })
  if (col === 1) all[all.length - 1].wide = true
  return all
}
