// Where receivers remember the deliveries they handled. Webhooks arrive at
// least once; `webhookId` names a delivery. Swap MemoryStore for your database
// (a unique index on the id) in production: memory forgets on restart and is
// not shared between processes.
export interface DeliveryStore {
  /** True the first time `webhookId` is seen (always for an undefined id). */
  firstTime(webhookId: string | undefined): boolean
}

export class MemoryStore implements DeliveryStore {
  readonly #seen = new Set<string>()
  firstTime(webhookId: string | undefined): boolean {
    if (webhookId === undefined) return true
    if (this.#seen.has(webhookId)) return false
    this.#seen.add(webhookId)
    return true
  }
}
