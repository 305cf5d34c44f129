'use strict'
// The package under test: `alexpay` (napi, the default), with
// ALEXPAY_JS_PACKAGE=wasm `alexpay-wasm` (its Node entry), or with
// ALEXPAY_JS_PACKAGE=<absolute path> an installed copy (the packaging tests'
// fallback run), so one suite runs on every back end of the one facade.
// ALEXPAY_EXPECT_BACKEND=napi|wasm makes sure the suite runs on that one.
const path = require('node:path')

const which = process.env.ALEXPAY_JS_PACKAGE
const sdk =
  which === 'wasm'
    ? require(path.resolve(__dirname, '..', '..', 'bindings-wasm', 'entry', 'node.cjs'))
    : which && path.isAbsolute(which)
      ? require(which)
      : require('alexpay')
const expected = process.env.ALEXPAY_EXPECT_BACKEND
if (expected && sdk.backend !== expected) {
  throw new Error(`the package under test runs on ${sdk.backend}, not ${expected}`)
}
module.exports = sdk
