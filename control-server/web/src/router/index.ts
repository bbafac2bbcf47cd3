import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from '@/stores/session'
import { setUnauthorizedHandler } from '@/api/http'
import AppLayout from '@/layout/AppLayout.vue'
import { DEVICE_ROLES, EVIDENCE_READ_ROLES, FLOW_DESIGN_ROLES, hasAnyRole } from '@/auth/roles'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true } },
  { path: '/verify/:code', name: 'verify', component: () => import('@/views/archive/VerifyView.vue'), props: true, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: '/workbench' },
      { path: 'workbench', name: 'workbench', component: () => import('@/views/workbench/WorkbenchView.vue'), meta: { title: 'nav.workbench' } },
      { path: 'requests', name: 'requests', component: () => import('@/views/requests/RequestListView.vue'), meta: { title: 'nav.requests' } },
      { path: 'requests/new', name: 'request-new', component: () => import('@/views/requests/RequestFormView.vue'), meta: { title: 'nav.newRequest' } },
      { path: 'requests/:id', name: 'request-detail', component: () => import('@/views/requests/RequestDetailView.vue'), props: true, meta: { title: 'request.detailTitle' } },
      { path: 'requests/:id/edit', name: 'request-edit', component: () => import('@/views/requests/RequestFormView.vue'), props: true, meta: { title: 'request.resubmit' } },
      { path: 'flows', name: 'flows', component: () => import('@/views/flows/FlowListView.vue'), meta: { title: 'nav.flows', roles: FLOW_DESIGN_ROLES } },
      { path: 'flows/:key/design', name: 'flow-designer', component: () => import('@/views/flows/designer/DesignerView.vue'), meta: { title: 'nav.designer', roles: FLOW_DESIGN_ROLES, wide: true } },
      { path: 'seals', name: 'seals', component: () => import('@/views/seals/SealsView.vue'), meta: { title: 'nav.seals' } },
      { path: 'devices', name: 'devices', component: () => import('@/views/devices/DevicesView.vue'), meta: { title: 'nav.devices', roles: DEVICE_ROLES } },
      { path: 'evidence', name: 'evidence', component: () => import('@/views/evidence/EvidenceView.vue'), meta: { title: 'nav.evidence', roles: EVIDENCE_READ_ROLES } },
      { path: 'archive', name: 'archive', component: () => import('@/views/archive/ArchiveView.vue'), meta: { title: 'nav.archive' } },
      { path: 'archive/:no', name: 'archive-detail', component: () => import('@/views/archive/ArchiveDetailView.vue'), props: true, meta: { title: 'nav.archive' } },
      { path: 'stats', name: 'stats', component: () => import('@/views/stats/StatsView.vue'), meta: { title: 'nav.stats' } },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/workbench' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const session = useSession()
  if (!session.loaded) await session.load()
  if (!session.me) return { name: 'login', query: { redirect: to.fullPath } }
  const roles = to.meta.roles as string[] | undefined
  if (!hasAnyRole(session.me.roles, roles)) return { name: 'workbench' }
  return true
})

setUnauthorizedHandler(() => {
  const session = useSession()
  session.clear()
  if (router.currentRoute.value.name !== 'login') {
    router.replace({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
  }
})
