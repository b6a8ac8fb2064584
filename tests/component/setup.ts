import 'fake-indexeddb/auto'
import { webcrypto } from 'node:crypto'
import { runInThisContext } from 'node:vm'

// jsdom brings its own realm: its structuredClone (which fake-indexeddb stores with) and its
// crypto make typed arrays that Node's WebCrypto refuses as keys and salts. A browser has
// one realm, so the tests use Node's own structuredClone (read when fake-indexeddb stores)
// and WebCrypto throughout.
const nodeGlobals = runInThisContext('globalThis') as typeof globalThis
Object.defineProperty(globalThis, 'structuredClone', { value: nodeGlobals.structuredClone, configurable: true })
Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true })

// jsdom does no layout, so it has no scrolling; the error summary scrolls labels into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {}
