// alexpay-wasm for browsers, Deno, Cloudflare Workers, Bun and edge
// runtimes: the one JavaScript facade (shared with the Node package) over
// the wasm module. Call `await init()` or `initSync({ module })` first.
import initWasm, { initSync as initWasmSync } from '../pkg/web/alexpay_wasm.js'
import * as glue from '../pkg/web/alexpay_wasm.js'
import { makeApi } from './loader.mjs'

const loaded = makeApi(glue, initWasm, initWasmSync)

/** Every error code: empty until init (an ES module binding, updated by init). */
export let errorCodes = Object.freeze([])

/** Loads the module: a URL, Response, bytes or `WebAssembly.Module` (`{ module_or_path }`), or nothing to fetch the .wasm beside this file. */
export async function init(input) {
  await loaded.init(input)
  errorCodes = loaded.api.errorCodes
}

/** Loads the module synchronously: `initSync({ module })` with bytes or a `WebAssembly.Module` (any realm). */
export function initSync(input) {
  loaded.initSync(input)
  errorCodes = loaded.api.errorCodes
}
export const {
  AlexpayError,
  Client,
  PayoutTracker,
  parsePayoutResponse,
  parseStatusResponse,
  parseWebhook,
  confirmWebhook,
  verifyWebhookSignature,
  signWebhook,
  normalizeStatus,
  isTerminalStatus,
  retryDecision,
} = loaded.api
/** The back end: always 'wasm' here ('napi' in the `alexpay` package where its native addon loads). */
export const backend = 'wasm'
