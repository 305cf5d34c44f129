//! Placeholder: the wasm binding lands in its own issue.
