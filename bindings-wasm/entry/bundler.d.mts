// Types of entry/bundler: the facade's declaration plus init/initSync.
export * from './index.js'
