// node --test: the `--target bundler` build, loaded through Node's ES module
// integration for WebAssembly (--experimental-wasm-modules), the way a
// bundler wires it.
import { suite } from "./suite.mjs";
import { pkgDir } from "./load.mjs";
import path from "node:path";

let api;
suite("bundler build", async () => (api ||= await import(path.join(pkgDir, "../entry/bundler.mjs"))));
