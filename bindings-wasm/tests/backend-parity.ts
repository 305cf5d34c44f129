// Type-level parity of the two back ends (issue 12): the wasm package's
// generated declarations must provide every export of the napi addon's
// generated `bindings-node/native.d.ts` (the spec) with the same signature,
// so one JavaScript facade can sit on either. Compiled by
// `tsc -p tests/tsconfig.parity.json` in scripts/test-wasm.sh; a mismatch is a
// compile error naming what differs, e.g.
//   Type '"createClient: the parameters differ"' is not assignable to type 'true'.
// and the names of every export that differs ("Type '{}' is missing the
// following properties from type 'Failing<...>': createClient, NativeFlow").
// The rules (Buffer -> Uint8Array is the one allowed difference; classes are
// matched by name; no `any`) are in parity/check.ts, and parity/selftest.ts
// proves they catch each kind of mismatch.
import type * as Napi from "../../bindings-node/native";
import type * as WasmNode from "../pkg/nodejs/alexpay_wasm";
import type * as WasmWeb from "../pkg/web/alexpay_wasm";
import type * as WasmBundler from "../pkg/bundler/alexpay_wasm";
import type { AllTrue, Eq, Extras, Failing, Verdicts } from "./parity/check";

declare global {
  /**
   * native.d.ts uses `Slot` (the napi crate's `pub type Slot =
   * Option<Either3<String, f64, bool>>`) without declaring it: napi-rs does
   * not emit Rust type aliases. Unresolved, it would make every slot array
   * `any[]` (and fail this compile). This is what napi-rs renders that Rust
   * type as; a `Slot` that native.d.ts declares itself takes precedence.
   */
  type Slot = string | number | boolean | undefined | null;
}

/** Loader metadata of the napi-rs generated loader, not part of the interface. */
type NapiOnly = "__napiBindingTarget";
/** What a `--target web` build adds: its initialisers. */
type WebInit = "default" | "initSync";

type NodeVerdicts = Verdicts<typeof Napi, typeof WasmNode, NapiOnly>;
export const nodejsBuild: AllTrue<NodeVerdicts> = null! as NodeVerdicts;
export const nodejsFailing: Failing<NodeVerdicts> = {};
export const nodejsExtras: [Extras<typeof Napi, typeof WasmNode>] extends [never] ? true : false = true;

type WebVerdicts = Verdicts<typeof Napi, typeof WasmWeb, NapiOnly>;
export const webBuild: AllTrue<WebVerdicts> = null! as WebVerdicts;
export const webFailing: Failing<WebVerdicts> = {};
export const webExtras: [Extras<typeof Napi, typeof WasmWeb, WebInit>] extends [never] ? true : false = true;

type BundlerVerdicts = Verdicts<typeof Napi, typeof WasmBundler, NapiOnly>;
export const bundlerBuild: AllTrue<BundlerVerdicts> = null! as BundlerVerdicts;
export const bundlerFailing: Failing<BundlerVerdicts> = {};
export const bundlerExtras: [Extras<typeof Napi, typeof WasmBundler>] extends [never] ? true : false = true;

// A type-only export napi-rs emits for a result the facade receives as an object.
export const retryDecision: Eq<Napi.RetryDecision, WasmNode.RetryDecision> = true;
