// Builds each recipe of bindings-wasm/README.md ("Bundlers") and loads its
// page in headless Chromium (Debian's, through playwright-core), which must
// show the one call's result (served with the README's strict CSP); then
// edge-runtime and workerd (wrangler's bundle) run a Worker. Deno, which
// takes the package from a registry (npm:), is in scripts/test-packages.sh.
// Prints `N passed, M failed`.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { serve, CSP } from './serve.mjs'

const bin = (name) => `node_modules/.bin/${name}`
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
const WANT = 'wasm https://api.example.test/v1/payment/PO_1/check'

function page(dir) {
  mkdirSync(dir, { recursive: true })
  cpSync('src/index.html', `${dir}/index.html`)
}

const recipes = {
  esbuild() {
    run(bin('esbuild'), ['src/app-file-url.js', '--bundle', '--format=esm', '--loader:.wasm=file', '--outfile=out/esbuild/app.js'])
    page('out/esbuild')
    return 'out/esbuild'
  },
  'vite build'() {
    run(bin('vite'), ['build', '--logLevel', 'error'])
    return 'out/vite'
  },
  'webpack 5'() {
    run(bin('webpack'), ['--no-stats'])
    page('out/webpack')
    return 'out/webpack'
  },
  rollup() {
    run(bin('rollup'), ['-c', '--silent'])
    page('out/rollup')
    return 'out/rollup'
  },
  'bun build'() {
    run(bin('bun'), ['build', 'src/app-file-url.js', '--outdir', 'out/bun', '--target', 'browser', '--entry-naming', 'app.[ext]'])
    page('out/bun')
    return 'out/bun'
  },
}

rmSync('out', { recursive: true, force: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
let passed = 0
let failed = 0
async function check(name, url) {
  const tab = await browser.newPage()
  const errors = []
  tab.on('pageerror', (e) => errors.push(e.message))
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  try {
    await tab.goto(url)
    await tab.waitForFunction(() => document.getElementById('result')?.textContent !== 'not run', null, { timeout: 15000 })
    const got = await tab.textContent('#result')
    if (got !== WANT) throw new Error(`page shows ${JSON.stringify(got)}`)
    passed += 1
    console.log(`ok   ${name}: ${got}`)
  } catch (e) {
    failed += 1
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]} ${errors.join(' | ')}`)
  } finally {
    await tab.close()
  }
}

for (const [name, build] of Object.entries(recipes)) {
  let dir
  try {
    dir = build()
  } catch (e) {
    failed += 1
    console.log(`FAIL ${name}: the build failed: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}`)
    continue
  }
  const server = await serve(dir)
  await check(`${name} (CSP: ${CSP})`, server.url)
  server.close()
}

// The CSP note holds: without 'wasm-unsafe-eval' the same page cannot compile the module.
{
  const server = await serve('out/esbuild', { csp: "default-src 'self'; script-src 'self'" })
  const tab = await browser.newPage()
  try {
    await tab.goto(server.url)
    await tab.waitForFunction(() => document.getElementById('result')?.textContent !== 'not run', null, { timeout: 3000 }).catch(() => {})
    const got = await tab.textContent('#result')
    if (got === WANT) throw new Error('the page ran without wasm-unsafe-eval')
    passed += 1
    console.log("ok   a CSP without 'wasm-unsafe-eval' blocks the module (as the README says)")
  } catch (e) {
    failed += 1
    console.log(`FAIL CSP without wasm-unsafe-eval: ${e.message}`)
  } finally {
    await tab.close()
    server.close()
  }
}

// The Vite dev server, on loopback.
{
  const port = 20000 + Math.floor(Math.random() * 20000)
  const dev = spawn(bin('vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('vite dev did not start')), 30000)
      dev.stdout.on('data', (d) => String(d).includes(`${port}`) && (clearTimeout(timer), resolve()))
      dev.on('exit', (code) => reject(new Error(`vite dev exited ${code}`)))
    })
    await check('vite dev server', `http://127.0.0.1:${port}/`)
  } catch (e) {
    failed += 1
    console.log(`FAIL vite dev server: ${e.message}`)
  } finally {
    dev.kill('SIGTERM')
  }
}
await browser.close()

// The edge runtimes run the Worker example: edge-runtime (Vercel's; the web
// build, the .wasm passed as bytes), and wrangler's bundle in workerd.
function runtime(name, steps) {
  try {
    let out = ''
    for (const [cmd, args] of steps) out = run(cmd, args)
    if (out.trim() !== WANT) throw new Error(`printed ${JSON.stringify(out.trim())}`)
    passed += 1
    console.log(`ok   ${name}: ${out.trim()}`)
  } catch (e) {
    failed += 1
    console.log(`FAIL ${name}: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}`)
  }
}
runtime('edge-runtime', [[process.execPath, ['edge.mjs']]])
runtime('wrangler (deploy --dry-run) + workerd', [
  [bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'out/wrangler']],
  [process.execPath, ['workerd.mjs']],
])

console.log(`bundlers: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
