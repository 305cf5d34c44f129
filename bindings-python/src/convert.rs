//! Python values to Rust values. Wrong Python *types* raise `TypeError`
//! naming the argument; values of the right type that the Rust type cannot
//! hold raise `ValidationError`. Everything about payouts is the core's call.

use std::borrow::Cow;

use alexpay_core::{ErrorCode, Field, NameStyle, WholeArg};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};

use crate::errors::{invalid, wrong_type, OrRaise};

/// The Python type name of a value, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "object".to_string())
}

fn name(field: Field) -> &'static str {
    field.name(NameStyle::Snake)
}

/// A `str` argument.
pub(crate) fn text(obj: &Bound<'_, PyAny>, field: Field) -> PyResult<String> {
    let Ok(s) = obj.cast::<PyString>() else {
        return Err(wrong_type(
            name(field),
            format_args!("must be a str, not {}", type_name(obj)),
        ));
    };
    match s.to_cow() {
        Ok(s) => Ok(s.into_owned()),
        Err(_) => Err(alexpay_core::Error::not_unicode(field)).or_raise(),
    }
}

/// A `str | None` argument.
pub(crate) fn optional_text(obj: Option<&Bound<'_, PyAny>>, field: Field) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => text(o, field).map(Some),
    }
}

/// An `int` (never `bool`) as an i128; beyond i128 saturates, which every
/// caller treats as out of range.
fn int_i128(obj: &Bound<'_, PyAny>, field: Field, what: &str) -> PyResult<i128> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(wrong_type(
            name(field),
            format_args!("must be an int ({what}), not {}", type_name(obj)),
        ));
    }
    // Every real argument fits an i64, a single C call; pyo3's i128 path
    // under abi3 makes three temporary ints (issue 13: ~40 ns a call).
    if let Ok(v) = obj.extract::<i64>() {
        return Ok(v.into());
    }
    match obj.extract::<i128>() {
        Ok(v) => Ok(v),
        Err(_) => Ok(if obj.lt(0)? { i128::MIN } else { i128::MAX }),
    }
}

/// The amount's type only: payout builders check every argument's type and
/// text (lone surrogates) before the amount's range, in argument order, as
/// the JavaScript facade does, so both report the same first error.
pub(crate) fn amount_int(obj: &Bound<'_, PyAny>) -> PyResult<i128> {
    int_i128(obj, Field::Amount, "a whole number of the currency's units")
}

/// The core's amount rule.
pub(crate) fn amount_range(v: i128) -> PyResult<u64> {
    alexpay_core::amount_from_i128(v).or_raise()
}

/// An `int` that must fit the core's integer type `T` (the core's range
/// rule, the same for JavaScript numbers).
pub(crate) fn int<T: WholeArg>(obj: &Bound<'_, PyAny>, field: Field, what: &str) -> PyResult<T> {
    let v = int_i128(obj, field, what)?;
    alexpay_core::whole_from_i128(v, field).or_raise()
}

/// An `int | None` that must fit `T`.
pub(crate) fn optional_int<T: WholeArg>(
    obj: Option<&Bound<'_, PyAny>>,
    field: Field,
    what: &str,
) -> PyResult<Option<T>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => int(o, field, what).map(Some),
    }
}

/// `max_body_bytes`: an `int | None`, refused with the cap's own range rule.
pub(crate) fn optional_max_body_bytes(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u64>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            let v = int_i128(o, Field::MaxBodyBytes, "bytes, from 1 to 1073741824")?;
            alexpay_core::max_body_bytes_from_i128(v).map(Some).or_raise()
        }
    }
}

/// A real number (`int` or `float`, not `bool`).
pub(crate) fn number(obj: &Bound<'_, PyAny>, field: Field, what: &str) -> PyResult<f64> {
    if obj.is_instance_of::<PyBool>() || !(obj.is_instance_of::<PyFloat>() || obj.is_instance_of::<PyInt>()) {
        return Err(wrong_type(
            name(field),
            format_args!("must be a float or int ({what}), not {}", type_name(obj)),
        ));
    }
    // An int too large for a float is out of range for every caller.
    obj.extract::<f64>()
        .map_err(|_| invalid(ErrorCode::InvalidArgument, field, &format!("is out of range ({what})")))
}

