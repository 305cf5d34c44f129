// The one-call drivers of the Node (napi-rs) SDK end to end, over global
// fetch and undici's fetch.
import { createRequire } from 'node:module'
import { fetch as undiciFetch } from 'undici'
import { runDriverScenarios } from './drivers.mjs'

const require = createRequire(import.meta.url)
const sdk = require('../../../bindings-node')
runDriverScenarios('alexpay (napi)', sdk, 'global fetch', globalThis.fetch)
runDriverScenarios('alexpay (napi)', sdk, 'undici fetch', undiciFetch)
