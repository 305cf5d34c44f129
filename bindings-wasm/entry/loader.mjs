// What the ES-module entries share: the facade over a wasm-bindgen module
// that needs init() first. Before init every call throws an AlexpayError
// (`not_initialized`) that says what to do; init()'s own failures say what
// to pass instead of "Invalid URL".
import { createAlexpay } from './facade.mjs'

const HOW = 'in a browser or Deno, `await init()`; in a Worker or edge runtime, ' +
  "`import wasm from 'alexpay-wasm/alexpay_wasm_bg.wasm'` then `initSync({ module: wasm })`; " +
  "in Node, import 'alexpay-wasm' (its build needs no init) or pass the bytes: " +
  "`await init({ module_or_path: fs.readFileSync(require.resolve('alexpay-wasm/alexpay_wasm_bg.wasm')) })`"

/** A WebAssembly.Module from another realm (vm contexts, edge-runtime hosts)
 * fails the glue's `instanceof` check: give it this realm's prototype. */
function sameRealm(input) {
  const holder = input && Object.getPrototypeOf(input) === Object.prototype ? input : null
  const module = holder ? holder.module ?? holder.module_or_path : input
  const foreign = module && !(module instanceof WebAssembly.Module) && Object.prototype.toString.call(module) === '[object WebAssembly.Module]'
  if (foreign) Object.setPrototypeOf(module, WebAssembly.Module.prototype)
  return input
}

export function makeApi(glue, initAsync, initSync) {
  let ready = false
  let api
  const backend = new Proxy(glue, {
    get(target, key) {
      if (key === 'NativeFailure' || ready) return target[key]
      return () => {
        throw new api.AlexpayError(`alexpay-wasm is not initialised: ${HOW}`, { code: 'not_initialized', family: 'validation' })
      }
    },
  })
  api = createAlexpay(backend)
  const failed = (error) =>
    new api.AlexpayError(`alexpay-wasm: the WebAssembly module could not be loaded (${error && error.message}); ${HOW}`, {
      code: 'not_initialized',
      family: 'validation',
    })
  return {
    api,
    async init(input) {
      if (ready) return
      try {
        await initAsync(input === undefined ? undefined : sameRealm(input))
      } catch (error) {
        throw failed(error)
      }
      ready = true
    },
    initSync(input) {
      if (ready) return
      if (input === undefined) throw failed(new Error('initSync() needs the module: initSync({ module })'))
      try {
        initSync(sameRealm(input))
      } catch (error) {
        throw failed(error)
      }
      ready = true
    },
  }
}
