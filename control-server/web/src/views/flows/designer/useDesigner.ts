import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { getFlow, listFlows, publishFlow, saveDraft, type FlowDetail } from '@/api/flows'
import { ApiError } from '@/api/http'
import { nodeErrors } from '@/api/errors'
import { showError } from '@/composables/useApi'
import {
  addBranch, createNode, moveNode, findBranch, findNode, insertNode, isContainer, moveBranch, moveNodeBy, removeBranch, removeNode,
  toJson, type ContainerType, type FlowDefinition, type Names, type NodeType, type Slot,
} from './model'
import { validateFlow } from './validate'
import { newFlow } from './defaultFlow'

/** The designer's state and commands: load, edit through the model operations, validate, save, publish. */
export function useDesigner(key: string, initialName?: string) {
  const { t } = useI18n()
  const flow = ref<FlowDefinition>(
    newFlow(key, initialName ?? key, {
      start: t('designer.starter.start'), dept: t('designer.starter.dept'), stamp: t('designer.starter.stamp'), archive: t('designer.starter.archive'),
    }),
  )
  const summary = ref<FlowDetail | null>(null)
  const loading = ref(true)
  const saving = ref(false)
  const dirty = ref(false)
  const selected = ref<string | null>(null)
  const selectedBranchOf = ref<string | null>(null)
  const serverErrors = ref<Record<string, string[]>>({})
  const showLocalIssues = ref(false)
  const moving = ref<string | null>(null)

  const names: Names = {
    node: (type: NodeType) => t(`designer.defaultName.${type}`),
    branch: (i: number, type: ContainerType) => (type === 'PARALLEL' ? t('designer.defaultName.branch', { n: i }) : t('designer.defaultName.condition', { n: i })),
    otherwise: t('designer.defaultName.otherwise'),
  }

  async function load() {
    loading.value = true
    try {
      const [detail, list] = await Promise.all([getFlow(key), listFlows().catch(() => [])])
      const listed = list.find((f) => f.key === key)
      summary.value = { ...detail, ...(listed ?? {}), draft: detail.draft, published: detail.published }
      const model = detail.draft ?? detail.published
      if (model) flow.value = model
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) showError(e)
    } finally {
      loading.value = false
      dirty.value = false
    }
  }

  const issues = computed(() => validateFlow(flow.value))
  const errors = computed(() => {
    const out: Record<string, string[]> = {}
    for (const [id, msgs] of Object.entries(serverErrors.value)) out[id] = [...msgs]
    if (showLocalIssues.value) for (const i of issues.value) (out[i.nodeId] ??= []).push(t(`designer.issues.${i.key}`))
    return out
  })

  function touched() {
    dirty.value = true
    serverErrors.value = {}
  }

  const ops = {
    select(id: string, branchOf?: string) {
      selected.value = id
      selectedBranchOf.value = branchOf ?? null
    },
    add(slot: Slot, type: NodeType) {
      const node = insertNode(flow.value.root, slot, createNode(type, names))
      touched()
      if (!isContainer(node)) ops.select(node.id)
    },
    async remove(id: string) {
      const found = findNode(flow.value.root, id)
      if (!found) return
      const ok = await ElMessageBox.confirm(t('designer.confirmRemove', { name: found.node.name }), t('common.confirm'), { type: 'warning', confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') }).catch(() => false)
      if (!ok) return
      removeNode(flow.value.root, id)
      if (selected.value === id) selected.value = null
      touched()
    },
    move(id: string, d: -1 | 1) {
      if (moveNodeBy(flow.value.root, id, d)) touched()
    },
    addBranch(id: string) {
      addBranch(flow.value.root, id, names)
      touched()
    },
    removeBranch(c: string, b: string) {
      removeBranch(flow.value.root, c, b)
      if (selected.value === b) selected.value = null
      touched()
    },
    pickUp(id: string | null) {
      moving.value = id
    },
    dropAt(slot: Slot) {
      const id = moving.value
      moving.value = null
      if (!id) return
      try {
        moveNode(flow.value.root, id, slot)
        touched()
      } catch {
        ElMessage.warning(t('designer.cannotMoveInside'))
      }
    },
    moveBranch(c: string, b: string, d: -1 | 1) {
      if (moveBranch(flow.value.root, c, b, d)) touched()
    },
  }

  const selectedNode = computed(() => (selected.value && !selectedBranchOf.value ? findNode(flow.value.root, selected.value)?.node ?? null : null))
  const selectedBranch = computed(() =>
    selected.value && selectedBranchOf.value ? findBranch(flow.value.root, selectedBranchOf.value, selected.value) ?? null : null,
  )
  const selectedContainer = computed(() => (selectedBranchOf.value ? findNode(flow.value.root, selectedBranchOf.value)?.node ?? null : null))

  async function save(quiet = false): Promise<boolean> {
    showLocalIssues.value = true
    saving.value = true
    try {
      const saved = await saveDraft(key, toJson(flow.value))
      if (saved && typeof saved === 'object') summary.value = { ...(summary.value ?? { key, name: flow.value.name }), hasDraft: true }
      serverErrors.value = {}
      dirty.value = false
      if (!quiet) ElMessage.success(t('designer.saved'))
      return true
    } catch (e) {
      const byNode = nodeErrors(e)
      if (Object.keys(byNode).length) {
        serverErrors.value = byNode
        ElMessage.error(t('designer.hasErrors', { n: Object.keys(byNode).length }))
      } else showError(e)
      return false
    } finally {
      saving.value = false
    }
  }

  async function publish() {
    showLocalIssues.value = true
    if (issues.value.length) {
      ElMessage.error(t('designer.hasErrors', { n: issues.value.length }))
      return
    }
    const ok = await ElMessageBox.confirm(t('designer.confirmPublish'), t('designer.publish'), { type: 'info', confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') }).catch(() => false)
    if (!ok || !(await save(true))) return
    try {
      const res = await publishFlow(key)
      ElMessage.success(t('designer.published', { v: res.version }))
      await load()
    } catch (e) {
      const byNode = nodeErrors(e)
      if (Object.keys(byNode).length) serverErrors.value = byNode
      showError(e)
    }
  }

  return {
    flow, summary, loading, moving, saving, dirty, selected, selectedNode, selectedBranch, selectedContainer,
    errors, issues, ops, load, save, publish, touched,
  }
}
