// Loads the two builds under test in Node, and the shared vector files.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const pkgDir = path.resolve(here, "../../pkg");

/** The CommonJS `--target nodejs` build (instantiates synchronously on require). */
export function loadNodejsBuild() {
  return createRequire(import.meta.url)(path.join(pkgDir, "../entry/node.cjs"));
}

/** The `--target web` build, initialised with the .wasm bytes (Node's fetch has no file: URLs). */
export async function loadWebBuild() {
  const web = await import(path.join(pkgDir, "../entry/web.mjs"));
  await web.init({ module_or_path: readFileSync(path.join(pkgDir, "web/alexpay_wasm_bg.wasm")) });
  return web;
}

export { vectorFiles as loadVectorFiles } from "../../../tests/js/node-files.mjs";
