// Types of entry/node.cjs: the facade's declaration plus init/initSync.
export * from './index.js'
