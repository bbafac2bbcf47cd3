import { http } from './http'
import type { FileMeta } from './types'

export function uploadFile(file: File) {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.post<FileMeta>('/api/files', form)
}
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`
