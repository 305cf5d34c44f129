// The Node (napi-rs) SDK end to end.
import { createRequire } from 'node:module'
import { runScenarios } from './scenarios.mjs'

const require = createRequire(import.meta.url)
runScenarios('node', require('../../../bindings-node'))
