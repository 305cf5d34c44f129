// ------------------------------------------------------------------ the drivers
// Run the core's flows over fetch: the only I/O in the package. The flow
// decides everything (what to send, whether a retry is safe, when to stop);
// the driver calls fetch, sleeps, reads the clock and honours AbortSignal.


/** Error codes (Node/undici `cause.code`, Bun `code`) that prove the request
 * was never written: nothing reached Alexpay. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET_CONNECT',
  'ConnectionRefused',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

function connectPhase(error) {
  if (!error || typeof error !== 'object') return false
  if (CONNECT_CODES.has(error.code) || error.name === 'ConnectTimeoutError') return true
  // Happy eyeballs: every address refused.
  if (Array.isArray(error.errors) && error.errors.length > 0) return error.errors.every(connectPhase)
  return false
}

/**
 * How a failed fetch failed, conservatively: `connect` only when the error
 * proves nothing was sent (refused, DNS, TLS before the request); our own
 * timeout is `timeout`; everything else, including the opaque
 * "Failed to fetch" of browsers, may have arrived: `connection_lost`.
 */
function transportKind(error) {
  if (error && error.name === 'TimeoutError') return 'timeout'
  if (connectPhase(error) || connectPhase(error && error.cause)) return 'connect'
  // Deno (hyper) names the phase in its message.
  if (error instanceof TypeError && /client error \(Connect\)/.test(String(error.message))) return 'connect'
  return 'connection_lost'
}

function anySignal(signals) {
  const live = signals.filter(Boolean)
  if (live.length === 1) return live[0]
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(live)
  const controller = new AbortController()
  for (const s of live) {
    if (s.aborted) controller.abort(s.reason)
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true })
  }
  return controller.signal
}

/** A timer that cannot keep the process alive (Node) and is always cleared. */
function timeoutSignal(ms) {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms)
  const controller = new AbortController()
  const t = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms)
  if (t && typeof t.unref === 'function') t.unref()
  return controller.signal
}

function realSleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      if (signal) signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    if (signal) signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * A body's bytes, but never more than `limit` + 1 of them: a longer body is
 * cut there and the rest left unread (the core refuses it unread, so reading
 * on would only hold memory). Streams chunk by chunk when it can.
 */
async function readCapped(message, limit) {
  const stream = message.body
  if (!stream || typeof stream.getReader !== 'function') {
    const all = new Uint8Array(await message.arrayBuffer())
    return all.length > limit + 1 ? all.subarray(0, limit + 1) : all
  }
  const reader = stream.getReader()
  const chunks = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    total += value.length
    if (total > limit) {
      reader.cancel().catch(() => {})
      break
    }
  }
  const out = new Uint8Array(Math.min(total, limit + 1))
  let at = 0
  for (const c of chunks) {
    const part = c.subarray(0, out.length - at)
    out.set(part, at)
    at += part.length
    if (at === out.length) break
  }
  return out
}

/** One request, answered as `[status, headers (flat), body bytes]`, or thrown. */
async function exchange(fetchFn, slots, signal, maxBodyBytes) {
  const id = slots[1]
  const timeoutMs = slots[3]
  const request = makeRequest(slots, 4)
  const init = { method: request.method, headers: request.headers, redirect: 'manual', signal: anySignal([signal, timeoutSignal(timeoutMs)]) }
  if (request.body !== undefined) init.body = request.body
  const response = await fetchFn(request.url, init)
  // A browser hides a manual redirect (status 0): it arrived, we cannot say more.
  if (response.type === 'opaqueredirect' || response.status < 100 || response.status > 599) {
    throw new TypeError(`alexpay: an unreadable answer (type ${response.type}, status ${response.status})`)
  }
  const headers = []
  response.headers.forEach((value, name) => headers.push(name, value))
  const body = await readCapped(response, maxBodyBytes)
  return { id, status: response.status, headers, body }
}

/**
 * Releases a finished flow's (or a read failure's) native memory now. A wasm
 * flow otherwise waits for the garbage collector and a FinalizationRegistry
 * callback, which see only a small JS wrapper: payouts in a loop over an
 * in-memory fetch grew the module's memory ~5 KB per round trip without bound
 * (past ~15,000 each round trip slowed from ~0.2 ms to ~10 ms); over a fetch
 * that yields to the event loop it still held ~17 MB instead of ~4 MB.
 * (napi flows have no free: their memory goes with the wrapper.)
 */
function release(handle) {
  if (typeof handle.free === 'function') handle.free()
}

