// A bank payout over undici's fetch (connection pools, proxies, mTLS), with
// the errors a payments service handles. Run against the local sandbox:
//
//   make sandbox   # prints ALEXPAY_BASE_URL / ALEXPAY_PUBLIC_KEY / ALEXPAY_SECRET_KEY
//   ALEXPAY_BASE_URL=... ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... npx tsx examples/payout-undici.mts
import { fetch } from 'undici'
import { AlexpayError, Client, type FetchLike } from 'alexpay'

const client = new Client({
  publicKey: process.env.ALEXPAY_PUBLIC_KEY ?? '',
  secretKey: process.env.ALEXPAY_SECRET_KEY ?? '',
  baseUrl: process.env.ALEXPAY_BASE_URL ?? '',
  fetch: fetch as unknown as FetchLike,
})

try {
  const payout = await client.sendBankPayout(
    { amount: 2500, countryId: 'NG', bankId: '044', accountNumber: process.env.ALEXPAY_ACCOUNT_NUMBER ?? '0123456781' },
    { wait: true, timeoutMs: 30_000 },
  )
  console.log(payout.payoutId, payout.status, payout.status === 'failed' ? (payout.message ?? '') : '')
  process.exitCode = payout.status === 'failed' ? 1 : 0
} catch (error) {
  if (!(error instanceof AlexpayError)) throw error
  if (error.code === 'outcome_unknown') {
    // The payout may exist: never resend it. Follow it when Alexpay named it.
    console.error('reconcile:', error.payoutId ?? '(no id: use the dashboard)', error.message)
    process.exitCode = 2
  } else {
    // A definite refusal (nothing was created), or connection_failed (nothing was delivered).
    console.error(error.code, error.message)
    process.exitCode = 3
  }
}
