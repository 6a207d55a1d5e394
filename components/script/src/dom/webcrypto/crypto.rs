//! `Crypto` (<https://w3c.github.io/webcrypto/#crypto-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::ObjectValue;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CryptoBinding::CryptoMethods;
use crate::dom::bindings::conversions::with_view_bytes_mut;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webcrypto::subtlecrypto::SubtleCrypto;

#[dom_struct]
pub struct Crypto {
    reflector_: Reflector,
    subtle: MutNullableDom<SubtleCrypto>,
}

impl Crypto {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Crypto> {
        reflect_dom_object(cx, Box::new(Crypto { reflector_: Reflector::new(), subtle: Default::default() }), window)
    }
}

/// The typed array classes getRandomValues() accepts: "an Int8Array, Uint8Array,
/// Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, or
/// BigUint64Array".
const INTEGER_ARRAYS: [&str; 9] = [
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
];

/// Fills `bytes` from the system's random source, 65536 bytes at most.
pub fn fill_random(bytes: &mut [u8]) -> ErrorResult {
    // "If the byteLength of array is greater than 65536, throw a QuotaExceededError."
    if bytes.len() > 65536 {
        return Err(Error::Quota(format!(
            "The ArrayBufferView's byte length ({}) exceeds the number of bytes of entropy available via this API (65536).",
            bytes.len()
        )));
    }
    getrandom::getrandom(bytes).map_err(|e| Error::Operation(format!("no random source: {e}")))
}

/// A version 4 UUID from 16 random bytes (<https://w3c.github.io/webcrypto/#dfn-generate-a-random-uuid>).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    // "Set the 4 most significant bits of bytes[6] … to 0100" and "the 2 most significant bits
    // of bytes[8] … to 10".
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        hex[0..4].concat(),
        hex[4..6].concat(),
        hex[6..8].concat(),
        hex[8..10].concat(),
        hex[10..16].concat()
    )
}

impl CryptoMethods for Crypto {
    /// <https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues>
    fn GetRandomValues(&self, _cx: &mut JSContext, array: HandleObject, mut rval: MutableHandleValue) -> ErrorResult {
        rooted_value_check(array)?;
        // 1. "If array is not an Int8Array, Uint8Array, Uint8ClampedArray, Int16Array,
        //    Uint16Array, Int32Array, Uint32Array, BigInt64Array, or BigUint64Array, then throw a
        //    TypeMismatchError and terminate the algorithm."
        let view = ObjectValue(array.get());
        // SAFETY: `view` holds the object `array` roots, for this call only.
        let handle = unsafe { mozjs::rust::HandleValue::from_marked_location(&view) };
        if !INTEGER_ARRAYS.iter().any(|name| crate::dom::bindings::jit::is_typed_array(handle, name)) {
            return Err(Error::TypeMismatch("The provided ArrayBufferView is not an integer array type.".into()));
        }
        // 2–3. "If the byteLength of array is greater than 65536, throw a QuotaExceededError";
        //    otherwise "overwrite all elements of array with cryptographically strong random values".
        with_view_bytes_mut(array, fill_random)?;
        // 4. "Return array."
        rval.set(ObjectValue(array.get()));
        Ok(())
    }

    /// <https://w3c.github.io/webcrypto/#Crypto-attribute-subtle>: the same SubtleCrypto object
    /// each time.
    fn Subtle(&self, cx: &mut JSContext) -> DomRoot<SubtleCrypto> {
        self.subtle.or_init(|| SubtleCrypto::new(cx, &self.global()))
    }

    /// <https://w3c.github.io/webcrypto/#Crypto-method-randomUUID>
    fn RandomUUID(&self, _cx: &mut JSContext) -> DOMString {
        let mut bytes = [0u8; 16];
        if let Err(e) = getrandom::getrandom(&mut bytes) {
            log::error!("randomUUID(): no random source: {e}");
        }
        uuid_v4(bytes).into()
    }
}

/// `object` arguments arrive as objects; a non-view object is the IDL's TypeError.
fn rooted_value_check(array: HandleObject) -> ErrorResult {
    // SAFETY: `array` is a rooted object handle from the binding.
    let is_view = unsafe {
        let obj = mozjs::jsapi::js::CheckedUnwrapStatic(array.get());
        !obj.is_null() && mozjs::jsapi::JS_IsArrayBufferViewObject(obj)
    };
    if is_view {
        Ok(())
    } else {
        Err(Error::Type(
            "Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(fill_random(&mut [0u8; 65537]).is_err());
    }
}