/** Drives `flow` to done. `host` = { fetch, clock, sleep, signal, maxBodyBytes }. */
async function drive(flow, host) {
  const { clock, signal } = host
  for (;;) {
    const slots = flow.next(clock())
    if (slots[0] === 'done') return
    if (signal && signal.aborted) {
      flow.cancel(clock())
      continue
    }
    if (slots[0] === 'wait') {
      await host.sleep(Math.max(0, slots[1] - clock()), signal)
      continue
    }
    let answer
    try {
      answer = await exchange(host.fetch, slots, signal, host.maxBodyBytes)
    } catch (error) {
      if (signal && signal.aborted) {
        flow.cancel(clock())
        continue
      }
      call(() => flow.onTransportError(slots[1], clock(), transportKind(error)))
      continue
    }
    call(() => flow.onResponse(answer.id, clock(), answer.status, answer.headers, answer.body))
  }
}

/** An AlexpayError from a failure record, chaining what left it open. */
function flowError(flow, extra) {
  const failure = flow.outcomeError()
  const error = fromFailure(failure)
  release(failure)
  const cause = flow.outcomeCause()
  if (cause) {
    error.cause = fromFailure(cause)
    release(cause)
  }
  Object.assign(error, extra)
  return error
}

function payoutResult(flow) {
  try {
    return readPayoutResult(flow)
  } finally {
    release(flow)
  }
}

function readPayoutResult(flow) {
  const [kind, payoutId, message] = flow.outcome()
  if (kind === 'rejected' || kind === 'unknown') {
    throw flowError(flow, payoutId === null || payoutId === undefined ? {} : { payoutId })
  }
  const report = flow.outcomeReport()
  const result = { payoutId, status: kind, report: report ? statusReportFrom(report) : null }
  if (message !== null && message !== undefined) result.message = message
  return result
}

function webhookResult(flow, body) {
  try {
    return readWebhookResult(flow, body)
  } finally {
    release(flow)
  }
}

function readWebhookResult(flow, body) {
  const o = flow.outcome()
  if (o[0] !== 'ok') throw flowError(flow, { receiverStatus: o[3] })
  unpack(flow.webhookResult())
  const result = { payoutId: nextText(), status: nextText(), rawStatus: nextText() }
  const eventStatus = nextText()
  if (eventStatus !== null) result.eventStatus = eventStatus
  result.stale = nextFlag()
  const webhookId = nextText()
  if (webhookId !== null) result.webhookId = webhookId
  result.report = statusReportFrom(flow.outcomeReport())
  result.event = webhookEventFrom(flow.webhookEvent(), rawText(undefined, body))
  return result
}

function seed() {
  // Jitter only; any 53-bit number will do.
  return Math.floor(Math.random() * 2 ** 52)
}

function monotonicClock() {
  const perf = globalThis.performance
  if (perf && typeof perf.now === 'function') {
    const start = perf.now()
    return () => Math.floor(perf.now() - start)
  }
  const start = Date.now()
  return () => Math.max(0, Date.now() - start)
}

/** Unix ms from `now` (a number or Date), advancing with real time. */
function wallClock(now) {
  if (now === undefined || now === null) return () => Date.now()
  const base = now instanceof Date ? now.getTime() : integer(now, 'now')
  // A negative, fractional or invalid-Date time is refused by the core, never floored.
  call(() => native.checkWhole(base, 'now'))
  const tick = monotonicClock()
  return () => base + tick()
}

const SEND_KEYS = ['wait', 'timeoutMs', 'signal']
const FOLLOW_KEYS = ['timeoutMs', 'signal']
const WEBHOOK_KEYS = ['secret', 'now', 'toleranceSecs', 'timeoutMs', 'signal']

function signalOf(o) {
  if (o.signal === undefined || o.signal === null) return undefined
  if (typeof o.signal !== 'object' || typeof o.signal.aborted !== 'boolean') {
    throw typeError(`signal must be an AbortSignal, got ${describe(o.signal)}`)
  }
  return o.signal
}

/** 0: do not wait; undefined: the core's default wait. */
function waitMsOf(o) {
  const wait = optionalBoolean(o.wait, 'wait')
  if (!wait) return 0
  return o.timeoutMs === undefined || o.timeoutMs === null ? undefined : integer(o.timeoutMs, 'timeoutMs')
}

/** The body and headers of a webhook delivery: a fetch `Request`, or `{ body, headers }`. */
async function deliveryOf(input, maxBodyBytes) {
  if (input && typeof input.arrayBuffer === 'function' && input.headers && typeof input.headers.forEach === 'function') {
    const headers = []
    input.headers.forEach((value, name) => headers.push([name, value]))
    return { body: await readCapped(input, maxBodyBytes), headers }
  }
  if (!isObject(input)) {
    throw typeError(`handleWebhook() takes a fetch Request or { body, headers }, got ${describe(input)}`)
  }
  return { body: withinCap(bytes(input.body, 'body', 'webhook request body'), maxBodyBytes), headers: headerPairs(input.headers) }
}
