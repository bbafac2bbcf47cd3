// Role lists the server enforces; the web app mirrors them for menus, route guards and buttons.
export const FLOW_DESIGN_ROLES = ['FLOW_ADMIN', 'ADMIN']
export const DEVICE_ROLES = ['SEAL_ADMIN', 'ADMIN', 'SECURITY', 'AUDITOR']
/** Who may open the evidence review page (auditors read only). */
export const EVIDENCE_READ_ROLES = ['SECURITY', 'AUDITOR', 'ADMIN']
/** Who may record a review verdict on a press. */
export const EVIDENCE_REVIEW_ROLES = ['SECURITY', 'ADMIN']
/** Who may list every request ("all" scope). */
export const ALL_REQUESTS_ROLES = ['AUDITOR', 'ADMIN']

export function hasAnyRole(held: readonly string[] | undefined, wanted?: readonly string[]): boolean {
  if (!wanted?.length) return true
  return wanted.some((r) => held?.includes(r))
}
