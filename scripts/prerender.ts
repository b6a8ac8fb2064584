/**
 * A Vite plugin that builds every page whose content is the bundled content into its own
 * HTML file at build time, so the first response already shows the page (no round trip
 * for the route's code and content before anything useful is painted). The app hydrates it.
 *
 * It runs after the client bundle is written and before vite-plugin-pwa lists the files to
 * precache, so the service worker precaches each page too and answers a deep link offline
 * with that page (Workbox maps /which-forum to which-forum.html).
 *
 * Layout of dist/: index.html is the home page; <path>.html each other page;
 * shell.html the empty app for every other address (pages with personal data).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Plugin, type Rolldown } from 'vite'
import { PRERENDERED_PATHS, prerenderedFile, SHELL_FILE } from '../src/domain/app-pages.ts'

const SERVER_ENTRY = 'src/entry-server.ts'
const BUNDLED_CONTENT = 'src/domain/default-content/default-content.ts'

/** What src/entry-server.ts exports (not imported: it is the app's code, built for Node above). */
interface RenderedPage {
  html: string
  /** The whole title, as the browser shows it. */
  title: string
  modules: string[]
  usesContent: boolean
}
interface ServerEntry {
  renderPage(path: string): Promise<RenderedPage>
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function prerender(): Plugin {
  let root = ''
  let outDir = ''
  let configFile: string | undefined
  return {
    name: 'inclusion-companion:prerender',
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    configResolved(config) {
      root = config.root
      outDir = resolve(config.root, config.build.outDir)
      configFile = config.configFile
    },
    async writeBundle(_options, bundle) {
      // Inside the project, so that the rendering bundle finds its packages in node_modules.
      const serverDir = join(root, 'node_modules', '.cache', 'prerender')
      try {
        await build({
          configFile,
          logLevel: 'warn',
          build: { ssr: SERVER_ENTRY, outDir: serverDir, emptyOutDir: true, minify: false },
        })
        const entry = (await import(pathToFileURL(join(serverDir, 'entry-server.js')).href)) as ServerEntry
        const shell = readFileSync(join(outDir, 'index.html'), 'utf8')
        writeFileSync(join(outDir, SHELL_FILE), shell)
        const chunks = chunksByModule(bundle, root)
        const inShell = new Set([...shell.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]!))
        for (const path of PRERENDERED_PATHS) {
          const page = await entry.renderPage(path)
          const preloads = preloadsFor([...page.modules, ...(page.usesContent ? [BUNDLED_CONTENT] : [])], chunks, bundle).filter((file) => !inShell.has(file))
          const file = join(outDir, prerenderedFile(path))
          mkdirSync(dirname(file), { recursive: true })
          writeFileSync(file, pageHtml(shell, page, preloads))
        }
      } finally {
        rmSync(serverDir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * The page's HTML is its content: it needs only the stylesheet to paint, so that is asked for
 * first, and the code that hydrates it comes after at low priority, not sharing a slow
 * connection with the stylesheet (the shell, which shows nothing without its code, keeps
 * the default).
 */
function pageHtml(shell: string, page: RenderedPage, preloads: string[]): string {
  const links = preloads.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('\n    ')
  const stylesheet = /\s*<link rel="stylesheet"[^>]*>/.exec(shell)?.[0] ?? ''
  return shell
    .replace(stylesheet, '')
    .replace(/\s*<script type="module"/, (script) => `${stylesheet}${script}`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
    .replace('</head>', `  ${links}\n  </head>`)
    .replaceAll(/<(script type="module"|link rel="modulepreload")/g, '<$1 fetchpriority="low"')
    .replace('<div id="app"></div>', `<div id="app">${page.html}</div>`)
}

/** Which chunk of the client build holds each source module (by its path from the project's root). */
function chunksByModule(bundle: Rolldown.OutputBundle, root: string): Map<string, string> {
  const chunks = new Map<string, string>()
  for (const output of Object.values(bundle)) {
    if (output.type !== 'chunk') continue
    for (const id of output.moduleIds) chunks.set(relative(root, id), output.fileName)
  }
  return chunks
}

/** The chunks holding the rendered modules, with every chunk they import statically. */
function preloadsFor(modules: string[], chunks: Map<string, string>, bundle: Rolldown.OutputBundle): string[] {
  const files = new Set<string>()
  const add = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const chunk = bundle[file]
    if (chunk?.type === 'chunk') chunk.imports.forEach(add)
  }
  for (const module of modules) {
    const file = chunks.get(module)
    if (file) add(file)
  }
  return [...files]
}
