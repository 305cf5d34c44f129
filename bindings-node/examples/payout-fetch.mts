// A mobile-money payout sent with the global fetch (Node 18+), then polled
// until it is final. Run against the local sandbox:
//
//   make sandbox   # prints ALEXPAY_BASE_URL / ALEXPAY_PUBLIC_KEY / ALEXPAY_SECRET_KEY
//   ALEXPAY_BASE_URL=http://127.0.0.1:8089 ALEXPAY_PUBLIC_KEY=pk_test_sandbox \
//     ALEXPAY_SECRET_KEY=sk_test_sandbox npx tsx examples/payout-fetch.mts
//
// ALEXPAY_AMOUNT, ALEXPAY_PHONE_NUMBER, ALEXPAY_COUNTRY_ID and ALEXPAY_WEBHOOK_URL
// are optional.
// Without ALEXPAY_BASE_URL it only builds the request and prints it.
import {
  AlexpayError,
  Client,
  PayoutTracker,
  parsePayoutResponse,
  parseStatusResponse,
  retryDecision,
  type HttpRequest,
  type Operation,
  type Payout,
  type RetryDecision,
  type StatusReport,
  type TransportError,
} from 'alexpay'

const baseUrl = process.env.ALEXPAY_BASE_URL
const client = new Client({
  publicKey: process.env.ALEXPAY_PUBLIC_KEY ?? 'pk_test_sandbox',
  secretKey: process.env.ALEXPAY_SECRET_KEY ?? 'sk_test_sandbox',
  baseUrl: baseUrl ?? 'http://127.0.0.1:8089',
})

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** How a fetch failure maps onto the retry policy's transport errors. */
function transportError(error: unknown): TransportError {
  const e = error as { name?: string; cause?: { code?: string } }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout'
  const code = e.cause?.code
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return 'connect' // nothing was sent
  }
  return 'connection_lost' // it may have arrived
}

/**
 * Sends a built request and parses the answer, obeying the SDK's retry
 * policy: a payout whose outcome is unknown is NEVER sent again.
 */
async function send<T>(operation: Operation, request: HttpRequest, parse: (status: number, body: Uint8Array) => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let decision: RetryDecision
    let failure: unknown
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(15_000),
      })
      const body = new Uint8Array(await response.arrayBuffer())
      try {
        return parse(response.status, body)
      } catch (e) {
        if (!(e instanceof AlexpayError) || e.family !== 'api') throw e
        failure = e
        const retryAfter = Number(response.headers.get('retry-after'))
        decision = retryDecision({
          operation,
          attempt,
          httpStatus: response.status,
          body, // read with the same parser: the decision never disagrees with it
          retryAfterSecs: Number.isInteger(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
        })
      }
    } catch (e) {
      if (e instanceof AlexpayError) throw e
      failure = e
      decision = retryDecision({ operation, attempt, transportError: transportError(e) })
    }
    if (decision.action === 'retry') {
      console.warn(`attempt ${attempt} failed (${decision.reason}); retrying in ${decision.delayMs} ms`)
      await sleep(decision.delayMs)
      continue
    }
    if (decision.action === 'do_not_resend') {
      // The payout may exist: reconcile (webhook, status check, dashboard), never resend.
      const payoutId = failure instanceof AlexpayError ? failure.payoutId : undefined
      console.error(`outcome unknown${payoutId ? ` (payout ${payoutId})` : ''}: ${decision.reason}`)
    }
    throw failure
  }
}

// Validation happens here, before anything is sent; an AlexpayError names the
// field as you wrote it (amount, phoneNumber, ...).
let request: HttpRequest
try {
  request = client.mobileMoneyPayout({
    amount: Number(process.env.ALEXPAY_AMOUNT ?? 100), // a non-integer is refused (invalid_amount)
    countryId: process.env.ALEXPAY_COUNTRY_ID ?? 'GH',
    phoneNumber: process.env.ALEXPAY_PHONE_NUMBER ?? '+233 24 123 4561',
    narration: 'Example payout',
    webhookUrl: process.env.ALEXPAY_WEBHOOK_URL, // e.g. the webhook-express example
  })
} catch (e) {
  if (!(e instanceof AlexpayError)) throw e
  console.error(`not sent: ${e.code} (${e.field}): ${e.message}`)
  process.exit(1)
}
console.log('built request:', request) // the secret-key header prints as [REDACTED]

if (!baseUrl) {
  console.log('ALEXPAY_BASE_URL is not set: nothing sent (start the sandbox with `make sandbox`).')
  process.exit(0)
}

try {
  const payout: Payout = await send('payout', request, parsePayoutResponse)
  console.log('payout accepted:', payout)

  const tracker = new PayoutTracker(payout.payoutId)
  tracker.observe(payout)
  for (let attempt = 0; attempt < 10; attempt++) {
    const delay = tracker.nextPollDelayMs(attempt, Math.random())
    if (delay === null) break // final
    await sleep(delay)
    const report: StatusReport = await send('status_check', client.statusCheck(payout.payoutId), parseStatusResponse)
    console.log(`status check: ${report.status} (${report.rawStatus}) -> ${tracker.observe(report)}`)
  }
  console.log(`payout ${tracker.payoutId} is ${tracker.status}`)
} catch (e) {
  if (!(e instanceof AlexpayError)) throw e
  switch (e.code) {
    case 'authentication_failed':
      console.error('check ALEXPAY_PUBLIC_KEY / ALEXPAY_SECRET_KEY:', e.message)
      break
    case 'request_rejected':
      console.error(`Alexpay refused the payout (${e.apiCode ?? e.httpStatus}): ${e.apiMessage ?? e.message}`)
      break
    case 'rate_limited':
    case 'server_error':
    case 'unexpected_response':
      console.error(`gave up (${e.code}, retryable=${e.retryable}): ${e.message}`)
      break
    default:
      console.error(`${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`)
  }
  process.exitCode = 1
}
