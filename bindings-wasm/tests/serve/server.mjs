// A tiny static server on 127.0.0.1 for the browser tests and the browser
// example: serves bindings-wasm/ (pkg/, tests/, examples/) with the right MIME
// types (application/wasm for streaming instantiation), the one JS test suite
// (the repository's tests/js/) under /tests/js/, and the shared vector files
// as one JSON document at /vectors.json.
import http from "node:http";
import { readFile } from "node:fs/promises";
import { flowFiles, vectorFiles } from "../../../tests/js/node-files.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const suiteDir = path.resolve(root, "../tests/js");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

export { vectorFiles, flowFiles };

export function serve(port = 0) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === "/flows.json") {
        res.writeHead(200, { "content-type": TYPES[".json"] });
        res.end(JSON.stringify(await flowFiles()));
        return;
      }
      if (url.pathname === "/vectors.json") {
        res.writeHead(200, { "content-type": TYPES[".json"] });
        res.end(JSON.stringify(await vectorFiles()));
        return;
      }
      const suite = url.pathname.startsWith("/tests/js/");
      const base = suite ? suiteDir : root;
      const file = path.resolve(base, "." + decodeURIComponent(suite ? url.pathname.slice("/tests/js".length) : url.pathname));
      if (!file.startsWith(base + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] || 8787));
  console.log(`serving ${root} on http://127.0.0.1:${server.address().port}/ (examples/browser/index.html)`);
}
