import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Brotli and gzip copies of the built scripts and stylesheets (assets/x.js.br, assets/x.js.gz): the server sends
// them with Content-Encoding to browsers that take them, so nothing is compressed per request.
function precompress(): Plugin {
  return {
    name: 'sealflow-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue
        const file = join(options.dir!, name)
        const plain = readFileSync(file)
        if (plain.length < 1024) continue
        writeFileSync(`${file}.br`, brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } }))
        writeFileSync(`${file}.gz`, gzipSync(plain, { level: 9 }))
      }
    },
  }
}

// The app is served by the control server from the jar's classpath `webroot`,
// so the build writes straight into Maven's output directory.
export default defineConfig({
  // Element Plus components (and their CSS) are imported where templates use them, so a page loads only what it shows.
  plugins: [vue(), precompress(), Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/webroot', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
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
