// edge-runtime (Vercel's edge runtime, npm `edge-runtime`): the function of
// src/edge.js bundled by esbuild (--conditions=edge-light), served by
// runServer on loopback; prints what one request answers.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { EdgeRuntime, runServer } from 'edge-runtime'

const code = execFileSync('node_modules/.bin/esbuild', ['src/edge.js', '--bundle', '--format=iife', '--conditions=edge-light', '--log-level=error'], { encoding: 'utf8' })
const bytes = new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('alexpay-wasm/alexpay_wasm_bg.wasm')))
const runtime = new EdgeRuntime({ initialCode: code, extend: (context) => Object.assign(context, { ALEXPAY_WASM_BYTES: bytes }) })
const server = await runServer({ runtime, host: '127.0.0.1', port: 0 })
try {
  console.log(await (await fetch(server.url)).text())
} finally {
  await server.close()
}
