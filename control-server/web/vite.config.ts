import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The app is served by the control server from the jar's classpath `webroot`,
// so the build writes straight into Maven's output directory.
export default defineConfig({
  // Element Plus components (and their CSS) are imported where templates use them, so a page loads only what it shows.
  plugins: [vue(), Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/webroot', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          icons: ['@element-plus/icons-vue'],
          echarts: ['echarts'],
          vue: ['vue', 'vue-router', 'pinia', 'vue-i18n'],
        },
      },
    },
  },
  server: {
    // `npm run mock` serves a fake API on 5180; `npm run dev` proxies to it (or a real server).
    proxy: { '/api': { target: process.env.SEALFLOW_API ?? 'http://localhost:5180', changeOrigin: false } },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.spec.ts'],
  },
})
