import { ref, shallowRef, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { friendlyError } from '@/api/errors'
import { ApiError } from '@/api/http'
import { i18n } from '@/i18n'

/** Show any API failure as one friendly message (plus the server's own sentence). */
export function showError(e: unknown) {
  const f = friendlyError(e)
  const t = i18n.global.t
  ElMessage({ type: 'error', message: f.detail ? t('common.labelValue', { label: t(f.key), value: f.detail }) : t(f.key), grouping: true, duration: 4000 })
}

/** Data loaded from the API with loading / error / not-found states for skeletons and empty states. */
export function useLoader<T>(fn: () => Promise<T>, initial: T, o: { /** replaced whole on every load, never changed in place: no deep reactivity */ shallow?: boolean } = {}) {
  const data = (o.shallow ? shallowRef(initial) : ref(initial)) as Ref<T>
  const loading = ref(false)
  const error = ref<unknown>(null)
  const notFound = ref(false)
  async function load(silent = false) {
    if (!silent) loading.value = true
    try {
      data.value = await fn()
      error.value = null
      notFound.value = false
    } catch (e) {
      error.value = e
      notFound.value = e instanceof ApiError && e.status === 404
      if (!notFound.value && !silent) showError(e)
    } finally {
      loading.value = false
    }
  }
  return { data, loading, error, notFound, load }
}

/** Run a mutation with a busy flag; report failures; resolve true on success. */
export function useAction() {
  const busy = ref(false)
  async function run(fn: () => Promise<unknown>, success?: string): Promise<boolean> {
    busy.value = true
    try {
      await fn()
      if (success) ElMessage({ type: 'success', message: success })
      return true
    } catch (e) {
      showError(e)
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
