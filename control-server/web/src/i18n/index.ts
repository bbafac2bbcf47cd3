import { createI18n } from 'vue-i18n'
import { shallowRef } from 'vue'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Language } from 'element-plus/es/locale'
import zh from './zh-CN'

export type Locale = 'zh-CN' | 'en'
const STORAGE_KEY = 'sealflow.locale'

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return saved === 'en' ? 'en' : 'zh-CN'
}

// zh-CN (the default) is built in; English is fetched the first time it is chosen
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN' as Locale,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh } as Record<Locale, typeof zh>,
  missingWarn: false,
  fallbackWarn: false,
})
const elementLocales = shallowRef<Partial<Record<Locale, Language>>>({ 'zh-CN': zhCn })

async function load(locale: Locale) {
  if (locale === 'en' && !elementLocales.value.en) {
    const [en, el] = await Promise.all([import('./en'), import('element-plus/es/locale/lang/en')])
    i18n.global.setLocaleMessage('en', en.default as typeof zh)
    elementLocales.value = { ...elementLocales.value, en: el.default }
  }
}

/** The saved language, loaded before the app mounts (so the first paint is in it). */
export async function loadInitialLocale() {
  const locale = initialLocale()
  await load(locale)
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export function elementLocale(locale: Locale = i18n.global.locale.value as Locale) {
  return elementLocales.value[locale] ?? zhCn
}

export async function setLocale(locale: Locale) {
  await load(locale)
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
