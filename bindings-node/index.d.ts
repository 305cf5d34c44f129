// Types of the one JavaScript facade (facade/*.js), shipped by both
// `alexpay` (napi) and `alexpay-wasm` (which adds only init/initSync):
// docs/API.md, the JavaScript column. It needs no Node types.

/** The normalised payout status. */
export type PayoutStatus = 'pending' | 'succeeded' | 'failed' | 'unknown'

/**
 * What `PayoutTracker.observe` did with an observation. `needs_confirmation`:
 * a webhook event claims a final status, which is not applied until a status
 * check (or `confirmWebhook`'s `Confirmation`) confirms it.
 */
export type ObserveResult = 'changed' | 'unchanged' | 'ignored' | 'needs_confirmation'

/** The family an error code belongs to. */
export type ErrorFamily = 'validation' | 'api' | 'webhook' | 'conflict' | 'flow'

/** Every stable error code (docs/errors.md). */
export type ErrorCode =
  | 'invalid_credentials'
  | 'invalid_base_url'
  | 'invalid_user_agent'
  | 'invalid_amount'
  | 'invalid_country_id'
  | 'invalid_phone_number'
  | 'missing_bank_details'
  | 'invalid_bank_details'
  | 'invalid_narration'
  | 'invalid_webhook_url'
  | 'invalid_payout_id'
  | 'invalid_webhook_secret'
  | 'invalid_argument'
  | 'not_initialized'
  | 'authentication_failed'
  | 'not_found'
  | 'request_rejected'
  | 'rate_limited'
  | 'server_error'
  | 'unexpected_response'
  | 'response_too_large'
  | 'webhook_malformed'
  | 'webhook_signature_invalid'
  | 'webhook_timestamp_out_of_range'
  | 'webhook_mismatch'
  | 'webhook_too_large'
  | 'status_conflict'
  | 'payout_id_mismatch'
  | 'outcome_unknown'
  | 'connection_failed'
  | 'cancelled'

/** What every `AlexpayError` carries. */
export interface AlexpayErrorFields extends Error {
  readonly name: 'AlexpayError'
  /** The core's stable code: branch on this, never on the message. */
  readonly code: ErrorCode
  /** The argument concerned, as you wrote it (`phoneNumber`, `webhook-signature`); absent when none. */
  readonly field?: string
  /** True only when resending the very same request is safe and may help. */
  readonly retryable: boolean
  /** For API errors: Alexpay's own `code` from the response envelope. */
  readonly apiCode?: string
  /** For API errors: Alexpay's own `message` from the response envelope. */
  readonly apiMessage?: string
  /** A payout id the failed answer carried, or the payout an `outcome_unknown` is about. That payout may exist: reconcile, never resend. */
  readonly payoutId?: string
  /** For `outcome_unknown`: the answer or failure that left the outcome open. */
  readonly cause?: AlexpayError
  /** For errors from `handleWebhook`: the HTTP status to answer the sender with (400, 401 or 503). */
  readonly receiverStatus?: number
}

/** An error about an answer Alexpay (or something in front of it) gave: it has the HTTP status. */
export interface ApiAlexpayError extends AlexpayErrorFields {
  readonly family: 'api'
  /** The HTTP status received. */
  readonly httpStatus: number
}

/** Every other error (validation, webhook, conflict, flow): no HTTP status. */
export interface OtherAlexpayError extends AlexpayErrorFields {
  readonly family: Exclude<ErrorFamily, 'api'>
  readonly httpStatus?: undefined
}

/**
 * Every error the SDK raises on purpose (a wrong JavaScript type raises a
 * `TypeError` instead; numbers out of range are `invalid_argument` errors).
 * Never carries the secret key. A union on
 * `family`: `err.family === 'api'` narrows `httpStatus` to a number.
 */
export type AlexpayError = ApiAlexpayError | OtherAlexpayError
export declare const AlexpayError: {
  new (message: string, details?: AlexpayErrorDetails): AlexpayError
  readonly prototype: AlexpayError
}

export interface AlexpayErrorDetails {
  code: ErrorCode
  family: ErrorFamily
  field?: string | null
  httpStatus?: number | null
  retryable?: boolean
  apiCode?: string | null
  apiMessage?: string | null
  payoutId?: string | null
}

