// The WebAssembly SDK (nodejs build) end to end.
import { createRequire } from 'node:module'
import { runScenarios } from './scenarios.mjs'

const require = createRequire(import.meta.url)
runScenarios('wasm', require('../../../bindings-wasm/entry/node.cjs'))
