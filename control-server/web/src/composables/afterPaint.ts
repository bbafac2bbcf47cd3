import { ref, watch, type Ref } from 'vue'

/**
 * False until the browser has painted once after `ready()` first became true, then true: a page renders what the
 * first screen needs (its heading) in one task and the rest in the next, so the heading paints without waiting for
 * the rest and no task grows long. Content shown this way must come after everything drawn before it (appended
 * below), so nothing already on screen moves. A hidden tab paints no frames: a timer stands in after a second.
 */
export function afterPaint(ready: () => boolean): Ref<boolean> {
  const shown = ref(false)
  const show = () => { shown.value = true }
  const stop = watch(ready, (ok) => {
    if (!ok || shown.value) return
    queueMicrotask(() => stop())
    if (typeof requestAnimationFrame !== 'function') return show()
    requestAnimationFrame(() => setTimeout(show, 0))
    setTimeout(show, 1000)
  }, { immediate: true, flush: 'post' })
  return shown
}
