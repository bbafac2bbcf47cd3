import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import './styles.css'

const app = createApp(App)
for (const [name, comp] of Object.entries(Icons)) app.component(`Icon${name}`, comp)
app.use(createPinia())
app.use(i18n)
app.use(router)
app.mount('#app')
