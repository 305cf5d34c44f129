// Starts the real sandbox binary for the round-trip harness (as sandbox.py):
// a free loopback port, payouts final at once (--delay-ms 0), its request log
// in a file so the harness can count the requests each side really made.
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'

// One line per request, e.g. "... POST /v1/payment/payouts/process -> 200".
const REQUEST = /\b(POST|GET) (\/v1\/payment\/\S+) -> (\d+)/

export async function startSandbox(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'alexpay-roundtrip-'))
  const logPath = join(dir, 'sandbox.log')
  const proc = spawn(binary, ['--port', '0', '--delay-ms', '0'], { stdio: ['ignore', 'pipe', openSync(logPath, 'w')] })
  const env = {}
  const lines = createInterface({ input: proc.stdout })
  for await (const line of lines) {
    const [k, v] = line.trim().split('=', 2)
    env[k] = v
    if (Object.keys(env).length === 4) break
  }
  const url = env.ALEXPAY_SANDBOX_URL
  const control = async (path) => (await fetch(`${url}/_sandbox/${path}`)).json()
  return {
    url,
    publicKey: env.ALEXPAY_PUBLIC_KEY,
    secretKey: env.ALEXPAY_SECRET_KEY,
    control,
    /** API requests logged so far: { 'POST process 200': n, 'GET check 200': m }. */
    async requests() {
      const { log_lines_dropped: drops } = await control('health')
      if (drops) throw new Error(`the sandbox dropped ${drops} log lines: request counts would be wrong`)
      // The log is written by a background thread: read until it stops growing.
      let previous = -1
      for (let i = 0; i < 50; i++) {
        const size = statSync(logPath).size
        if (size === previous) break
        previous = size
        await sleep(50)
      }
      const seen = {}
      for (const line of readFileSync(logPath, 'utf8').split('\n')) {
        const m = REQUEST.exec(line)
        if (!m) continue
        const key = `${m[1]} ${m[2].endsWith('/process') ? 'process' : 'check'} ${m[3]}`
        seen[key] = (seen[key] ?? 0) + 1
      }
      return seen
    },
    async stop() {
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      proc.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `after - before`, per key, without zero entries. */
export function countsSince(before, after) {
  const out = {}
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0)) out[k] = v - (before[k] ?? 0)
  return out
}
