import { readFileSync } from 'node:fs'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { webAppManifest } from './src/app-manifest.ts'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    vue(),
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
  // GOV.UK Frontend keeps an old Internet Explorer media query hack that lightningcss
  // cannot parse; recovering drops just that rule.
  css: { lightningcss: { errorRecovery: true } },
  build: { target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
