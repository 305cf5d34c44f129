// alexpay-wasm in Node (ES modules): the same objects as the CommonJS entry.
import api from './node.cjs'

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
  errorCodes,
  init,
  initSync,
  backend,
} = api
export default api
