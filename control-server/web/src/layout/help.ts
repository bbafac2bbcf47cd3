// Which help article a screen shows, and the first-run tour's steps for a person's roles.
import { hasAnyRole, DEVICE_ROLES, EVIDENCE_READ_ROLES, FLOW_DESIGN_ROLES } from '@/auth/roles'

/** Help articles (keys under `help.` in the locale files); every screen maps to one. */
export const HELP_PAGES = ['workbench', 'requests', 'requestForm', 'requestDetail', 'flows', 'designer', 'seals', 'devices',
  'evidence', 'archive', 'stats'] as const
export type HelpPage = (typeof HELP_PAGES)[number]

const BY_ROUTE: Record<string, HelpPage> = {
  workbench: 'workbench', requests: 'requests', 'request-new': 'requestForm', 'request-edit': 'requestForm',
  'request-detail': 'requestDetail', flows: 'flows', 'flow-designer': 'designer', seals: 'seals', devices: 'devices',
  evidence: 'evidence', archive: 'archive', 'archive-detail': 'archive', stats: 'stats',
}

export function helpPageFor(routeName: string | symbol | null | undefined): HelpPage {
  return BY_ROUTE[String(routeName ?? '')] ?? 'workbench'
}

/** One step of the tour: the element it points at (none: a centred note) and its text under `tour.<key>`. */
export interface TourStep { key: string; target?: string }

/** Everyone: the menu, applying, to-do and notifications, help; then what the person's roles add. */
export function tourSteps(roles: readonly string[] | undefined): TourStep[] {
  const steps: TourStep[] = [
    { key: 'welcome' },
    { key: 'menu', target: '[data-tour=nav]' },
    { key: 'apply', target: '[data-tour=new-request]' },
    { key: 'todo', target: '[data-tour=bell]' },
  ]
  if (hasAnyRole(roles, ['CUSTODIAN'])) steps.push({ key: 'custodian', target: '[data-tour=nav-seals]' })
  if (hasAnyRole(roles, FLOW_DESIGN_ROLES)) steps.push({ key: 'flows', target: '[data-tour=nav-flows]' })
  if (hasAnyRole(roles, EVIDENCE_READ_ROLES)) steps.push({ key: 'evidence', target: '[data-tour=nav-evidence]' })
  else if (hasAnyRole(roles, DEVICE_ROLES)) steps.push({ key: 'devices', target: '[data-tour=nav-devices]' })
  if (hasAnyRole(roles, ['AUDITOR', 'ADMIN'])) steps.push({ key: 'archive', target: '[data-tour=nav-archive]' })
  steps.push({ key: 'help', target: '[data-tour=help]' })
  return steps
}

const TOUR_KEY = 'sealflow.tour.'
export function tourSeen(username: string): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(TOUR_KEY + username) === 'done'
}
export function markTourSeen(username: string) {
  localStorage.setItem(TOUR_KEY + username, 'done')
}
