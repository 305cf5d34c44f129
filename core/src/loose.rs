//! Typed, borrowing deserialization of the JSON objects Alexpay sends, for
//! fields whose types the docs leave loose.
//!
//! One pass of serde_json over the bytes fills a fixed slot per known key
//! (no `serde_json::Value` tree, no map, no key strings allocated); a text
//! value borrows from the body unless it has escapes. Everything is read with
//! `deserialize_any`, the same parser path `Value` takes, so the answers are
//! the same as before (issue 13): duplicate keys keep the last value, unknown
//! keys and values are checked as JSON (with serde_json's nesting limit) and
//! ignored, `null`, arrays and objects count as present but not a scalar.
//! It also keeps the serde error paths that format floats out of the wasm
//! module: no visitor here refuses a type.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// One JSON value where the docs are loose.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Loose<'a> {
    Text(Cow<'a, str>),
    U64(u64),
    I64(i64),
    F64(f64),
    Bool(bool),
    /// `null`, an array or an object: present, but no scalar.
    Other,
}

macro_rules! keys {
    ($($key:ident = $name:literal,)*) => {
        /// The keys the parsers read (in an envelope, its `data`, or a webhook).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub(crate) enum Key { $($key,)* }

        const KEY_COUNT: usize = [$(Key::$key,)*].len();

        impl Key {
            fn of(name: &str) -> Option<Key> {
                match name {
                    $($name => Some(Key::$key),)*
                    _ => None,
                }
            }
        }
    };
}

keys! {
    Code = "code",
    Status = "status",
    Message = "message",
    Id = "id",
    PayoutId = "payout_id",
    Reference = "reference",
    Amount = "amount",
    Charge = "charge",
    Currency = "currency",
    Environment = "environment",
    Type = "type",
    Method = "method",
    Operator = "operator",
    Narration = "narration",
    IsDisbursed = "is_disbursed",
    Disbursed = "disbursed",
    CreatedAt = "created_at",
    CreatedAtCamel = "createdAt",
    UpdatedAt = "updated_at",
    UpdatedAtCamel = "updatedAt",
    Reason = "reason",
    FailureReason = "failure_reason",
}

/// A JSON object's known keys (and its `data`, when it has one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Object<'a> {
    fields: [Option<Loose<'a>>; KEY_COUNT],
    data: Option<Data<'a>>,
}

/// The `data` member: an object, or anything else.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Data<'a> {
    Object(Box<Object<'a>>),
    Other,
}

impl<'a> Object<'a> {
    pub(crate) fn get(&self, key: Key) -> Option<&Loose<'a>> {
        self.fields[key as usize].as_ref()
    }

    pub(crate) fn has(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// `None` without a `data` member.
    pub(crate) fn data(&self) -> Option<&Data<'a>> {
        self.data.as_ref()
    }

    /// The `data` member when it is an object.
    pub(crate) fn data_object(&self) -> Option<&Object<'a>> {
        match &self.data {
            Some(Data::Object(d)) => Some(d),
            _ => None,
        }
    }
}

/// The body as an object; `None` when it is not JSON or not an object.
///
/// UTF-8 is checked once over the whole body, then serde_json reads it as
/// text without checking each string again. The answer is the same as
/// serde_json's own per-string checks: every string is read (none is skipped
/// unchecked), and a non-ASCII byte outside a string is a JSON error anyway.
pub(crate) fn object(body: &[u8]) -> Option<Box<Object<'_>>> {
    object_in_text(std::str::from_utf8(body).ok()?).ok()?
}

/// Text already checked as UTF-8: `Err` when it is not JSON, `Ok(None)` when
/// it is JSON but not an object.
pub(crate) fn object_in_text(text: &str) -> Result<Option<Box<Object<'_>>>, ()> {
    serde_json::from_str::<Top<'_>>(text).map(|t| t.0).map_err(|_| ())
}

/// A whole document: an object, or `None` for any other JSON value.
struct Top<'a>(Option<Box<Object<'a>>>);

