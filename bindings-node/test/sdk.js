'use strict'
// The package under test: `alexpay` (napi, the default) or, with
// ALEXPAY_JS_PACKAGE=wasm, `alexpay-wasm` (its Node entry), so one suite runs
// on both back ends of the one facade.
const path = require('node:path')

module.exports =
  process.env.ALEXPAY_JS_PACKAGE === 'wasm'
    ? require(path.resolve(__dirname, '..', '..', 'bindings-wasm', 'entry', 'node.cjs'))
    : require('alexpay')
