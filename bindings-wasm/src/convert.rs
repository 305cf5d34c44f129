//! JS values in, Rust values out (and errors back). Nothing here decides
//! anything about payouts: wrong JS *types* become `TypeError`s naming the
//! argument, everything else goes to the core, whose errors become
//! `AlexpayError`s with camelCase field names.

use std::cell::RefCell;

use alexpay_core::{Error, NameStyle};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/alexpay.js")]
extern "C" {
    /// Re-exports the `AlexpayError` class from the generated module (a
    /// function import because `skip_typescript` only works on those; the
    /// class's TypeScript declaration is in the custom section, `types.rs`).
    /// Never called from Rust.
    #[wasm_bindgen(js_name = AlexpayError, reexport, skip_typescript)]
    fn alexpay_error_class();

    #[wasm_bindgen(js_name = makeError)]
    #[allow(clippy::too_many_arguments)]
    fn make_error(
        message: &str,
        code: &str,
        family: &str,
        field: Option<&str>,
        http_status: Option<u16>,
        retryable: bool,
        api_code: Option<&str>,
        api_message: Option<&str>,
        payout_id: Option<&str>,
    ) -> JsValue;

    #[wasm_bindgen(js_name = makeRequest)]
    pub(crate) fn make_request(method: &str, url: &str, headers: &Object, body: Option<Uint8Array>) -> JsValue;

    #[wasm_bindgen(js_name = typeName)]
    fn type_name(value: &JsValue) -> String;
}

pub(crate) type JsResult<T> = Result<T, JsValue>;

/// A core error as a JS `AlexpayError`.
pub(crate) fn error(e: Error) -> JsValue {
    make_error(
        &e.message(NameStyle::Camel),
        e.code().as_str(),
        e.family().as_str(),
        e.field_name(NameStyle::Camel),
        e.http_status(),
        e.retryable(),
        e.api_code(),
        e.api_message(),
        e.payout_id(),
    )
}

pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn wrong_type(name: &str, expected: &str, got: &JsValue) -> JsValue {
    type_error(&format!("{name}: expected {expected}, got {}", type_name(got)))
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// An options object (`{ ... }`), refusing keys the API does not know: a
/// misspelt `phoneNumbr` must not silently become "no phone number".
pub(crate) fn options(value: &JsValue, name: &str, allowed: &[&str]) -> JsResult<Object> {
    let object = self::object(value, name)?;
    for key in Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(type_error(&format!(
                "{name}: unknown option '{key}' (expected one of: {})",
                allowed.join(", ")
            )));
        }
    }
    Ok(object)
}

/// Any non-array object.
pub(crate) fn object(value: &JsValue, name: &str) -> JsResult<Object> {
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(wrong_type(name, "an object", value));
    }
    Ok(value.clone().unchecked_into())
}

/// A property, `None` when `undefined` or `null`.
pub(crate) fn optional(object: &Object, key: &str) -> JsResult<Option<JsValue>> {
    let value = get(object, key)?;
    Ok((!absent(&value)).then_some(value))
}

