'use strict'
// alexpay-wasm in Node (CommonJS): the nodejs build instantiates the module
// synchronously at require, so init() and initSync() resolve at once.
const { createAlexpay } = require('./facade.cjs')
const api = createAlexpay(require('../pkg/nodejs/alexpay_wasm.js'))

module.exports = {
  ...api,
  init: async () => {},
  initSync: () => {},
  backend: 'wasm',
}