impl<'de: 'a, 'a> Deserialize<'de> for Top<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyValue(Shape::Top)).map(|v| match v {
            Parsed::Object(o) => Top(Some(o)),
            _ => Top(None),
        })
    }
}

/// What a value is read as: the document, a field, `data`, or skipped.
#[derive(Clone, Copy)]
enum Shape {
    Top,
    Field,
    Data,
    Skip,
}

enum Parsed<'a> {
    Scalar(Loose<'a>),
    // Boxed where it is built: the slots are moved as one pointer.
    Object(Box<Object<'a>>),
    Other,
}

/// One visitor for every shape: it accepts any JSON value, so serde never
/// builds a type error (whose message would format floats).
#[derive(Clone, Copy)]
struct AnyValue(Shape);

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Parsed<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl AnyValue {
    fn scalar<'a>(self, value: Loose<'a>) -> Parsed<'a> {
        match self.0 {
            Shape::Field => Parsed::Scalar(value),
            _ => Parsed::Other,
        }
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Parsed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::I64(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::U64(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::F64(v)))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::Text(Cow::Borrowed(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        match self.0 {
            Shape::Field => Ok(Parsed::Scalar(Loose::Text(Cow::Owned(v.to_owned())))),
            _ => Ok(Parsed::Other),
        }
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.scalar(Loose::Text(Cow::Owned(v))))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element_seed(AnyValue(Shape::Skip))?.is_some() {}
        Ok(Parsed::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if !matches!(self.0, Shape::Top | Shape::Data) {
            while map.next_key_seed(KeyName)?.is_some() {
                map.next_value_seed(AnyValue(Shape::Skip))?;
            }
            return Ok(Parsed::Other);
        }
        let mut object = Box::new(Object {
            fields: [const { None }; KEY_COUNT],
            data: None,
        });
        while let Some(name) = map.next_key_seed(KeyName)? {
            let key = name.as_deref().and_then(Key::of);
            let is_data = name.as_deref() == Some("data");
            let shape = match (key, is_data) {
                (Some(_), _) => Shape::Field,
                (None, true) => Shape::Data,
                (None, false) => Shape::Skip,
            };
            let value = map.next_value_seed(AnyValue(shape))?;
            // A repeated key keeps its last value, as `Value` did.
            match (key, value) {
                (Some(k), Parsed::Scalar(v)) => object.fields[k as usize] = Some(v),
                (Some(k), _) => object.fields[k as usize] = Some(Loose::Other),
                (None, Parsed::Object(o)) if is_data => object.data = Some(Data::Object(o)),
                (None, _) if is_data => object.data = Some(Data::Other),
                (None, _) => {}
            }
        }
        Ok(Parsed::Object(object))
    }
}

/// A key as text, borrowed when it has no escapes (`None` would be a key
/// serde_json cannot produce).
struct KeyName;

impl<'de> DeserializeSeed<'de> for KeyName {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyName {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerant;
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    /// The readers as they were on `serde_json::Value` before issue 13: the
    /// oracle the typed reader must agree with.
    mod before {
        use super::*;

        pub fn string(obj: &Map<String, Value>, key: &str) -> Option<String> {
            match obj.get(key)? {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        }

        pub fn number(obj: &Map<String, Value>, key: &str) -> Option<f64> {
            let n = match obj.get(key)? {
                Value::Number(n) => n.as_f64()?,
                Value::String(s) => s.trim().parse::<f64>().ok()?,
                _ => return None,
            };
            n.is_finite().then_some(n)
        }

        pub fn boolean(obj: &Map<String, Value>, key: &str) -> Option<bool> {
            match obj.get(key)? {
                Value::Bool(b) => Some(*b),
                Value::Number(n) => match n.as_i64()? {
                    0 => Some(false),
                    1 => Some(true),
                    _ => None,
                },
                Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" => Some(true),
                    "false" | "0" | "no" => Some(false),
                    _ => None,
                },
                _ => None,
            }
        }
    }

    const NAMES: [(&str, Key); 6] = [
        ("status", Key::Status),
        ("id", Key::Id),
        ("amount", Key::Amount),
        ("is_disbursed", Key::IsDisbursed),
        ("code", Key::Code),
        ("message", Key::Message),
    ];

    /// Values of every JSON type, loose spellings included.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "null",
                "true",
                "false",
                "0",
                "1",
                "-1",
                "-0",
                "2",
                "1.0",
                "1.5",
                "-2.5e3",
                "1e300",
                "1E-7",
                "18446744073709551615",
                "18446744073709551616",
                "9223372036854775808",
                "-9223372036854775809",
                "\"\"",
                "\" \"",
                "\"TRUE\"",
                "\" yes \"",
                "\"No\"",
                "\"1\"",
                "\" 12.50 \"",
                "\"+5\"",
                "\".5\"",
                "\"5.\"",
                "\"inf\"",
                "\"NaN\"",
                "\"1e999\"",
                "\"007\"",
                "\"x\\u0041\\n\"",
                "\"successful\"",
                "[1,[2]]",
                "{\"a\":1}",
                "{}",
                "[]",
            ])
            .prop_map(str::to_string),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| f.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
        ]
    }

    proptest! {
        #[test]
        fn the_typed_reader_agrees_with_the_value_readers(
            fields in prop::collection::vec((0..NAMES.len(), value()), 0..8),
            in_data in any::<bool>(),
        ) {
            let members: Vec<String> = fields.iter().map(|(k, v)| format!("\"{}\":{v}", NAMES[*k].0)).collect();
            let inner = format!("{{{}}}", members.join(","));
            let body = if in_data { format!("{{\"code\":0,\"data\":{inner}}}") } else { inner };
            let value: Value = serde_json::from_str(&body).expect("generated JSON");
            let top = object(body.as_bytes()).expect("an object");
            let (old, new) = if in_data {
                (value["data"].as_object().expect("data").clone(), top.data_object().expect("data").clone())
            } else {
                (value.as_object().expect("object").clone(), *top)
            };
            for (name, key) in NAMES {
                prop_assert_eq!(before::string(&old, name), tolerant::string(&new, key), "{}", name);
                let (a, b) = (before::number(&old, name), tolerant::number(&new, key));
                prop_assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{}", name);
                prop_assert_eq!(before::boolean(&old, name), tolerant::boolean(&new, key), "{}", name);
                prop_assert_eq!(old.contains_key(name), new.has(key), "{}", name);
            }
        }
    }

    #[test]
    fn known_keys_fill_their_slots_and_the_last_duplicate_wins() {
        let o = object(br#"{"status":"a","x":[1,{"status":2}],"status":"b","data":{"id":7,"data":{"id":8}}}"#)
            .expect("an object");
        assert_eq!(o.get(Key::Status), Some(&Loose::Text("b".into())));
        let data = o.data_object().expect("data");
        assert_eq!(data.get(Key::Id), Some(&Loose::U64(7)));
        assert!(data.data_object().is_some());
        assert!(!o.has(Key::Id));
    }

    #[test]
    fn escaped_text_is_owned_plain_text_borrowed() {
        let o = object(br#"{"st\u0061tus":"x\ny","message":"plain","code":null}"#).expect("an object");
        assert!(matches!(o.get(Key::Status), Some(Loose::Text(Cow::Owned(s))) if s == "x\ny"));
        assert!(matches!(o.get(Key::Message), Some(Loose::Text(Cow::Borrowed("plain")))));
        assert_eq!(o.get(Key::Code), Some(&Loose::Other));
    }

    #[test]
    fn non_objects_and_invalid_json_are_none() {
        assert_eq!(object(b"[1]"), None);
        assert_eq!(object(b"1.5"), None);
        assert_eq!(object(b"{} x"), None);
        assert_eq!(object(b"{\"a\":}"), None);
        // serde_json's nesting limit holds in skipped values too.
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(object(deep.as_bytes()), None);
        assert_eq!(object_in_text("\"text\""), Ok(None));
        assert_eq!(object_in_text("nope"), Err(()));
    }
}
