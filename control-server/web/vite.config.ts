import { readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
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

// The pages people open directly (the workbench after signing in, a request from a notification or a link): for
// each, index.html carries its route chunk, the chunks that imports and its stylesheets, and the GETs it starts with,
// as JSON read by boot/early.js (a content-hashed deferred script, as the CSP allows no inline script). The script
// announces the chunks and starts the GETs for the path being opened, so they load alongside the entry instead of
// after the router has run.
interface EarlyRoute { path: string; view: RegExp; api: string[] }
const EARLY_ROUTES: EarlyRoute[] = [
  { path: '^/(workbench/?)?$', view: /views\/workbench\/WorkbenchView\.vue$/, api: [] },
  { path: '^/requests/([^/]+)/?$', view: /views\/requests\/RequestDetailView\.vue$/, api: ['/api/requests/$1'] },
]
function earlyRoutes(routes = EARLY_ROUTES, session = '/api/me'): Plugin {
  const source = readFileSync(fileURLToPath(new URL('./boot/early.js', import.meta.url)), 'utf8')
  const script = `assets/early-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.js`
  return {
    name: 'sealflow-early-routes',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: script, source })
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {}
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk')
        const entry = chunks.find((c) => c.isEntry)
        if (!entry) return html
        const known = new Set([entry.fileName, ...entry.imports])
        const early = routes.flatMap(({ path, view, api }) => {
          const landing = chunks.find((c) => c.facadeModuleId && view.test(c.facadeModuleId))
          if (!landing) return []
          const js = new Set<string>()
          const css = new Set<string>()
          const walk = (file: string) => {
            const c = bundle[file]
            if (!c || c.type !== 'chunk' || js.has(file)) return
            if (!known.has(file)) js.add(file)
            c.viteMetadata?.importedCss.forEach((f) => css.add(f))
            c.imports.forEach(walk)
          }
          walk(landing.fileName)
          entry.viteMetadata?.importedCss.forEach((f) => css.delete(f))
          return [{ path, api, js: [...js].map((f) => `/${f}`), css: [...css].map((f) => `/${f}`) }]
        })
        // deferred and just ahead of the entry module (both run in document order once the page is parsed), so the
        // GETs start before the app's code runs and the app always finds them (loaded async, it often ran after the entry)
        const entryTag = '<script type="module"'
        if (!html.includes(entryTag)) throw new Error('sealflow-early-routes: no entry module in index.html')
        return {
          html: html.replace(entryTag, `<script defer src="/${script}"></script>\n    ${entryTag}`),
          tags: [{ tag: 'script', attrs: { type: 'application/json', id: 'sf-early' }, children: JSON.stringify({ session, routes: early }), injectTo: 'head' as const }],
        }
      },
    },
  }
}

// The app is served by the control server from the jar's classpath `webroot`,
// so the build writes straight into Maven's output directory.
export default defineConfig({
  // Element Plus components (and their CSS) are imported where templates use them, so a page loads only what it shows.
  plugins: [vue(), precompress(), earlyRoutes(), Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/webroot', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // small shared chunks are merged into the chunks that load with them: over HTTP/1.1 every file waits for one of
        // the browser's six connections, so fewer, larger files load the first screen sooner
        experimentalMinChunkSize: 20_000,
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
