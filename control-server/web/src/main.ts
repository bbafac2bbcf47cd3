import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import { router } from './router'
import { i18n, loadInitialLocale } from './i18n'
import { registerIcons } from './icons'
import './styles.css'

const app = createApp(App)
registerIcons(app)
app.use(createPinia())
app.use(i18n)
app.use(router)
// mounted in a task of its own: evaluating the modules and rendering the first screen in one would be one long task
loadInitialLocale().finally(() => setTimeout(() => app.mount('#app'), 0))
