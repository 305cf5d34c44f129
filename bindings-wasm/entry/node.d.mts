// Types of entry/node: the facade's declaration plus init/initSync.
export * from './index.js'
