// The sides of a JavaScript payout round trip (one POST of a mobile-money
// payout, one GET of its status check), all over Node's global fetch (one
// undici pool, so connection reuse is the same on every side):
// - driver: the facade's one-call flows, `client.sendMobileMoneyPayout()`
//   then `client.waitForPayout(id, { timeoutMs: 0 })` (exactly one status
//   check), on the napi package `alexpay` and on `alexpay-wasm`;
// - hand: the same two requests written by hand, headers and body as
//   literals, `response.json()` to parse, a timeout signal per request as the
//   driver has.
// Each factory returns `roundTrip()` resolving to `[payoutId, status]`.

export const PAYOUT = { amount: 2500, countryId: 'GH', phoneNumber: '233241234561', narration: 'Salary for June' }
// The JSON the core builds for PAYOUT, in its field order.
const BODY = JSON.stringify({ amount: 2500, countryId: 'GH', transfer_to: 'mobile_number', momo_phone_number: '233241234561', narration: 'Salary for June' })
const TIMEOUT_MS = 30_000
const PROCESS_PATH = '/v1/payment/payouts/process'

export function driver(sdk, baseUrl, publicKey, secretKey) {
  const client = new sdk.Client({ publicKey, secretKey, baseUrl, requestTimeoutMs: TIMEOUT_MS })
  return async function roundTrip() {
    const sent = await client.sendMobileMoneyPayout(PAYOUT)
    const checked = await client.waitForPayout(sent.payoutId, { timeoutMs: 0 })
    return [checked.payoutId, checked.status]
  }
}

export function hand(userAgent, baseUrl, publicKey, secretKey) {
  const getHeaders = { 'public-key': publicKey, 'secret-key': secretKey, 'user-agent': userAgent, accept: 'application/json' }
  const postHeaders = { ...getHeaders, 'content-type': 'application/json' }
  return async function roundTrip() {
    const sent = await fetch(baseUrl + PROCESS_PATH, { method: 'POST', headers: postHeaders, body: BODY, signal: AbortSignal.timeout(TIMEOUT_MS) })
    const payoutId = (await sent.json()).data.payout_id
    const checked = await fetch(`${baseUrl}/v1/payment/${payoutId}/check`, { headers: getHeaders, signal: AbortSignal.timeout(TIMEOUT_MS) })
    return [payoutId, (await checked.json()).data.status]
  }
}

/** Every side, by name. */
export function sides(sdks, baseUrl, publicKey, secretKey) {
  return {
    'napi driver': driver(sdks.napi, baseUrl, publicKey, secretKey),
    'wasm driver': driver(sdks.wasm, baseUrl, publicKey, secretKey),
    // The one constant taken from the SDK, once: the User-Agent it sends.
    'fetch hand': hand(new sdks.napi.Client({ publicKey, secretKey, baseUrl }).userAgent, baseUrl, publicKey, secretKey),
  }
}
