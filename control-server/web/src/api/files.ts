import { http, toApiError } from './http'
import type { FileMeta } from './types'

export function uploadFile(file: File) {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.post<FileMeta>('/api/files', form)
}
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`

/** The name in `Content-Disposition: attachment; filename*=UTF-8''…` (or a plain `filename="…"`). */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined
  const star = header.match(/filename\*=(?:UTF-8|utf-8)''([^;]+)/)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      return star[1].trim()
    }
  }
  return header.match(/filename="?([^";]+)"?/)?.[1]
}

const metas = new Map<string, Promise<FileMeta>>()

/**
 * A stored file's name, size, type and hash, read from the download's headers (the body is not fetched:
 * the request is aborted once the headers are in). Files never change, so each is asked once.
 */
export function fileMeta(id: string): Promise<FileMeta> {
  let m = metas.get(id)
  if (!m) {
    m = (async () => {
      const ctl = new AbortController()
      const res = await fetch(fileUrl(id), { credentials: 'same-origin', signal: ctl.signal })
      if (!res.ok) throw await toApiError(res)
      const h = res.headers
      ctl.abort()
      return {
        id,
        name: dispositionName(h.get('content-disposition')) ?? id,
        size: Number(h.get('content-length') ?? 0),
        sha256: h.get('x-file-sha256') ?? '',
        contentType: (h.get('content-type') ?? '').split(';')[0],
      }
    })()
    m.catch(() => metas.delete(id))
    metas.set(id, m)
  }
  return m
}
