'use strict'
// Picks the back end of the `alexpay` package:
//   1. the native addon of this platform: alexpay-<platform>, an optional
//      dependency npm installs only where its os/cpu/libc match (in a
//      checkout, the ./alexpay.<platform>.node that `npm run build` writes);
//   2. else the WebAssembly build, alexpay-wasm (a dependency: same facade,
//      same API, its Node build);
//   3. else an error that names the platform and what to install.
// ALEXPAY_BACKEND=wasm skips the addon; ALEXPAY_BACKEND=napi refuses the
// fallback. Ids go through a variable so bundlers leave these requires to
// Node at run time: the addon and the .wasm stay in node_modules.
const fs = require('node:fs')
const path = require('node:path')

const VERSION = require('./package.json').version
const PREBUILT = ['linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl', 'linux-arm64-musl']
const nodeRequire = (id) => require(id)

function isMusl() {
  try {
    if (fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl')) return true
  } catch {}
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
  const header = report && (typeof report === 'string' ? JSON.parse(report) : report).header
  return !(header && header.glibcVersionRuntime)
}

function platformName() {
  const base = `${process.platform}-${process.arch}`
  return process.platform === 'linux' ? `${base}-${isMusl() ? 'musl' : 'gnu'}` : base
}

const firstLine = (error) => String((error && error.message) || error).split('\n')[0]

function loadNative(platform, failures) {
  const ids = []
  const local = path.join(__dirname, `alexpay.${platform}.node`)
  if (fs.existsSync(local)) ids.push(local)
  ids.push(`alexpay-${platform}`)
  for (const id of ids) {
    try {
      if (!path.isAbsolute(id)) {
        const { version } = nodeRequire(`${id}/package.json`)
        if (version !== VERSION) throw new Error(`${id} is version ${version}, alexpay ${VERSION} needs the same version`)
      }
      return nodeRequire(id)
    } catch (error) {
      failures.push({ what: `the native addon ${path.isAbsolute(id) ? path.basename(id) : id}`, error })
    }
  }
  return null
}

function loadWasm(failures) {
  try {
    return nodeRequire('alexpay-wasm')
  } catch (error) {
    failures.push({ what: 'the WebAssembly fallback alexpay-wasm', error })
    return null
  }
}

/** `{ backend: 'napi', native }` (the addon, for the facade) or `{ backend: 'wasm', api }` (alexpay-wasm's facade). */
function loadBackend() {
  const want = process.env.ALEXPAY_BACKEND || ''
  if (want && want !== 'napi' && want !== 'wasm') {
    throw new Error(`alexpay: ALEXPAY_BACKEND is ${JSON.stringify(want)}; use "napi", "wasm" or leave it unset`)
  }
  const platform = platformName()
  const failures = []
  if (want !== 'wasm') {
    const native = loadNative(platform, failures)
    if (native) return { backend: 'napi', native }
  }
  if (want !== 'napi') {
    const api = loadWasm(failures)
    if (api) return { backend: 'wasm', api }
  }
  const tried = failures.map((f) => `${f.what}: ${firstLine(f.error)}`).join('; ')
  const install = PREBUILT.includes(platform)
    ? `\`npm install alexpay-${platform}\` (the native addon; it is an optional dependency, so an install with --omit=optional or --no-optional skips it) or \`npm install alexpay-wasm\``
    : `\`npm install alexpay-wasm\` (no prebuilt native addon exists for ${platform})`
  throw new Error(`alexpay: no back end loads on ${platform} (Node ${process.versions.node}). Tried ${tried}. Run ${install}.`, {
    cause: new AggregateError(failures.map((f) => f.error), 'every back end failed to load'),
  })
}

module.exports = { loadBackend, platformName, PREBUILT }
