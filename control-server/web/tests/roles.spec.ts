import { describe, expect, it } from 'vitest'
import { ALL_REQUESTS_ROLES, EVIDENCE_READ_ROLES, EVIDENCE_REVIEW_ROLES, hasAnyRole } from '@/auth/roles'

describe('role lists mirror the server', () => {
  it('auditors read evidence but only security and admins submit reviews', () => {
    expect(hasAnyRole(['AUDITOR'], EVIDENCE_READ_ROLES)).toBe(true)
    expect(hasAnyRole(['AUDITOR'], EVIDENCE_REVIEW_ROLES)).toBe(false)
    expect(hasAnyRole(['SECURITY'], EVIDENCE_REVIEW_ROLES)).toBe(true)
    expect(hasAnyRole(['ADMIN'], EVIDENCE_REVIEW_ROLES)).toBe(true)
    expect(hasAnyRole(['SEAL_ADMIN'], EVIDENCE_READ_ROLES)).toBe(false)
  })
  it('only auditors and admins list every request', () => {
    expect([...ALL_REQUESTS_ROLES].sort()).toEqual(['ADMIN', 'AUDITOR'])
    expect(hasAnyRole(['SECURITY', 'SEAL_ADMIN'], ALL_REQUESTS_ROLES)).toBe(false)
  })
  it('a route without roles is open to every signed-in user', () => {
    expect(hasAnyRole([], undefined)).toBe(true)
    expect(hasAnyRole(undefined, ['ADMIN'])).toBe(false)
  })
})
