//! `/_sandbox/*`: the control endpoints (no keys needed, never faulted).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::error;
use crate::faults::FaultSpec;
use crate::state::{lock, Shared};

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_sandbox/health", get(health))
        .route("/_sandbox/ledger", get(ledger))
        .route("/_sandbox/webhooks", get(webhooks))
        .route(
            "/_sandbox/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .route("/_sandbox/faults/{id}", delete(remove_fault))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/settings", get(settings).post(change_settings))
}

async fn health(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "url": format!("http://{}", shared.addr),
        "public_key": shared.config.public_key,
        "webhook_signing": shared.config.webhook_secret.is_some(),
        "connections": shared.conns.count(),
        "max_connections": shared.config.max_connections,
        "log_lines_dropped": shared.log.dropped(),
    }))
}

async fn ledger(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(shared.ledger_json())
}

async fn webhooks(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(shared.webhooks_json())
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(lock(&shared.faults).to_json())
}

/// One fault object, an array of them, or `{"faults": [...]}`.
async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("Malformed JSON body: {e}")),
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) if map.contains_key("faults") => match map.remove("faults") {
            Some(Value::Array(items)) => items,
            _ => return error(StatusCode::BAD_REQUEST, "'faults' must be an array"),
        },
        other => vec![other],
    };
    let mut specs = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let spec = match serde_json::from_value::<FaultSpec>(item) {
            Ok(spec) => spec,
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("fault {i}: {e}")),
        };
        if let Err(why) = spec.validate() {
            return error(StatusCode::BAD_REQUEST, format!("fault {i}: {why}"));
        }
        specs.push(spec);
    }
    let ids: Vec<u64> = specs.into_iter().map(|s| shared.add_fault(s)).collect();
    let mut listing = lock(&shared.faults).to_json();
    if let Some(map) = listing.as_object_mut() {
        map.insert("added".into(), json!(ids));
    }
    (StatusCode::CREATED, Json(listing)).into_response()
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    lock(&shared.faults).clear();
    Json(lock(&shared.faults).to_json())
}

async fn remove_fault(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let removed = id.parse::<u64>().is_ok_and(|id| lock(&shared.faults).remove(id));
    if removed {
        Json(lock(&shared.faults).to_json()).into_response()
    } else {
        error(StatusCode::NOT_FOUND, "No active fault with this id")
    }
}

async fn reset(State(shared): State<Arc<Shared>>) -> Json<Value> {
    shared.reset();
    Json(json!({"status": "ok", "message": "ledger, webhook deliveries and faults cleared"}))
}

fn settings_json(shared: &Shared) -> Value {
    let s = *lock(&shared.settings);
    json!({"delay_ms": s.delay_ms, "insufficient_funds_above": s.insufficient_funds_above})
}

async fn settings(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(settings_json(&shared))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsChange {
    delay_ms: Option<u64>,
    insufficient_funds_above: Option<u64>,
}

/// Changes apply to payouts created afterwards.
async fn change_settings(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let change: SettingsChange = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("Bad settings: {e}")),
    };
    {
        let mut s = lock(&shared.settings);
        if let Some(ms) = change.delay_ms {
            s.delay_ms = ms;
        }
        if let Some(above) = change.insufficient_funds_above {
            s.insufficient_funds_above = above;
        }
    }
    Json(settings_json(&shared)).into_response()
}