/// Raw bytes from `bytes`, `bytearray`, `memoryview` or `str` (UTF-8).
pub(crate) enum Body<'py> {
    Borrowed(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
}

impl Body<'_> {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Borrowed(b) => b.as_bytes(),
            Body::Owned(v) => v,
        }
    }
}

/// Accepts the body as bytes or text. A parsed object (dict, list) is refused
/// with a message that asks for the raw body: re-encoding changes the bytes.
pub(crate) fn body<'py>(obj: &Bound<'py, PyAny>, arg: &str, hint: &str) -> PyResult<Body<'py>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Body::Borrowed(b.clone()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Ok(Body::Owned(match text {
                Cow::Borrowed(t) => t.as_bytes().to_vec(),
                Cow::Owned(t) => t.into_bytes(),
            })),
            // Lone surrogates: hand the core the bytes Python would write with
            // `surrogatepass`; it refuses them as not UTF-8 like any bad body.
            Err(_) => {
                let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                Ok(Body::Borrowed(encoded.cast_into::<PyBytes>()?))
            }
        };
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Body::Owned(b.to_vec()));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.call_method0("tobytes")?;
        return Ok(Body::Borrowed(bytes.cast_into::<PyBytes>()?));
    }
    let parsed = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_none();
    let why = if parsed && !obj.is_none() {
        format!(
            "needs the raw body exactly as received (bytes or str), not a parsed {}: {hint}",
            type_name(obj)
        )
    } else {
        format!(
            "must be the raw body as bytes, bytearray, memoryview or str, not {}: {hint}",
            type_name(obj)
        )
    };
    Err(wrong_type(arg, why))
}

/// A header name or value: `str`, or `bytes` as sent on the wire (latin-1,
/// as ASGI servers hand them over).
fn header_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if obj.is_instance_of::<PyString>() {
        return text(obj, Field::Headers);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().iter().map(|&c| char::from(c)).collect());
    }
    Err(wrong_type(
        "headers",
        format_args!("header names and values must be str (or bytes), not {}", type_name(obj)),
    ))
}

const HEADERS_SHAPE: &str = "must be a dict (or any mapping with .items(), such as the request's own headers) \
     or a list of (name, value) pairs";

/// Webhook headers from a dict, any object with `.items()` (Starlette,
/// Werkzeug, httpx and requests headers) or an iterable of pairs.
pub(crate) fn headers(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_none() {
        return Err(wrong_type(
            "headers",
            format_args!("{HEADERS_SHAPE}, not {}", type_name(obj)),
        ));
    }
    // A plain dict (the common case) is read directly: no `.items()` view,
    // no pair tuples. Subclasses may override `items`, so they take the
    // general path.
    if let Ok(dict) = obj.cast_exact::<PyDict>() {
        let mut out = Vec::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            out.push((header_text(&k)?, header_text(&v)?));
        }
        return Ok(out);
    }
    let pairs = if obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let iter = pairs
        .try_iter()
        .map_err(|_| wrong_type("headers", format_args!("{HEADERS_SHAPE}, not {}", type_name(obj))))?;
    let mut out = Vec::new();
    for item in iter {
        let item = item?;
        let pair = if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
            match item.len()? {
                2 => Some((item.get_item(0)?, item.get_item(1)?)),
                _ => None,
            }
        } else {
            None
        };
        let Some((k, v)) = pair else {
            return Err(wrong_type(
                "headers",
                format_args!("{HEADERS_SHAPE}; found an item of type {}", type_name(&item)),
            ));
        };
        out.push((header_text(&k)?, header_text(&v)?));
    }
    Ok(out)
}
