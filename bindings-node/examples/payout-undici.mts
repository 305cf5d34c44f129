// A bank payout sent with undici's request() (no WHATWG fetch), then one
// status check. Run against the local sandbox (`make sandbox`):
//
//   ALEXPAY_BASE_URL=http://127.0.0.1:8089 ALEXPAY_PUBLIC_KEY=pk_test_sandbox \
//     ALEXPAY_SECRET_KEY=sk_test_sandbox npx tsx examples/payout-undici.mts
//
// Without ALEXPAY_BASE_URL it only builds the request and prints it.
import { request as undiciRequest } from 'undici'
import {
  AlexpayError,
  Client,
  parsePayoutResponse,
  parseStatusResponse,
  retryDecision,
  type HttpRequest,
} from 'alexpay'

const baseUrl = process.env.ALEXPAY_BASE_URL
const client = new Client({
  publicKey: process.env.ALEXPAY_PUBLIC_KEY ?? 'pk_test_sandbox',
  secretKey: process.env.ALEXPAY_SECRET_KEY ?? 'sk_test_sandbox',
  baseUrl: baseUrl ?? 'http://127.0.0.1:8089',
  userAgent: 'payout-undici-example/1.0',
})

async function send(request: HttpRequest): Promise<{ status: number; body: Uint8Array }> {
  const response = await undiciRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  })
  return { status: response.statusCode, body: new Uint8Array(await response.body.arrayBuffer()) }
}

let request: HttpRequest
try {
  request = client.bankPayout({
    amount: 75_000,
    countryId: 'NG',
    bankId: '044',
    accountNumber: '0123456781',
    narration: 'Invoice 2024-117',
    webhookUrl: 'https://merchant.example/hooks/alexpay',
  })
} catch (e) {
  // Validation errors name the field as you wrote it (e.g. accountNumber).
  if (e instanceof AlexpayError) console.error(`invalid ${e.field}: ${e.message}`)
  throw e
}
console.log('built request:', request)

if (!baseUrl) {
  console.log('ALEXPAY_BASE_URL is not set: nothing sent (start the sandbox with `make sandbox`).')
  process.exit(0)
}

let answer: { status: number; body: Uint8Array }
try {
  answer = await send(request)
} catch (e) {
  // One attempt only here: the policy says whether a second one is safe.
  const decision = retryDecision({ operation: 'payout', attempt: 1, transportError: 'connection_lost' })
  console.error(`transport error (${(e as Error).message}); policy: ${decision.action} - ${decision.reason}`)
  process.exit(1)
}

try {
  const payout = parsePayoutResponse(answer.status, answer.body)
  console.log('payout accepted:', payout)
  const check = await send(client.statusCheck(payout.payoutId))
  const report = parseStatusResponse(check.status, check.body)
  console.log(`status: ${report.status} (raw ${report.rawStatus}), charge ${report.charge ?? 'n/a'} ${report.currency ?? ''}`)
} catch (e) {
  if (!(e instanceof AlexpayError)) throw e
  // The policy for the payout's own answer, read with the same parser.
  const decision = retryDecision({ operation: 'payout', attempt: 1, httpStatus: answer.status, body: answer.body })
  console.error(`${e.code}: ${e.message}; policy: ${decision.action}`)
  process.exitCode = 1
}
