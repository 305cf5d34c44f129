//! `createClient`'s arguments as both JavaScript back ends receive them (the
//! wasm crate includes this file, as it does `packed.rs`): a JavaScript
//! number for the body cap goes through the core's own rule.

use alexpay_core as ap;

/// `Client::new`; `user_agent` / `max_body_bytes` absent mean the SDK's defaults.
pub(crate) fn new_client(
    public_key: String,
    secret_key: String,
    base_url: String,
    user_agent: Option<String>,
    max_body_bytes: Option<f64>,
) -> ap::Result<ap::Client> {
    let max_body_bytes = max_body_bytes.map(ap::max_body_bytes_from_f64).transpose()?;
    ap::Client::new(ap::ClientConfig {
        public_key,
        secret_key,
        base_url,
        user_agent,
        max_body_bytes,
    })
}
