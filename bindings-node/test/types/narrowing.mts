// Compiled by `tsc -p test/types` (scripts/test-node.sh): the declaration
// narrows where the value is known, and refuses what cannot be.
import { AlexpayError, Client, retryDecision, type PayoutResult } from 'alexpay'

export async function narrowing(client: Client): Promise<void> {
  try {
    const r: PayoutResult = await client.sendMobileMoneyPayout({ amount: 1, countryId: 'GH' })
    if (r.status === 'failed') {
      const why: string | undefined = r.message
      void why
    }
    // @ts-expect-error only a failed result has a message
    void r.message
  } catch (err) {
    if (err instanceof AlexpayError) {
      if (err.family === 'api') {
        const status: number = err.httpStatus
        void status
      } else {
        const none: undefined = err.httpStatus
        void none
      }
      // @ts-expect-error httpStatus is a number only when the family is api
      const maybe: number = err.httpStatus
      void maybe
    }
  }
  const d = retryDecision({ operation: 'payout', attempt: 1, httpStatus: 503 })
  if (d.action === 'retry') {
    const ms: number = d.delayMs
    void ms
  } else {
    const zero: 0 = d.delayMs
    void zero
  }
}
