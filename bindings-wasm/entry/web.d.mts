// Types of entry/web: the facade's declaration plus init/initSync.
export * from './index.js'
