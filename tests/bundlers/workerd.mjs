// Runs the Worker that `wrangler deploy --dry-run` bundled (out/wrangler) in
// workerd, through miniflare (wrangler's own dependency); prints one answer.
import { Miniflare } from 'miniflare'

const mf = new Miniflare({
  modules: true,
  scriptPath: 'out/wrangler/worker.js',
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  compatibilityDate: '2026-04-01',
})
try {
  console.log(await (await mf.dispatchFetch('http://worker.test/')).text())
} finally {
  await mf.dispose()
}
