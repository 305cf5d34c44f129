// Two builds of a JS package side by side in one process, in interleaved
// rounds (so machine load hits both alike), on bench.mjs's four workloads
// and inputs. Prints median ns/op and the speed-up; asserts nothing.
//   node bench/js/compare-packages.mjs <package dir before> <package dir after>
// e.g. the Node package before the one facade (issue 12):
//   git worktree add /tmp/before 5ff5b20 && (cd /tmp/before/bindings-node && npm install && npm run build)
//   node bench/js/compare-packages.mjs /tmp/before/bindings-node bindings-node
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
const require = createRequire(import.meta.url)
const [beforeDir, afterDir] = process.argv.slice(2)
if (!beforeDir || !afterDir) throw new Error('usage: compare-packages.mjs <package dir before> <package dir after>')
const pkgs = { before: require(resolve(beforeDir)), now: require(resolve(afterDir)) }
const enc = new TextEncoder()
const STATUS_BODY = enc.encode('{"status":"success","code":200,"message":"Payout details retrieved","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"charge":2,"currency":"ZMW","environment":"live","type":"payout","method":"mobilemoney","operator":"MTN","status":"successful","narration":"Salary","is_disbursed":"true","created_at":"2024-05-14T10:21:33.000000Z","updated_at":"2024-05-14T10:22:05.000000Z"}}')
const WEBHOOK_BODY = enc.encode('{"status":"success","code":200,"message":"Payout status changed","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"status":"successful"}}')
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const NOW = 1_700_000_000
const CONFIG = { publicKey: 'pk_live_bench', secretKey: 'sk_live_bench', baseUrl: 'https://api.alexpay.test' }
const PAYOUT = {
  amount: 2500,
  countryId: 'GH',
  phoneNumber: '+233 24 123 4567',
  narration: 'Salary for June',
  webhookUrl: 'https://merchant.example/hooks/alexpay',
}
const work = {}
for (const [name, p] of Object.entries(pkgs)) {
  const client = new p.Client(CONFIG)
  const report = p.parseStatusResponse(200, STATUS_BODY)
  const sig = p.signWebhook(SECRET, 'msg_1', NOW, WEBHOOK_BODY)
  const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW), 'webhook-signature': sig }
  work[name] = {
    build: () => client.mobileMoneyPayout(PAYOUT),
    status: () => p.parseStatusResponse(200, STATUS_BODY),
    webhook: () => p.confirmWebhook(p.parseWebhook(WEBHOOK_BODY), report),
    verify: () => p.verifyWebhookSignature(SECRET, headers, WEBHOOK_BODY, NOW),
  }
}
const N = 20000, ROUNDS = 9
const res = {}
for (const w of ['build', 'status', 'webhook', 'verify']) {
  for (const name of Object.keys(pkgs)) res[`${w}/${name}`] = []
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of (r % 2 ? ['now', 'before'] : ['before', 'now'])) {
      const f = work[name][w]
      const t = process.hrtime.bigint()
      for (let i = 0; i < N; i++) f()
      res[`${w}/${name}`].push(Number(process.hrtime.bigint() - t) / N)
    }
  }
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1]
console.log('| workload | before (ns) | after (ns) | speed-up |\n|---|---:|---:|---:|')
for (const w of ['build', 'status', 'webhook', 'verify']) {
  const b = med(res[`${w}/before`]), n = med(res[`${w}/now`])
  console.log(`| ${w} | ${b.toFixed(0)} | ${n.toFixed(0)} | ${(b / n).toFixed(2)}x |`)
}
