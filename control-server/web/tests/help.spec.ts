import { describe, expect, it } from 'vitest'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { HELP_PAGES, helpPageFor, tourSteps } from '@/layout/help'

type Tree = { [k: string]: string | Tree }
const at = (tree: Tree, path: string) => path.split('.').reduce<string | Tree | undefined>((n, k) => (typeof n === 'object' ? n[k] : undefined), tree)

describe('help and first-run tour', () => {
  it('has a help article with a title, a lead and points for every screen, in both languages', () => {
    for (const messages of [zh, en] as unknown as Tree[]) {
      for (const page of HELP_PAGES) {
        expect(typeof at(messages, `help.${page}.title`), page).toBe('string')
        expect(typeof at(messages, `help.${page}.lead`), page).toBe('string')
        expect(typeof at(messages, `help.${page}.p1`), page).toBe('string')
      }
    }
  })

  it('maps every route of the app to its article', () => {
    for (const route of ['workbench', 'requests', 'request-new', 'request-edit', 'request-detail', 'flows', 'flow-designer', 'seals',
      'devices', 'evidence', 'archive', 'archive-detail', 'stats']) {
      expect(HELP_PAGES).toContain(helpPageFor(route))
    }
    expect(helpPageFor('request-detail')).toBe('requestDetail')
    expect(helpPageFor('flow-designer')).toBe('designer')
    expect(helpPageFor(undefined)).toBe('workbench')
  })

  it('shows each role what it adds, with text for every step', () => {
    const keys = (roles: string[]) => tourSteps(roles).map((s) => s.key)
    expect(keys(['EMPLOYEE'])).toEqual(['welcome', 'menu', 'apply', 'todo', 'help'])
    expect(keys(['EMPLOYEE', 'CUSTODIAN'])).toContain('custodian')
    expect(keys(['FLOW_ADMIN'])).toContain('flows')
    expect(keys(['SECURITY'])).toContain('evidence')
    expect(keys(['SEAL_ADMIN'])).toContain('devices')
    expect(keys(['AUDITOR'])).toEqual(expect.arrayContaining(['evidence', 'archive']))
    for (const messages of [zh, en] as unknown as Tree[]) {
      for (const step of tourSteps(['ADMIN', 'CUSTODIAN', 'SECURITY'])) {
        expect(typeof at(messages, `tour.${step.key}.title`), step.key).toBe('string')
        expect(typeof at(messages, `tour.${step.key}.body`), step.key).toBe('string')
      }
    }
  })
})
