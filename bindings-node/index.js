'use strict'
// The `alexpay` package: the one JavaScript facade shared with `alexpay-wasm`
// (facade/*.js, built into facade.cjs by `npm run build`) over the napi-rs
// addon loaded by the generated native.js.
const { createAlexpay } = require('./facade.cjs')

module.exports = createAlexpay(require('./native.js'))
