import { ApiError, type FieldError } from './http'

/** i18n key for a friendly message per HTTP status of a problem. */
export function problemMessageKey(status: number): string {
  switch (status) {
    case 0:
      return 'errors.network'
    case 400:
      return 'errors.badRequest'
    case 401:
      return 'errors.unauthorized'
    case 403:
      return 'errors.forbidden'
    case 404:
      return 'errors.notFound'
    case 409:
      return 'errors.conflict'
    case 413:
      return 'errors.tooLarge'
    case 415:
      return 'errors.unsupportedType'
    case 422:
      return 'errors.validation'
    case 429:
      return 'errors.tooMany'
    default:
      return status >= 500 ? 'errors.server' : 'errors.unknown'
  }
}

export interface FriendlyError {
  /** i18n key of the general message. */
  key: string
  /** The server's own human sentence (`detail`), shown under the general message. */
  detail?: string
}

export function friendlyError(e: unknown): FriendlyError {
  if (e instanceof ApiError) {
    return { key: problemMessageKey(e.status), detail: e.problem.detail }
  }
  if (e instanceof TypeError) return { key: 'errors.network' }
  return { key: 'errors.unknown', detail: e instanceof Error ? e.message : undefined }
}

/**
 * 422 `errors[]` mapped onto form fields: `{field: [messages]}`. Errors for nested
 * paths (`takeOut.destination`, `form.project`) keep their dotted name; errors with
 * no field land under `_`.
 */
export function fieldErrors(e: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (!(e instanceof ApiError) || e.status !== 422) return out
  for (const err of e.errors) {
    const key = normaliseField(err.field ?? err.nodeId ?? '_')
    ;(out[key] ??= []).push(err.message)
  }
  return out
}

/** 422 `errors[{nodeId, message}]` of a flow draft: `{nodeId: [messages]}`. */
export function nodeErrors(e: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (!(e instanceof ApiError) || e.status !== 422) return out
  for (const err of e.errors as FieldError[]) {
    const key = err.nodeId ?? '_flow'
    ;(out[key] ??= []).push(err.message)
  }
  return out
}

/** `/sealIds/0`, `sealIds[0]` and `sealIds` all name the same form item. */
export function normaliseField(field: string): string {
  return field
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[\d+\]/g, '')
    .replace(/\.\d+(?=\.|$)/g, '')
}
