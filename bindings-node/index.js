'use strict'
// The `alexpay` package: the one JavaScript facade shared with `alexpay-wasm`
// (facade/*.js, built into facade.cjs by `npm run build`) over the napi-rs
// addon of this platform, or alexpay-wasm itself where no addon loads
// (load.cjs). `backend` says which: 'napi' or 'wasm'.
const { loadBackend } = require('./load.cjs')

const loaded = loadBackend()
const api = loaded.backend === 'napi' ? require('./facade.cjs').createAlexpay(loaded.native) : loaded.api
const descriptors = Object.getOwnPropertyDescriptors(api)
delete descriptors.init // alexpay-wasm's own start-up calls: its Node build needs neither
delete descriptors.initSync
module.exports = Object.freeze(
  Object.defineProperties({}, { ...descriptors, backend: { value: loaded.backend, enumerable: true } }),
)
