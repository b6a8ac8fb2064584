// The workspace's stylesheet, compiled once at build time (the service itself needs no Sass).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compile } from 'sass'

const root = join(import.meta.dirname, '..')
const { css } = compile(join(root, 'server/workspace/assets/workspace.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
})
// GOV.UK's Internet Explorer hacks, @media rules with a \0 that Sass writes as U+FFFD, are
// for no browser we serve (the app's build drops them the same way).
const cleaned = css.replace(/@media[^{]*(\\0|\uFFFD)[^{]*\{(?:[^{}]*\{[^}]*\})*\}/g, '')
mkdirSync(join(root, 'dist/workspace'), { recursive: true })
writeFileSync(join(root, 'dist/workspace/workspace.css'), cleaned)
console.log(`dist/workspace/workspace.css: ${(cleaned.length / 1024).toFixed(1)} KiB`)
