// alexpay-wasm for bundlers with WebAssembly ESM integration (webpack 5
// `experiments.asyncWebAssembly`, Vite with a wasm plugin): the module is
// instantiated at import, so init() and initSync() resolve at once.
import * as glue from '../pkg/bundler/alexpay_wasm.js'
import { createAlexpay } from './facade.mjs'

const api = createAlexpay(glue)

export async function init() {}
export function initSync() {}
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
} = api
export const errorCodes = api.errorCodes
/** The back end: always 'wasm' here ('napi' in the `alexpay` package where its native addon loads). */
export const backend = 'wasm'
