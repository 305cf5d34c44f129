// A static server on loopback for the built pages, with the strict
// Content-Security-Policy the README recommends: scripts from 'self' only,
// plus 'wasm-unsafe-eval' (without it the browser refuses to compile the .wasm).
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' }
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"

export function serve(dir, { csp = CSP } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x')
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''))
    try {
      const body = await readFile(file.endsWith(path.sep) ? path.join(file, 'index.html') : file)
      const type = TYPES[path.extname(file)] ?? (file.endsWith(path.sep) ? 'text/html' : 'application/octet-stream')
      res.writeHead(200, { 'content-type': type, ...(csp ? { 'content-security-policy': csp } : {}) })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })))
}
