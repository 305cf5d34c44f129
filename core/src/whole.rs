//! Whole-number arguments from bindings whose numbers are wider or looser
//! than the core's types (Python ints of any size, JavaScript doubles). One
//! rule for every language: a value outside the type's range, a fraction,
//! NaN or an infinity is `invalid_argument` naming the field, never clamped.

use crate::error::{Error, Result};
use crate::field::Field;

/// The core's integer argument types.
pub trait WholeArg: Sized {
    const MIN: i128;
    const MAX: i128;
    /// "must be a whole number from MIN to MAX", written out (formatting an
    /// i128 would cost the WebAssembly module kilobytes).
    const RULE: &'static str;
    fn from_i128(value: i128) -> Self;
}

macro_rules! whole_arg {
    ($($t:ty => $rule:literal),*) => {$(
        impl WholeArg for $t {
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = <$t>::MAX as i128;
            const RULE: &'static str = $rule;
            fn from_i128(value: i128) -> Self {
                value as $t
            }
        }
    )*};
}

whole_arg!(
    u16 => "must be a whole number from 0 to 65535",
    u32 => "must be a whole number from 0 to 4294967295",
    u64 => "must be a whole number from 0 to 18446744073709551615",
    i64 => "must be a whole number from -9223372036854775808 to 9223372036854775807"
);

/// A whole number in `T`'s range (Python ints arrive as i128, saturated
/// beyond it).
pub fn whole_from_i128<T: WholeArg>(value: i128, field: Field) -> Result<T> {
    in_range(Some(value), field, T::MIN, T::MAX, T::RULE).map(T::from_i128)
}

/// The same for a JavaScript number: fractions, NaN and infinities are
/// refused like out-of-range values.
pub fn whole_from_f64<T: WholeArg>(value: f64, field: Field) -> Result<T> {
    in_range(exact(value), field, T::MIN, T::MAX, T::RULE).map(T::from_i128)
}

/// The one check, not generic (one copy in the WebAssembly module).
#[inline(never)]
fn in_range(value: Option<i128>, field: Field, min: i128, max: i128, rule: &'static str) -> Result<i128> {
    match value {
        Some(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(Error::invalid_argument(field, rule)),
    }
}

/// A finite whole double as an integer; `as` saturates at the i128 bounds,
/// which are out of every `T`'s range.
fn exact(value: f64) -> Option<i128> {
    (value.is_finite() && value.fract() == 0.0).then_some(value as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_the_ranges() {
        for (rule, min, max) in [
            (<u16 as WholeArg>::RULE, u16::MIN as i128, u16::MAX as i128),
            (<u32 as WholeArg>::RULE, u32::MIN as i128, u32::MAX as i128),
            (<u64 as WholeArg>::RULE, u64::MIN as i128, u64::MAX as i128),
            (<i64 as WholeArg>::RULE, i64::MIN as i128, i64::MAX as i128),
        ] {
            assert_eq!(rule, format!("must be a whole number from {min} to {max}"));
        }
    }

    #[test]
    fn ranges_are_refused_never_clamped() {
        assert_eq!(whole_from_i128::<u32>(4_294_967_295, Field::Attempt).unwrap(), u32::MAX);
        assert!(whole_from_i128::<u32>(4_294_967_296, Field::Attempt).is_err());
        assert!(whole_from_i128::<u64>(-1, Field::ToleranceSecs).is_err());
        assert!(whole_from_f64::<u64>(18_446_744_073_709_551_616.0, Field::ToleranceSecs).is_err());
        assert!(whole_from_f64::<u16>(1.5, Field::HttpStatus).is_err());
        assert!(whole_from_f64::<i64>(f64::NAN, Field::Now).is_err());
        assert_eq!(whole_from_f64::<i64>(-5.0, Field::Now).unwrap(), -5);
        let e = whole_from_f64::<u16>(65_536.0, Field::HttpStatus).unwrap_err();
        assert_eq!(
            (e.code().as_str(), e.field_ref()),
            ("invalid_argument", Some(Field::HttpStatus))
        );
        assert_eq!(e.reason(), "must be a whole number from 0 to 65535");
    }
}
