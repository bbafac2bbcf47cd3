/**
 * Condition rows as the settings drawer edits them ⇄ the `when` JSON of DESIGN.md §3.
 * Groups are OR-ed, rows within a group AND-ed: `{anyOf: [{allOf: [row…]}…]}`.
 * The UI keeps values as text; conversion gives numbers to numeric fields and arrays
 * to `in`/`notIn`/`between`, so the saved JSON never carries a string expression.
 */
import type { Condition, ConditionOp, When } from './model'

export interface ConditionRow {
  field: string
  op: ConditionOp
  /** Single value or list, as edited. */
  value: string | string[]
  /** Upper bound for `between`. */
  value2?: string
}

export type ConditionGroups = ConditionRow[][]

export type FieldKind = 'money' | 'number' | 'enum' | 'boolean' | 'text' | 'list'

export interface FieldDef {
  field: string
  kind: FieldKind
  /** For enums: the choices (i18n keys are derived from them by the UI). */
  options?: string[]
}

export const BUILTIN_FIELDS: FieldDef[] = [
  { field: 'amount', kind: 'money' },
  { field: 'documentType', kind: 'enum', options: ['CONTRACT', 'AGREEMENT', 'FINANCIAL_STATEMENT', 'INVOICE', 'CERTIFICATE', 'OFFICIAL_LETTER', 'OTHER'] },
  { field: 'sealType', kind: 'enum', options: ['OFFICIAL', 'CONTRACT', 'FINANCE', 'LEGAL_REP', 'INVOICE', 'DEPARTMENT', 'OTHER'] },
  { field: 'sealId', kind: 'text' },
  { field: 'copies', kind: 'number' },
  { field: 'takeOut', kind: 'boolean' },
  { field: 'applicant.departmentId', kind: 'text' },
  { field: 'applicant.roles', kind: 'list' },
]

export const OPS_BY_KIND: Record<FieldKind, ConditionOp[]> = {
  money: ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'between', 'isEmpty'],
  number: ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'between'],
  enum: ['in', 'notIn', 'eq', 'ne'],
  boolean: ['eq'],
  text: ['eq', 'ne', 'in', 'notIn', 'contains', 'isEmpty'],
  list: ['contains', 'isEmpty'],
}

export const MULTI_OPS: ConditionOp[] = ['in', 'notIn']

export function fieldDef(field: string, formFields: Array<{ key: string; type: string }> = []): FieldDef {
  const builtin = BUILTIN_FIELDS.find((f) => f.field === field)
  if (builtin) return builtin
  const key = field.startsWith('form.') ? field.slice(5) : field
  const ff = formFields.find((f) => f.key === key)
  if (ff?.type === 'number') return { field, kind: 'number' }
  if (ff?.type === 'money') return { field, kind: 'money' }
  return { field, kind: 'text' }
}

const isNumeric = (kind: FieldKind) => kind === 'money' || kind === 'number'

function toScalar(raw: string, kind: FieldKind): unknown {
  const s = raw.trim()
  if (kind === 'boolean') return s === 'true'
  if (isNumeric(kind)) {
    const n = Number(s.replace(/,/g, ''))
    return Number.isFinite(n) ? n : s
  }
  return s
}

function fromScalar(v: unknown): string {
  if (v === null || v === undefined) return ''
  return String(v)
}

export function rowToCondition(row: ConditionRow, formFields: Array<{ key: string; type: string }> = []): Condition {
  const kind = fieldDef(row.field, formFields).kind
  if (row.op === 'isEmpty') return { field: row.field, op: 'isEmpty' }
  if (row.op === 'between') {
    const lo = Array.isArray(row.value) ? row.value[0] ?? '' : row.value
    const hi = row.value2 ?? (Array.isArray(row.value) ? row.value[1] ?? '' : '')
    return { field: row.field, op: 'between', value: [toScalar(lo, kind), toScalar(hi, kind)] }
  }
  if (MULTI_OPS.includes(row.op)) {
    const list = Array.isArray(row.value) ? row.value : row.value.split(/[,，]/)
    return { field: row.field, op: row.op, value: list.map((s) => s.trim()).filter(Boolean).map((s) => toScalar(s, kind)) }
  }
  const single = Array.isArray(row.value) ? row.value[0] ?? '' : row.value
  return { field: row.field, op: row.op, value: toScalar(single, kind) }
}

export function conditionToRow(c: Condition): ConditionRow {
  if (c.op === 'isEmpty') return { field: c.field, op: c.op, value: '' }
  if (c.op === 'between' && Array.isArray(c.value)) {
    return { field: c.field, op: c.op, value: fromScalar(c.value[0]), value2: fromScalar(c.value[1]) }
  }
  if (MULTI_OPS.includes(c.op)) {
    const list = Array.isArray(c.value) ? c.value : [c.value]
    return { field: c.field, op: c.op, value: list.map(fromScalar) }
  }
  return { field: c.field, op: c.op, value: fromScalar(c.value) }
}

export function whenToGroups(when: When | undefined): ConditionGroups {
  if (!when?.anyOf?.length) return [[]]
  return when.anyOf.map((g) => (g.allOf ?? []).map(conditionToRow))
}

export function groupsToWhen(groups: ConditionGroups, formFields: Array<{ key: string; type: string }> = []): When {
  const anyOf = groups
    .map((rows) => ({ allOf: rows.filter((r) => r.field).map((r) => rowToCondition(r, formFields)) }))
    .filter((g, i, all) => g.allOf.length > 0 || all.length === 1)
  return { anyOf: anyOf.length ? anyOf : [{ allOf: [] }] }
}

/** True when the `when` has at least one row (an empty condition is a validation error). */
export function hasRows(when: When | undefined): boolean {
  return !!when?.anyOf?.some((g) => g.allOf?.length)
}

// ---- evaluation: lets the simulation panel say why a branch was (not) taken ----

export type Context = Record<string, unknown>

function lookup(ctx: Context, field: string): unknown {
  if (field in ctx) return ctx[field]
  return field.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), ctx)
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(String(v ?? '').replace(/,/g, '')))
const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

export function evalCondition(c: Condition, ctx: Context): boolean {
  const v = lookup(ctx, c.field)
  const target = c.value
  switch (c.op) {
    case 'isEmpty':
      return empty(v)
    case 'eq':
      return typeof target === 'number' ? num(v) === target : String(v) === String(target)
    case 'ne':
      return typeof target === 'number' ? num(v) !== target : String(v) !== String(target)
    case 'gt':
      return num(v) > num(target)
    case 'gte':
      return num(v) >= num(target)
    case 'lt':
      return num(v) < num(target)
    case 'lte':
      return num(v) <= num(target)
    case 'between': {
      const [lo, hi] = Array.isArray(target) ? target : []
      return num(v) >= num(lo) && num(v) <= num(hi)
    }
    case 'in':
    case 'notIn': {
      const list = (Array.isArray(target) ? target : [target]).map(String)
      const values = Array.isArray(v) ? v.map(String) : [String(v)]
      const hit = values.some((x) => list.includes(x))
      return c.op === 'in' ? hit : !hit
    }
    case 'contains':
      return Array.isArray(v) ? v.map(String).includes(String(target)) : String(v ?? '').includes(String(target))
    default:
      return false
  }
}

export function evalWhen(when: When | undefined, ctx: Context): boolean {
  if (!when?.anyOf?.length) return false
  return when.anyOf.some((g) => (g.allOf ?? []).length > 0 && g.allOf.every((c) => evalCondition(c, ctx)))
}
