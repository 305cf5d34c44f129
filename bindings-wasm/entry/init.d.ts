// The wasm package's own entry points, appended by build.sh to the one facade
// declaration (bindings-node/index.d.ts) to make entry/index.d.ts.

/** What `init` can load the module from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module

/**
 * Loads the WebAssembly module (browsers, Deno: with no argument it fetches
 * the .wasm beside the module). Before it, every call throws
 * `not_initialized`. The Node and bundler builds are ready at import.
 */
export declare function init(input?: InitInput | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>

/** Loads the module synchronously (Workers: `initSync({ module: wasm })`); a `WebAssembly.Module` from another realm works too. */
export declare function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void
