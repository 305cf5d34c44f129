// ESM entry: re-exports the CommonJS module, so `import` and `require` share
// one set of classes (`instanceof AlexpayError` holds across both).
import alexpay from './index.js'

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
  backend,
} = alexpay

export default alexpay
