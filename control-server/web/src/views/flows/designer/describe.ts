/** Human sentences for node settings, shown on the cards and in the simulation. */
import { i18n } from '@/i18n'
import { useDirectory } from '@/stores/directory'
import type { ApproverSpec, Branch, Condition, FlowNode } from './model'
import { formatMoney } from '@/composables/format'

const t = (k: string, v?: Record<string, unknown>) => (v ? i18n.global.t(k, v) : i18n.global.t(k))
const te = (k: string) => i18n.global.te(k)

export function describeApprovers(a?: ApproverSpec): string {
  if (!a) return t('designer.summary.noApprovers')
  const dir = useDirectory()
  switch (a.type) {
    case 'USERS':
      return a.userIds.length ? a.userIds.map((id) => dir.userName(id)).join(t('common.sep')) : t('designer.summary.noApprovers')
    case 'ROLE':
      return t('designer.summary.role', { role: te(`roles.${a.role}`) ? t(`roles.${a.role}`) : a.role })
    case 'DEPT_HEAD':
      return t('designer.summary.deptHead', { level: a.level })
    case 'DEPT_HEAD_CHAIN':
      return t('designer.summary.deptHeadChain', { level: a.upToLevel })
    case 'FORM_FIELD':
      return t('designer.summary.formField', { field: a.field })
    default:
      return t(`designer.approverType.${a.type}`)
  }
}

export function describeNode(n: FlowNode): string {
  switch (n.type) {
    case 'START':
      return t('designer.summary.start')
    case 'APPROVAL': {
      const who = describeApprovers(n.approvers)
      return n.mode ? `${who} · ${t(`designer.mode.${n.mode}`)}` : who
    }
    case 'HANDLE':
      return `${describeApprovers(n.approvers)} · ${t(`designer.handleAction.${n.action ?? 'GENERIC'}`)}`
    case 'CC':
      return (Array.isArray(n.recipients) ? n.recipients : []).map((r) => describeApprovers(r)).join(t('common.sep'))
    case 'AUTO':
      return t(`designer.autoAction.${n.action ?? 'ARCHIVE'}`)
    default:
      return ''
  }
}

function describeValue(c: Condition): string {
  const label = (v: unknown) => {
    const s = String(v)
    for (const g of ['documentType', 'sealType']) if (c.field === g && te(`enums.${g}.${s}`)) return t(`enums.${g}.${s}`)
    if (c.field === 'amount' && typeof v === 'number') return formatMoney(v)
    return s
  }
  if (c.op === 'isEmpty') return ''
  if (Array.isArray(c.value)) return c.value.map(label).join(c.op === 'between' ? ' ~ ' : t('common.sep'))
  return label(c.value)
}

export function fieldLabel(field: string): string {
  if (field.startsWith('form.')) return field.slice(5)
  return te(`designer.fields.${field}`) ? t(`designer.fields.${field}`) : field
}

export function describeCondition(c: Condition): string {
  return `${fieldLabel(c.field)} ${t(`designer.ops.${c.op}`)} ${describeValue(c)}`.trim()
}

export function describeBranch(b: Branch): string {
  if (b.default) return t('designer.summary.otherwise')
  const groups = b.when?.anyOf?.filter((g) => g.allOf?.length) ?? []
  if (!groups.length) return t('designer.summary.noCondition')
  return groups.map((g) => g.allOf.map(describeCondition).join(` ${t('designer.and')} `)).join(` ${t('designer.or')} `)
}
