import { describe, expect, it } from 'vitest'
import { evalWhen, groupsToWhen, whenToGroups, type ConditionGroups } from '@/views/flows/designer/conditions'
import type { When } from '@/views/flows/designer/model'

describe('condition rows ⇄ when', () => {
  const demo: When = {
    anyOf: [
      { allOf: [{ field: 'documentType', op: 'in', value: ['FINANCIAL_STATEMENT', 'INVOICE'] }] },
      { allOf: [{ field: 'amount', op: 'gte', value: 100000 }] },
    ],
  }

  it('turns rows into the DESIGN §3 shape with typed values', () => {
    const groups: ConditionGroups = [
      [
        { field: 'amount', op: 'gte', value: '500,000' },
        { field: 'sealType', op: 'in', value: ['OFFICIAL', 'LEGAL_REP'] },
      ],
      [{ field: 'copies', op: 'between', value: '2', value2: '10' }],
      [{ field: 'form.project', op: 'isEmpty', value: 'ignored' }],
      [{ field: 'takeOut', op: 'eq', value: 'true' }],
    ]
    expect(groupsToWhen(groups)).toEqual({
      anyOf: [
        { allOf: [{ field: 'amount', op: 'gte', value: 500000 }, { field: 'sealType', op: 'in', value: ['OFFICIAL', 'LEGAL_REP'] }] },
        { allOf: [{ field: 'copies', op: 'between', value: [2, 10] }] },
        { allOf: [{ field: 'form.project', op: 'isEmpty' }] },
        { allOf: [{ field: 'takeOut', op: 'eq', value: true }] },
      ],
    })
  })

  it('round-trips when → rows → when', () => {
    expect(groupsToWhen(whenToGroups(demo))).toEqual(demo)
    const between: When = { anyOf: [{ allOf: [{ field: 'amount', op: 'between', value: [1000, 5000.5] }] }] }
    expect(groupsToWhen(whenToGroups(between))).toEqual(between)
  })

  it('accepts comma-separated lists and numeric custom form fields', () => {
    const w = groupsToWhen([[{ field: 'form.budget', op: 'in', value: '1, 2，3' }]], [{ key: 'budget', type: 'number' }])
    expect(w).toEqual({ anyOf: [{ allOf: [{ field: 'form.budget', op: 'in', value: [1, 2, 3] }] }] })
  })

  it('drops empty groups and rows without a field but keeps one group', () => {
    expect(groupsToWhen([[], [{ field: '', op: 'eq', value: '' }]])).toEqual({ anyOf: [{ allOf: [] }] })
    expect(whenToGroups(undefined)).toEqual([[]])
  })

  it('evaluates conditions the way the simulation explains them', () => {
    expect(evalWhen(demo, { documentType: 'INVOICE', amount: 10 })).toBe(true)
    expect(evalWhen(demo, { documentType: 'CONTRACT', amount: 100000 })).toBe(true)
    expect(evalWhen(demo, { documentType: 'CONTRACT', amount: 99999.99 })).toBe(false)
    expect(evalWhen({ anyOf: [{ allOf: [] }] }, {})).toBe(false)
    const roles: When = { anyOf: [{ allOf: [{ field: 'applicant.roles', op: 'contains', value: 'LEGAL' }] }] }
    expect(evalWhen(roles, { applicant: { roles: ['LEGAL'] } })).toBe(true)
    expect(evalWhen(roles, { applicant: { roles: [] } })).toBe(false)
  })
})