/** Options for `new Client()`. */
export interface ClientConfig {
  publicKey: string
  /** Sent in the `secret-key` header only; never shown by inspect, JSON.stringify or errors. */
  secretKey: string
  /** Required (Alexpay publishes none): https, or http to loopback only. */
  baseUrl: string
  /** Defaults to `alexpay-sdk/<version>`. */
  userAgent?: string
  /**
   * The largest response or webhook body read: a whole number from 1 to 1 GiB
   * (default 1 MiB). A longer body is refused unread (`response_too_large`,
   * `webhook_too_large` with `receiverStatus` 413); the drivers stop reading there.
   */
  maxBodyBytes?: number
  /** Any fetch-compatible function (undici's, a proxying one); default `globalThis.fetch`. */
  fetch?: FetchLike
  /** How long one HTTP request may take (default 30000). */
  requestTimeoutMs?: number
  /** For tests and custom schedulers: milliseconds from any fixed origin (default `performance.now`). */
  clock?: () => number
  /** For tests and custom schedulers: resolves after `ms` (or when `signal` aborts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** The part of `fetch` the drivers use. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; redirect: 'manual'; signal: AbortSignal },
) => Promise<FetchResponseLike>

/** The part of a fetch `Response` the drivers read. */
export interface FetchResponseLike {
  readonly status: number
  readonly type?: string
  readonly headers: { forEach(callback: (value: string, name: string) => void): void }
  arrayBuffer(): Promise<ArrayBuffer>
}

/** Options of `sendMobileMoneyPayout` / `sendBankPayout`. */
export interface SendOptions {
  /** Follow the payout to a final status (default false: resolve once Alexpay accepted it). */
  wait?: boolean
  /** With `wait`: how long to follow it (default 60000); `pending` after that. */
  timeoutMs?: number
  /**
   * Aborting ends the flow with what its state allows: a payout request that
   * may have reached Alexpay rejects with `outcome_unknown`, never silently.
   */
  signal?: AbortSignal
}

export interface WaitOptions {
  /** How long to follow the payout (default 60000; 0: one status check). */
  timeoutMs?: number
  signal?: AbortSignal
}

export interface WebhookOptions {
  /** A Standard Webhooks secret (`whsec_...`): verify the signature first. */
  secret?: string
  /** Unix ms (or a Date) to verify against; default `Date.now()`. */
  now?: number | Date
  toleranceSecs?: number
  /** Time for the status check (default 10000). */
  timeoutMs?: number
  signal?: AbortSignal
}

/** A payout Alexpay accepted: a discriminated union on `status`. */
export type PayoutResult =
  | {
      payoutId: string
      /** `pending`: not final yet (the wait ended, or you did not ask to wait). */
      status: 'succeeded' | 'pending'
      /** The latest status report, or null when no status check answered. */
      report: StatusReport | null
    }
  | {
      payoutId: string
      status: 'failed'
      report: StatusReport | null
      /** Alexpay's words for the failure, when it gave any. */
      message?: string
    }

/** The truth about the payout a webhook names, from a status check. */
export interface WebhookResult {
  payoutId: string
  /** The status check's status: the truth. */
  status: PayoutStatus
  rawStatus: string
  /** What the event claimed; absent for an id-only event. */
  eventStatus?: PayoutStatus
  /** The claim differs from the truth (out of order, redelivered): answer 2xx anyway. */
  stale: boolean
  /** `webhook-id` / `svix-id`: de-duplicate deliveries by it. */
  webhookId?: string
  report: StatusReport
  event: WebhookEvent
}

/** A webhook delivery: a fetch `Request` (Workers, Deno, Bun, Hono, Next.js) or its raw body and headers (Node http, Express with express.raw, Fastify). */
export type WebhookInput = { arrayBuffer(): Promise<ArrayBuffer>; headers: { forEach(cb: (value: string, name: string) => void): void } } | { body: Body; headers: WebhookHeaders }

/** A payout to a mobile-money wallet. */
export interface MobileMoneyPayoutArgs {
  /** A whole number from 1 to 2^53 - 1 (`Number.MAX_SAFE_INTEGER`). */
  amount: number
  countryId: string
  /** Leave out to credit the merchant's own wallet; an empty string is an error. */
  phoneNumber?: string
  narration?: string
  webhookUrl?: string
}

/** A payout to a bank account. */
export interface BankPayoutArgs {
  /** A whole number from 1 to 2^53 - 1 (`Number.MAX_SAFE_INTEGER`). */
  amount: number
  countryId: string
  bankId: string
  accountNumber: string
  narration?: string
  webhookUrl?: string
}

/**
 * A built request as plain data: `fetch(request.url, request)` or
 * `fetch(url, { method, headers, body })` accepts it as it is. Logging it
 * (inspect, JSON.stringify) shows the secret-key header as `[REDACTED]`.
 */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  /** Lowercase names, in the core's fixed order. */
  headers: Record<string, string>
  /** The exact JSON bytes; `undefined` for GET. */
  body?: Uint8Array<ArrayBuffer>
}