/// A property name as a JS string, made once and reused. Only for names from
/// a small fixed set (our own literals, the core's header names): decoding a
/// key from wasm memory on every property read or write was a large part of
/// reading an options object or a parsed event/report handed back.
pub(crate) fn key(name: &str) -> JsValue {
    thread_local! {
        static KEYS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    // No borrow is held while JS runs (a getter or Proxy trap on a caller's
    // object may call back into the SDK).
    // A short list (a few dozen names) scanned in order: smaller in wasm
    // than a map, and as fast at this size.
    let cached = KEYS.with(|keys| keys.borrow().iter().find(|(n, _)| n == name).map(|(_, k)| k.clone()));
    if let Some(k) = cached {
        return k;
    }
    let k = JsValue::from_str(name);
    KEYS.with(|keys| keys.borrow_mut().push((name.to_string(), k.clone())));
    k
}

/// Reads a property named by one of our literals.
pub(crate) fn get(object: &Object, name: &str) -> JsResult<JsValue> {
    Reflect::get(object, &key(name))
}

/// A required string inside an options object. Absent (`undefined`/`null`)
/// becomes "", so the core reports it with its own code ("is required").
pub(crate) fn required_text(object: &Object, key: &str) -> JsResult<String> {
    let value = get(object, key)?;
    if absent(&value) {
        return Ok(String::new());
    }
    value.as_string().ok_or_else(|| wrong_type(key, "a string", &value))
}

/// An optional string inside an options object.
pub(crate) fn optional_text(object: &Object, key: &str) -> JsResult<Option<String>> {
    let value = get(object, key)?;
    if absent(&value) {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| wrong_type(key, "a string", &value))
}

/// A positional string argument the core validates: absent becomes "" so the
/// core reports it with its own code ("is required").
pub(crate) fn text_or_empty(value: &JsValue, name: &str) -> JsResult<String> {
    if absent(value) {
        return Ok(String::new());
    }
    text(value, name)
}

/// A required positional string argument.
pub(crate) fn text(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| wrong_type(name, "a string", value))
}

/// A JS number that must be a whole number in `[min, max]` (both within
/// `Number.MAX_SAFE_INTEGER`); `range` describes them for the message.
pub(crate) fn integer(value: &JsValue, name: &str, min: f64, max: f64, range: &str) -> JsResult<f64> {
    let n = saturating_integer(value, name, f64::NEG_INFINITY, f64::INFINITY)?;
    if n < min || n > max {
        return Err(js_sys::RangeError::new(&format!("{name}: must be a whole number {range}")).into());
    }
    Ok(n)
}

/// A whole number, saturated into `[min, max]`. For inputs the core itself
/// range-checks (it refuses the saturated value with its own code and field).
pub(crate) fn saturating_integer(value: &JsValue, name: &str, min: f64, max: f64) -> JsResult<f64> {
    let Some(n) = value.as_f64() else {
        return Err(wrong_type(name, "a number", value));
    };
    if n.is_nan() || n.fract() != 0.0 {
        return Err(type_error(&format!(
            "{name}: must be a whole number (no fraction, NaN or Infinity)"
        )));
    }
    Ok(n.clamp(min, max))
}

pub(crate) fn amount(object: &Object) -> JsResult<u64> {
    let value = get(object, "amount")?;
    match value.as_f64() {
        Some(n) => alexpay_core::amount_from_f64(n).map_err(error),
        None if value.js_typeof() == "bigint" => Err(type_error(
            "amount: expected a number, got a bigint (pass Number(amount); amounts stop at Number.MAX_SAFE_INTEGER)",
        )),
        None => Err(wrong_type("amount", "a number", &value)),
    }
}

/// Body bytes: a string (sent as UTF-8), a Uint8Array/Buffer or other
/// ArrayBuffer view, or an ArrayBuffer. A parsed object is refused: the raw
/// bytes are what Alexpay sent (and what a signature covers).
pub(crate) fn body(value: &JsValue, name: &str) -> JsResult<Vec<u8>> {
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let buffer = get(value.unchecked_ref(), "buffer")?;
        let offset = get(value.unchecked_ref(), "byteOffset")?.as_f64().unwrap_or(0.0);
        let length = get(value.unchecked_ref(), "byteLength")?.as_f64().unwrap_or(0.0);
        return Ok(Uint8Array::new_with_byte_offset_and_length(&buffer, offset as u32, length as u32).to_vec());
    }
    if value.is_object() {
        return Err(type_error(&format!(
            "{name}: expected the raw body (a string, Uint8Array or ArrayBuffer exactly as received), got {}; \
             a parsed object cannot be used because re-serialising it changes the bytes. Read the body with \
             `await request.text()` or `await request.arrayBuffer()` instead of `request.json()`",
            type_name(value)
        )));
    }
    Err(wrong_type(
        name,
        "the raw body (a string, Uint8Array or ArrayBuffer)",
        value,
    ))
}

