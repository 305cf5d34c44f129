// JavaScript (Node) payout round trip against the real sandbox on loopback:
// the facade's flow drivers (napi and wasm packages) vs hand-written fetch
// code doing the same requests (issue 13: "the flow drivers add at most 5%").
//
// A harness that prints figures, never a test: nothing asserts on time.
// Before timing it checks that every side sends the same requests (a
// recording server) and makes the same number of them (the sandbox's request
// log); then it runs interleaved rounds (every side once per round, in a
// shuffled order) and prints medians and the median of the per-round ratios.
//
// usage: node bench/roundtrip/roundtrip.mjs SANDBOX_BINARY [--rounds N] [--block N] [--json FILE]
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { capture } from './capture.mjs'
import { sides } from './node_sides.mjs'
import { countsSince, startSandbox } from './sandbox.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(import.meta.url)
// BENCH_NODE_DIR / BENCH_WASM_DIR point at another build (before/after comparisons), as in bench/js.
const sdks = {
  napi: require(process.env.BENCH_NODE_DIR ?? join(root, 'bindings-node')),
  wasm: require(join(process.env.BENCH_WASM_DIR ?? join(root, 'bindings-wasm'), 'entry', 'node.cjs')),
}

const args = process.argv.slice(2)
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const binary = args[0]
const ROUNDS = Number(flag('--rounds', 200))
const BLOCK = Number(flag('--block', 10))
const jsonOut = flag('--json')
const PAIRS = [
  ['napi driver', 'fetch hand'],
  ['wasm driver', 'fetch hand'],
]

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function quartiles(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const lower = s.slice(0, s.length >> 1)
  const upper = s.slice((s.length + 1) >> 1)
  return [median(lower), median(upper)]
}

async function checkSameRequests(publicKey, secretKey) {
  for (const [a, b] of PAIRS) {
    const seen = await capture(async (url) => {
      const run = sides(sdks, url, publicKey, secretKey)
      await run[a]()
      await run[b]()
    })
    const half = seen.length / 2
    if (seen.length !== 4 || !isDeepStrictEqual(seen.slice(0, half), seen.slice(half))) {
      throw new Error(`${a} and ${b} send different requests:\n${JSON.stringify(seen, null, 1)}`)
    }
    console.log(`# ${a} = ${b}: the same ${half} requests (${seen.slice(0, half).map((r) => `${r.method} ${r.path}`).join(', ')})`)
  }
}

async function checkSameCounts(box, run, n) {
  for (const [name, roundTrip] of Object.entries(run)) {
    const before = await box.requests()
    // The check may see the payout still processing (--delay-ms 0 settles it
    // just after the POST's answer): either way it is one check.
    for (let i = 0; i < n; i++) await roundTrip()
    const delta = countsSince(before, await box.requests())
    if (!isDeepStrictEqual(delta, { 'POST process 200': n, 'GET check 200': n })) {
      throw new Error(`${name}: ${n} round trips made ${JSON.stringify(delta)}`)
    }
  }
  console.log(`# sandbox log: every side made ${n} POST + ${n} GET for ${n} round trips, all 200`)
}

const box = await startSandbox(binary)
let perOp, cpuOp, made, ledger
try {
  await checkSameRequests(box.publicKey, box.secretKey)
  const run = sides(sdks, box.url, box.publicKey, box.secretKey)
  await checkSameCounts(box, run, 10)
  for (const roundTrip of Object.values(run)) for (let i = 0; i < BLOCK * 5; i++) await roundTrip() // warm-up (JIT)
  const before = await box.requests()
  perOp = Object.fromEntries(Object.keys(run).map((name) => [name, []]))
  cpuOp = Object.fromEntries(Object.keys(run).map((name) => [name, []]))
  const order = Object.keys(run)
  let seed = 13
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    for (const name of order) {
      const roundTrip = run[name]
      const c = process.cpuUsage()
      const t = process.hrtime.bigint()
      for (let i = 0; i < BLOCK; i++) await roundTrip()
      perOp[name].push(Number(process.hrtime.bigint() - t) / BLOCK)
      const used = process.cpuUsage(c)
      cpuOp[name].push(((used.user + used.system) * 1000) / BLOCK)
    }
  }
  made = countsSince(before, await box.requests())
  ledger = (await box.control('ledger')).count
} finally {
  await box.stop()
}
const expected = ROUNDS * BLOCK * Object.keys(perOp).length
if (!isDeepStrictEqual(made, { 'POST process 200': expected, 'GET check 200': expected })) {
  throw new Error(`the timed rounds made ${JSON.stringify(made)}, expected ${expected} of each`)
}

const rows = PAIRS.map(([drv, hand]) => {
  const ratios = perOp[drv].map((d, i) => d / perOp[hand][i])
  const [q1, q3] = quartiles(ratios)
  return {
    language: 'Node',
    pair: drv.split(' ')[0],
    driver_us: median(perOp[drv]) / 1000,
    hand_us: median(perOp[hand]) / 1000,
    ratio: median(ratios),
    ratio_q1: q1,
    ratio_q3: q3,
    driver_cpu_us: median(cpuOp[drv]) / 1000,
    hand_cpu_us: median(cpuOp[hand]) / 1000,
  }
})
const load = loadavg()
console.log(`# ${ROUNDS} rounds x ${BLOCK} round trips per side; ${expected * 2} timed requests checked in the sandbox log; ${ledger} payouts in the ledger`)
console.log(`# load average ${load.map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}`)
console.log(
  '| Node (fetch) | driver µs | hand-written µs | driver / hand (median of rounds) | overhead | ratio IQR | client CPU µs, driver | client CPU µs, hand | CPU difference / hand round trip |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
const us = (x) => Math.round(x).toLocaleString('en')
const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`
for (const r of rows) {
  // The last column: the driver's extra client CPU time as a share of the hand-written round trip (less noisy than wall time).
  const cpuShare = ((r.driver_cpu_us - r.hand_cpu_us) / r.hand_us) * 100
  console.log(
    `| ${r.pair} | ${us(r.driver_us)} | ${us(r.hand_us)} | ${r.ratio.toFixed(3)}x | ${signed((r.ratio - 1) * 100)} | ${r.ratio_q1.toFixed(3)}-${r.ratio_q3.toFixed(3)} | ${us(r.driver_cpu_us)} | ${us(r.hand_cpu_us)} | ${signed(cpuShare)} |`,
  )
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, rounds: ROUNDS, block: BLOCK, load }, null, 1))
