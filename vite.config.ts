import { readFileSync } from 'node:fs'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { webAppManifest } from './src/app-manifest.ts'
import { prerender } from './scripts/prerender.ts'

const IE_HACK = /\(min-width: 0(\\0|\uFFFD)\)/

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    // Every component uses <script setup>: leaving out the Options API makes Vue smaller.
    vue({ features: { optionsAPI: false } }),
    // Before VitePWA, whose list of files to precache must include the prerendered pages.
    prerender(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: webAppManifest,
      // The manifest and its icons are added by the plugin itself.
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg}', 'icons/apple-touch-icon.png'] },
      devOptions: { enabled: false },
    }),
  ],
  css: {
    postcss: {
      // GOV.UK Frontend keeps an Internet Explorer 9-11 hack, `@media screen and (min-width: 0\0)`
      // (Sass writes the \0 as U+FFFD), that no browser we serve reads and lightningcss cannot
      // parse: remove it before minifying, rather than have the minifier drop it with a warning.
      plugins: [{ postcssPlugin: 'drop-internet-explorer-hacks', AtRule: { media: (rule: { params: string; remove(): void }) => void (IE_HACK.test(rule.params) && rule.remove()) } }],
    },
  },
  build: {
    target: 'es2022',
    // The first HTML keeps its preloads: they make a first visit fast. A chunk loaded later
    // (the next page, the outbox, the update banner) does not preload its imports: once the
    // service worker has precached the app (seconds into the first visit) they come from its
    // cache, so a preload saves no round trip, while each <link> Vite's helper inserts cost
    // 8-43 ms of the main thread at 4x slowdown, in the task that opens a page or does the
    // idle work (DevTools traces). Before that, a next page's imports load one level at a time.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Vue, its router and Pinia, which every page needs, in one file rather than six:
        // fewer requests before a page is interactive on a slow connection.
        codeSplitting: { groups: [{ name: 'framework', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/ }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