/** A validated configuration: one-call flows over fetch, and request builders. */
export declare class Client {
  constructor(config: ClientConfig)
  readonly publicKey: string
  /** Without trailing slashes. */
  readonly baseUrl: string
  readonly userAgent: string
  /** The body cap in effect (the configured one, or the default 1 MiB). */
  readonly maxBodyBytes: number
  /** `POST {baseUrl}/v1/payment/payouts/process` to a mobile-money wallet. */
  mobileMoneyPayout(args: MobileMoneyPayoutArgs): HttpRequest
  /** `POST {baseUrl}/v1/payment/payouts/process` to a bank account. */
  bankPayout(args: BankPayoutArgs): HttpRequest
  /** `GET {baseUrl}/v1/payment/{payoutId}/check`, without a body. */
  statusCheck(payoutId: string): HttpRequest
  /**
   * Sends a mobile-money payout and, with `{ wait: true }`, follows it to a
   * final status. The payout request is sent again only when nothing can have
   * been created (a refused connection, a 429 naming no payout). Rejects with
   * `AlexpayError`: `outcome_unknown` (the payout may exist: never resend it;
   * `payoutId` when known), a definite refusal's code (`authentication_failed`,
   * `request_rejected`, ...), or `connection_failed` (nothing was delivered).
   */
  sendMobileMoneyPayout(args: MobileMoneyPayoutArgs, options?: SendOptions): Promise<PayoutResult>
  /** Sends a bank payout; as `sendMobileMoneyPayout`. */
  sendBankPayout(args: BankPayoutArgs, options?: SendOptions): Promise<PayoutResult>
  /** Follows a known payout (reconciliation, after `outcome_unknown` with a `payoutId`). */
  waitForPayout(payoutId: string, options?: WaitOptions): Promise<PayoutResult>
  /**
   * Handles one webhook delivery: verified when `secret` is given, then
   * confirmed by a status check. Stale, duplicate and id-only events resolve
   * (answer 2xx); rejections carry `receiverStatus`.
   */
  handleWebhook(input: WebhookInput, options?: WebhookOptions): Promise<WebhookResult>
  /** Never includes the secret key. */
  toJSON(): { publicKey: string; baseUrl: string; userAgent: string; maxBodyBytes: number }
}

/** A raw HTTP body: bytes as received, or text (encoded as UTF-8). Never a parsed object. */
export type Body = Uint8Array | ArrayBufferView | ArrayBuffer | SharedArrayBuffer | string

/** The answer to a payout initiation. */
export interface Payout {
  payoutId: string
  amount?: number
  status: PayoutStatus
  rawStatus: string
  message?: string
}

/** The answer to a status check. */
export interface StatusReport {
  id: string
  reference?: string
  amount?: number
  charge?: number
  currency?: string
  status: PayoutStatus
  rawStatus: string
  environment?: string
  type?: string
  method?: string
  operator?: string
  narration?: string
  isDisbursed?: boolean
  createdAt?: string
  updatedAt?: string
}

/** A webhook as Alexpay sent it. Confirm it with a status check before acting on it. */
export interface WebhookEvent {
  payoutId: string
  reference?: string
  status: PayoutStatus
  rawStatus: string
  amount?: number
  /** The body exactly as received (UTF-8 text). */
  raw: string
}

/** A webhook confirmed by the status check: the values to act on (the report's). */
export interface Confirmation {
  payoutId: string
  status: PayoutStatus
  rawStatus: string
  amount?: number
  /** The status the event claimed; absent for an id-only event. */
  eventStatus?: PayoutStatus
  /**
   * The event's status differs from the report's (out of order or
   * redelivered). A normal result, not an error: answer 2xx and act on `status`.
   */
  stale: boolean
}

/** Parses Alexpay's answer to `mobileMoneyPayout`/`bankPayout`. Throws `AlexpayError` (family `api`) on failures. */
export declare function parsePayoutResponse(httpStatus: number, body: Body): Payout

/** Parses Alexpay's answer to `statusCheck`. Throws `AlexpayError` (family `api`) on failures. */
export declare function parseStatusResponse(httpStatus: number, body: Body): StatusReport

