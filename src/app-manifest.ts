import type { ManifestOptions } from 'vite-plugin-pwa'

/** The web app manifest: what makes the app installable to the home screen. */
export const webAppManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Inclusion Companion',
  short_name: 'Inclusion',
  description: 'Inclusion forums, support services and exclusions guidance for Leicestershire schools and settings, offline.',
  lang: 'en-GB',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  background_color: '#ffffff',
  theme_color: '#1d70b8',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
}