fn header_value(name: &str, value: &JsValue) -> JsResult<Option<String>> {
    if absent(value) {
        return Ok(None);
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(s));
    }
    if value.as_f64().is_some() {
        let number: &js_sys::Number = value.unchecked_ref();
        return Ok(Some(number.to_string_with_radix(10)?.into()));
    }
    if Array::is_array(value) {
        let parts: Option<Vec<String>> = Array::from(value).iter().map(|v| v.as_string()).collect();
        if let Some(parts) = parts {
            return Ok(Some(parts.join(", ")));
        }
    }
    Err(wrong_type(&format!("headers['{name}']"), "a string", value))
}

fn pair(entry: &JsValue) -> JsResult<(String, JsValue)> {
    if Array::is_array(entry) {
        let entry = Array::from(entry);
        if entry.length() == 2 {
            if let Some(name) = entry.get(0).as_string() {
                return Ok((name, entry.get(1)));
            }
        }
    }
    Err(type_error(
        "headers: each entry must be a [name, value] pair of strings",
    ))
}

/// Webhook headers: a plain object, a `Headers`, a `Map`, or an array (any
/// iterable) of `[name, value]` pairs.
pub(crate) fn headers(value: &JsValue) -> JsResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut push = |(name, value): (String, JsValue)| -> JsResult<()> {
        if let Some(v) = header_value(&name, &value)? {
            out.push((name, v));
        }
        Ok(())
    };
    if !value.is_object() {
        return Err(wrong_type(
            "headers",
            "a plain object, a Headers, a Map or an array of [name, value] pairs",
            value,
        ));
    }
    // Iterables of pairs first (arrays, Headers, Map, generators), then
    // anything with entries(), then a plain record (Node's IncomingHttpHeaders).
    let iterator = match js_sys::try_iter(value)? {
        Some(iterator) => Some(iterator),
        None => match get(value.unchecked_ref(), "entries")?.dyn_ref::<js_sys::Function>() {
            Some(entries) => js_sys::try_iter(&entries.call0(value)?)?,
            None => None,
        },
    };
    match iterator {
        Some(iterator) => {
            for entry in iterator {
                push(pair(&entry?)?)?;
            }
        }
        None => {
            for entry in Object::entries(value.unchecked_ref()).iter() {
                push(pair(&entry)?)?;
            }
        }
    }
    Ok(out)
}

/// A plain JS object from a serde value (structs become objects, `None`
/// fields are left out).
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| type_error(&e.to_string()))
}

/// A property of a parsed object handed back to us (`event.reference`):
/// absent is `None`, a value of the wrong type is a TypeError naming it.
pub(crate) fn prop(object: &Object, owner: &str, key: &str, expected: &str) -> JsResult<Option<JsValue>> {
    let value = get(object, key)?;
    if absent(&value) {
        return Ok(None);
    }
    let ok = match expected {
        "a string" => value.is_string(),
        "a number" => value.as_f64().is_some(),
        _ => value.as_bool().is_some(),
    };
    if ok {
        Ok(Some(value))
    } else {
        Err(wrong_type(&format!("{owner}.{key}"), expected, &value))
    }
}

pub(crate) fn prop_text(object: &Object, owner: &str, key: &str) -> JsResult<Option<String>> {
    Ok(prop(object, owner, key, "a string")?.and_then(|v| v.as_string()))
}

pub(crate) fn prop_number(object: &Object, owner: &str, key: &str) -> JsResult<Option<f64>> {
    Ok(prop(object, owner, key, "a number")?.and_then(|v| v.as_f64()))
}

pub(crate) fn prop_bool(object: &Object, owner: &str, key: &str) -> JsResult<Option<bool>> {
    Ok(prop(object, owner, key, "a boolean")?.and_then(|v| v.as_bool()))
}

/// A required string property (`event.payoutId`).
pub(crate) fn prop_required(object: &Object, owner: &str, key: &str) -> JsResult<String> {
    prop_text(object, owner, key)?
        .ok_or_else(|| type_error(&format!("{owner}.{key}: expected a string, got undefined")))
}