/** Parses a webhook from its raw body (a parsed object is refused: the raw body is needed). */
export declare function parseWebhook(body: Body): WebhookEvent

/**
 * Confirms a webhook against the status check fetched for its payout: the
 * report is the truth. A different status is `stale` (not an error); the
 * event's payout id naming another payout (its `reference` is never matched)
 * or a different amount throws `webhook_mismatch`.
 */
export declare function confirmWebhook(event: WebhookEvent, report: StatusReport): Confirmation

/** Webhook request headers, matched case-insensitively. */
export type WebhookHeaders =
  | Headers
  | Map<string, string>
  | ReadonlyArray<readonly [string, string]>
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>

/**
 * Verifies a signed webhook (Standard Webhooks, HMAC-SHA256; opt-in: Alexpay
 * documents no signature). `now` is Unix **seconds** from your clock;
 * `toleranceSecs` defaults to 300. Returns nothing or throws `AlexpayError`.
 */
export declare function verifyWebhookSignature(
  secret: string,
  headers: WebhookHeaders,
  body: Body,
  now: number,
  toleranceSecs?: number,
): void

/** Signs a webhook body (senders, tests): the `webhook-signature` header value `v1,<base64>`. */
export declare function signWebhook(secret: string, id: string, timestamp: number, body: Body): string

/** Normalises one of Alexpay's raw status spellings. */
export declare function normalizeStatus(raw: string): PayoutStatus

/** True for succeeded and failed (raw or normalised spellings). */
export declare function isTerminalStatus(status: string): boolean

/** What `PayoutTracker.observe` accepts. */
export type Observation = Payout | StatusReport | WebhookEvent | Confirmation | string

/** Folds every observation of one payout into one status that never leaves a terminal state. */
export declare class PayoutTracker {
  constructor(payoutId: string)
  readonly payoutId: string
  /** `pending` until something says otherwise. */
  readonly status: PayoutStatus
  /** The raw status of the last change (`""` before any). */
  readonly rawStatus: string
  readonly isTerminal: boolean
  /**
   * A `WebhookEvent` (the object with `raw`) is a hint matched by its
   * `payoutId` only; a final status it claims returns `needs_confirmation`
   * and is not applied. Throws `AlexpayError` `payout_id_mismatch` for another
   * payout's object and `status_conflict` for a second, different terminal
   * outcome.
   */
  observe(observation: Observation): ObserveResult
  /** Delay before the next status poll (attempt from 0, jitter in [0, 1]); `null` once terminal. */
  nextPollDelayMs(attempt: number, jitter: number): number | null
  toJSON(): { payoutId: string; status: PayoutStatus; rawStatus: string; isTerminal: boolean }
}

export type Operation = 'payout' | 'status_check'

/** `connect`: nothing was sent. `timeout`/`connection_lost`: the request may have arrived. */
export type TransportError = 'connect' | 'timeout' | 'connection_lost'

export interface RetryInput {
  operation: Operation
  /** The attempt that just failed, from 1. */
  attempt: number
  /** Give either `httpStatus` or `transportError`. */
  httpStatus?: number
  /**
   * The answer's raw body, read with the operation's parser. Absent counts as
   * empty: a payout 2xx without its body is `do_not_resend`.
   */
  body?: Body
  transportError?: TransportError
  /** A `Retry-After` header in seconds, if the answer had one. */
  retryAfterSecs?: number
}

export type RetryAction = 'retry' | 'stop' | 'do_not_resend'

/** What to do after an attempt: a discriminated union on `action`. */
export type RetryDecision =
  | {
      /** Send the same request again after `delayMs`. */
      action: 'retry'
      delayMs: number
      reason: string
    }
  | {
      /** `stop`: the answer is final. `do_not_resend`: the payout may exist; never send it again, reconcile instead. */
      action: 'stop' | 'do_not_resend'
      delayMs: 0
      reason: string
    }

/** The retry policy as data: what to do after an attempt (give the answer's `body`). */
export declare function retryDecision(input: RetryInput): RetryDecision

/** Every error code, at run time (the `ErrorCode` union as a list). */
export declare const errorCodes: readonly ErrorCode[]

/**
 * The back end in use: `'napi'`, the native addon of this platform (package
 * `alexpay`), or `'wasm'`, the WebAssembly build (`alexpay-wasm`, and
 * `alexpay` where no native addon loads).
 */
export declare const backend: 'napi' | 'wasm'
