//! Conversions between JS values and the Rust types of WebIDL
//! (<https://webidl.spec.whatwg.org/#js-type-mapping>).
//!
//! | IDL type                          | Rust (argument)            | Rust (return)          |
//! |-----------------------------------|----------------------------|------------------------|
//! | boolean                           | `bool`                     | `bool`                 |
//! | byte … unsigned long long         | `i8` … `u64`               | same                   |
//! | float / double                    | `Finite<f32>` / `Finite<f64>` | same                |
//! | unrestricted float / double       | `f32` / `f64`              | same                   |
//! | DOMString / USVString / ByteString| `DOMString` / `USVString` / `ByteString` | same     |
//! | interface `I`                     | `&I`                       | `DomRoot<I>`           |
//! | `T?`                              | `Option<T>`                | `Option<T>`            |
//! | sequence<T>                       | `Vec<T>`                   | `Vec<T>`               |
//! | dictionary / enum / union         | generated types            | generated types        |
//! | any / object                      | `HandleValue` / `HandleObject` | out-param `MutableHandleValue` |
//! | Promise<T>                        | —                          | `Rc<Promise>`          |
//!
//! A failed conversion either leaves a JS exception pending (`Err(())`) or
//! reports a [`Failure`] for the caller to turn into a TypeError with the
//! member's context ("Failed to execute 'x' on 'Y': parameter 1 is not of type 'Z'.").

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ops::ControlFlow;
use std::ptr::NonNull;

use mozjs::context::JSContext;
use mozjs::conversions::jsstr_to_string;
use mozjs::jsapi::{JS_NewStringCopyUTF8N, JSObject};
use mozjs::jsval::{
    BooleanValue, DoubleValue, Int32Value, NullValue, ObjectValue, StringValue, UInt32Value, UndefinedValue,
};
use mozjs::rooted;
use mozjs::rust::{
    ForOfIterationFailure, HandleValue, MutableHandleValue, ToNumber, ToString, for_of, maybe_wrap_object_value,
};

use crate::dom::bindings::inheritance::IDLInterface;
use crate::dom::bindings::interface::unwrap_dom_object;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{ByteString, DOMString, USVString};

/// Why a conversion failed without a pending exception.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// "… is not of type 'X'."
    NotOfType(String),
    /// A complete sentence, e.g. "The provided double value is non-finite."
    Message(String),
    /// "The callback provided as … is not a function."
    NotCallable,
}

impl Failure {
    /// The message for a value described as `what` ("parameter 1", "The provided value").
    pub fn describe(&self, what: &str) -> String {
        match self {
            Failure::NotOfType(ty) => format!("{what} is not of type '{ty}'."),
            Failure::Message(m) => m.clone(),
            Failure::NotCallable => format!("The callback provided as {what} is not a function."),
        }
    }
}

/// Result of a conversion: `Ok(Ok(v))` success, `Ok(Err(f))` failure without
/// exception, `Err(())` exception pending.
pub type ConversionResult<T> = Result<Result<T, Failure>, ()>;

/// JS value → Rust value.
pub trait FromJSVal: Sized {
    type Config: Copy;
    fn from_jsval(cx: &mut JSContext, value: HandleValue, config: Self::Config) -> ConversionResult<Self>;
}

/// Rust value → JS value.
pub trait ToJSVal {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue);
}

// ---------------------------------------------------------------- boolean

impl FromJSVal for bool {
    type Config = ();
    fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<bool> {
        Ok(Ok(unsafe { mozjs::rust::ToBoolean(value) }))
    }
}

impl ToJSVal for bool {
    fn to_jsval(&self, _: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(BooleanValue(*self));
    }
}

// ---------------------------------------------------------------- integers

/// How an out-of-range number becomes an integer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IntConversion {
    #[default]
    Default,
    Clamp,
    EnforceRange,
}

/// <https://webidl.spec.whatwg.org/#abstract-opdef-converttoint>, on an
/// already-computed number. `bits`/`signed` describe the target type.
pub fn convert_to_int(x: f64, bits: u32, signed: bool, conv: IntConversion) -> Result<f64, Failure> {
    // Bounds: for 64-bit types, the safe-integer range.
    let (lower, upper) = if bits == 64 {
        if signed { (-(2f64.powi(53)) + 1.0, 2f64.powi(53) - 1.0) } else { (0.0, 2f64.powi(53) - 1.0) }
    } else if signed {
        (-(2f64.powi(bits as i32 - 1)), 2f64.powi(bits as i32 - 1) - 1.0)
    } else {
        (0.0, 2f64.powi(bits as i32) - 1.0)
    };
    // Step 3: If x is −0, then set x to +0.
    let x = if x == 0.0 { 0.0 } else { x };
    match conv {
        IntConversion::EnforceRange => {
            // Step 4.1: If x is NaN, +∞, or −∞, then throw a TypeError.
            if !x.is_finite() {
                return Err(Failure::Message("Value is not a finite number.".into()));
            }
            // Step 4.2–4.3: x = IntegerPart(x); out of [lower, upper] → TypeError.
            let x = x.trunc();
            if x < lower || x > upper {
                return Err(Failure::Message(format!(
                    "Value is outside the '{}' value range.",
                    int_name(bits, signed)
                )));
            }
            Ok(if x == 0.0 { 0.0 } else { x })
        }
        IntConversion::Clamp => {
            // Step 5: clamp to the range, round ties to even; NaN → +0.
            if x.is_nan() {
                return Ok(0.0);
            }
            let x = x.clamp(lower, upper);
            let r = x.round_ties_even();
            Ok(if r == 0.0 { 0.0 } else { r })
        }
        IntConversion::Default => {
            // Step 6: NaN, +0, +∞, −∞ → +0.
            if !x.is_finite() || x == 0.0 {
                return Ok(0.0);
            }
            // Steps 7–11: IntegerPart, modulo 2^bits, then to the signed range.
            let x = x.trunc();
            let modulus = 2f64.powi(bits as i32);
            let mut x = x.rem_euclid(modulus);
            if signed && x >= modulus / 2.0 {
                x -= modulus;
            }
            Ok(x)
        }
    }
}

/// ConvertToInt's default steps for 64-bit types (<https://webidl.spec.whatwg.org/#abstract-opdef-converttoint>),
/// steps 6–11 in exact integer arithmetic: IntegerPart(x) modulo 2^64, as the two's complement
/// bits both `long long` and `unsigned long long` take.
fn modulo_2_64(x: f64) -> u64 {
    // 6. NaN, +0, −0, +∞ and −∞ give +0.
    if !x.is_finite() || x == 0.0 {
        return 0;
    }
    // 7. IntegerPart. A double of magnitude 2^117 or more is a multiple of 2^64 (its last
    //    mantissa bit is worth 2^65 at least): 0 modulo 2^64.
    let x = x.trunc();
    if x.abs() >= 2f64.powi(117) {
        return 0;
    }
    // 8–11. Modulo 2^64; the signed reading of these bits is x − 2^64 when x ≥ 2^63.
    (x as i128).rem_euclid(1i128 << 64) as u64
}

fn int_name(bits: u32, signed: bool) -> &'static str {
    match (bits, signed) {
        (8, true) => "byte",
        (8, false) => "octet",
        (16, true) => "short",
        (16, false) => "unsigned short",
        (32, true) => "long",
        (32, false) => "unsigned long",
        (64, true) => "long long",
        _ => "unsigned long long",
    }
}

macro_rules! int_conversions {
    ($($t:ty => $bits:expr, $signed:expr, $to:ident);* $(;)?) => {
        $(
            impl FromJSVal for $t {
                type Config = IntConversion;
                fn from_jsval(cx: &mut JSContext, value: HandleValue, conv: IntConversion) -> ConversionResult<$t> {
                    let x = match unsafe { ToNumber(cx, value) } {
                        Ok(x) => x,
                        Err(()) => return Err(()),
                    };
                    if $bits == 64 && matches!(conv, IntConversion::Default) {
                        // Exact modulo 2^64 (in f64 arithmetic, -10000 would come back as -10240).
                        return Ok(Ok(modulo_2_64(x) as $t));
                    }
                    Ok(convert_to_int(x, $bits, $signed, conv).map(|x| {
                        if $bits == 64 && !$signed && x < 0.0 { (x + 2f64.powi(64)) as $t } else { x as $t }
                    }))
                }
            }
            impl ToJSVal for $t {
                fn to_jsval(&self, _: &mut JSContext, mut rval: MutableHandleValue) {
                    rval.set($to(*self));
                }
            }
        )*
    };
}

fn small_int(v: impl Into<i32>) -> mozjs::jsval::JSVal {
    Int32Value(v.into())
}
fn u32_value(v: u32) -> mozjs::jsval::JSVal {
    UInt32Value(v)
}
fn i64_value(v: i64) -> mozjs::jsval::JSVal {
    DoubleValue(v as f64)
}
fn u64_value(v: u64) -> mozjs::jsval::JSVal {
    DoubleValue(v as f64)
}
fn i8_value(v: i8) -> mozjs::jsval::JSVal {
    small_int(v)
}
fn u8_value(v: u8) -> mozjs::jsval::JSVal {
    small_int(v)
}
fn i16_value(v: i16) -> mozjs::jsval::JSVal {
    small_int(v)
}
fn u16_value(v: u16) -> mozjs::jsval::JSVal {
    small_int(v)
}
fn i32_value(v: i32) -> mozjs::jsval::JSVal {
    Int32Value(v)
}

int_conversions! {
    i8 => 8, true, i8_value;
    u8 => 8, false, u8_value;
    i16 => 16, true, i16_value;
    u16 => 16, false, u16_value;
    i32 => 32, true, i32_value;
    u32 => 32, false, u32_value;
    i64 => 64, true, i64_value;
    u64 => 64, false, u64_value;
}

// ---------------------------------------------------------------- floats

impl FromJSVal for f64 {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<f64> {
        unsafe { ToNumber(cx, value) }.map(Ok)
    }
}

impl FromJSVal for f32 {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<f32> {
        unsafe { ToNumber(cx, value) }.map(|x| Ok(x as f32))
    }
}

impl FromJSVal for Finite<f64> {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        let x = unsafe { ToNumber(cx, value) }?;
        Ok(Finite::<f64>::new(x).ok_or_else(|| Failure::Message("The provided double value is non-finite.".into())))
    }
}

impl FromJSVal for Finite<f32> {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        let x = unsafe { ToNumber(cx, value) }? as f32;
        Ok(Finite::<f32>::new(x).ok_or_else(|| Failure::Message("The provided float value is non-finite.".into())))
    }
}

impl ToJSVal for f64 {
    fn to_jsval(&self, _: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(DoubleValue(*self));
    }
}

impl ToJSVal for f32 {
    fn to_jsval(&self, _: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(DoubleValue(*self as f64));
    }
}

impl<T: ToJSVal> ToJSVal for Finite<T> {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        (**self).to_jsval(cx, rval)
    }
}

// ---------------------------------------------------------------- strings

/// ToString(value) as a Rust string (lone surrogates replaced).
pub fn jsval_to_string(cx: &mut JSContext, value: HandleValue) -> Result<String, ()> {
    let s = unsafe { ToString(cx, value) };
    let Some(s) = NonNull::new(s) else { return Err(()) };
    Ok(unsafe { jsstr_to_string(cx, s) })
}

/// `[LegacyNullToEmptyString]` for DOMString.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StringificationBehavior {
    #[default]
    Default,
    Empty,
}

impl FromJSVal for DOMString {
    type Config = StringificationBehavior;
    fn from_jsval(cx: &mut JSContext, value: HandleValue, behavior: StringificationBehavior) -> ConversionResult<Self> {
        if behavior == StringificationBehavior::Empty && value.get().is_null() {
            return Ok(Ok(DOMString::new()));
        }
        jsval_to_string(cx, value).map(|s| Ok(DOMString::from(s)))
    }
}

impl FromJSVal for USVString {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        // jsstr_to_string already replaces unpaired surrogates with U+FFFD.
        jsval_to_string(cx, value).map(|s| Ok(USVString(s)))
    }
}

impl FromJSVal for ByteString {
    type Config = ();
    fn from_jsval(cx: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        let s = jsval_to_string(cx, value)?;
        let mut bytes = Vec::with_capacity(s.len());
        for c in s.chars() {
            if (c as u32) > 0xFF {
                return Ok(Err(Failure::Message("Value is not a valid ByteString.".into())));
            }
            bytes.push(c as u32 as u8);
        }
        Ok(Ok(ByteString(bytes)))
    }
}

impl ToJSVal for str {
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        // ASCII (most strings a binding returns: ids, enum values, URLs) is Latin-1 as
        // it is, so it is copied without the UTF-8 decoder's scan for the narrowest
        // encoding; the empty string is the runtime's own.
        let s = if self.is_empty() {
            // SAFETY: `cx` is the current context.
            unsafe { mozjs::jsapi::JS_GetEmptyString(cx.raw_cx()) }
        } else if self.is_ascii() {
            // SAFETY: `self` is `len()` valid bytes, each a Latin-1 code unit.
            unsafe { mozjs::jsapi::JS_NewStringCopyN(cx.raw_cx(), self.as_ptr() as *const _, self.len()) }
        } else {
            let chars = mozjs::conversions::Utf8Chars::from(self);
            // SAFETY: `chars` is valid UTF-8 that outlives the call.
            unsafe { JS_NewStringCopyUTF8N(cx.raw_cx(), &*chars as *const _) }
        };
        assert!(!s.is_null(), "out of memory creating a string");
        rval.set(StringValue(unsafe { &*s }));
    }
}

impl ToJSVal for String {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.as_str().to_jsval(cx, rval)
    }
}

impl ToJSVal for DOMString {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.as_str().to_jsval(cx, rval)
    }
}

impl ToJSVal for USVString {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.0.as_str().to_jsval(cx, rval)
    }
}

impl ToJSVal for ByteString {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        let s: String = self.0.iter().map(|&b| b as char).collect();
        s.to_jsval(cx, rval)
    }
}

// ---------------------------------------------------------------- nullable, sequences

impl<T: FromJSVal> FromJSVal for Option<T> {
    type Config = T::Config;
    fn from_jsval(cx: &mut JSContext, value: HandleValue, config: T::Config) -> ConversionResult<Self> {
        if value.get().is_null_or_undefined() {
            return Ok(Ok(None));
        }
        Ok(T::from_jsval(cx, value, config)?.map(Some))
    }
}

impl<T: ToJSVal> ToJSVal for Option<T> {
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        match self {
            Some(v) => v.to_jsval(cx, rval),
            None => rval.set(NullValue()),
        }
    }
}

/// <https://webidl.spec.whatwg.org/#js-sequence>: iterate the value's @@iterator.
impl<T: FromJSVal> FromJSVal for Vec<T> {
    type Config = T::Config;
    fn from_jsval(cx: &mut JSContext, value: HandleValue, config: T::Config) -> ConversionResult<Self> {
        if !value.get().is_object() {
            return Ok(Err(Failure::Message("The provided value cannot be converted to a sequence.".into())));
        }
        let mut out = Vec::new();
        let mut failure = None;
        let result = for_of(cx, value, |cx, element| match T::from_jsval(cx, element, config) {
            Ok(Ok(v)) => {
                out.push(v);
                Ok(ControlFlow::Continue(()))
            }
            Ok(Err(f)) => {
                failure = Some(f);
                Ok(ControlFlow::Break(()))
            }
            Err(()) => Err(ForOfIterationFailure::<()>::JSFailed),
        });
        match result {
            Ok(()) => Ok(match failure {
                Some(f) => Err(f),
                None => Ok(out),
            }),
            Err(ForOfIterationFailure::ValueIsNotIterable) => {
                Ok(Err(Failure::Message("The object must have a callable @@iterator property.".into())))
            }
            Err(_) => Err(()),
        }
    }
}

impl<T: ToJSVal> ToJSVal for [T] {
    fn to_jsval(&self, cx: &mut JSContext, mut rval: MutableHandleValue) {
        unsafe {
            rooted!(&in(cx) let array = mozjs::jsapi::NewArrayObject1(cx.raw_cx(), self.len()));
            assert!(!array.get().is_null());
            rooted!(&in(cx) let mut element = UndefinedValue());
            for (i, item) in self.iter().enumerate() {
                item.to_jsval(cx, element.handle_mut());
                assert!(mozjs::jsapi::JS_DefineElement(
                    cx.raw_cx(),
                    array.handle().into(),
                    i as u32,
                    element.handle().into(),
                    mozjs::jsapi::JSPROP_ENUMERATE as u32
                ));
            }
            rval.set(ObjectValue(array.get()));
        }
    }
}

impl<T: ToJSVal> ToJSVal for Vec<T> {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.as_slice().to_jsval(cx, rval)
    }
}

impl<T: ToJSVal + ?Sized> ToJSVal for &T {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        (**self).to_jsval(cx, rval)
    }
}

impl ToJSVal for () {
    fn to_jsval(&self, _: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(UndefinedValue());
    }
}

// ---------------------------------------------------------------- DOM objects

/// The reflector of a DOM object, wrapped for the current realm.
pub fn reflector_to_jsval<T: DomObject + ?Sized>(cx: &mut JSContext, object: &T, mut rval: MutableHandleValue) {
    let obj = object.reflector().get_raw();
    assert!(!obj.is_null(), "a DOM object escaped to JS before being reflected");
    rval.set(ObjectValue(obj));
    unsafe { maybe_wrap_object_value(cx, rval) };
}

impl<T: DomObject> ToJSVal for DomRoot<T> {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        reflector_to_jsval(cx, &**self, rval)
    }
}

impl<T: DomObject> ToJSVal for Dom<T> {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        reflector_to_jsval(cx, &**self, rval)
    }
}

/// The DOM object behind `obj` if it implements `T`.
///
/// # Safety
/// `obj` must be a live object.
pub unsafe fn root_from_object<T: IDLInterface + DomObject>(obj: *mut JSObject) -> Option<DomRoot<T>> {
    unsafe {
        let ptr = unwrap_dom_object(obj, T::PROTO_ID, T::DEPTH)?;
        if ptr.is_null() {
            return None;
        }
        Some(DomRoot::from_ref(&*(ptr as *const T)))
    }
}

impl<T: IDLInterface + DomObject> FromJSVal for DomRoot<T> {
    type Config = ();
    fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        if !value.get().is_object() {
            return Ok(Err(Failure::NotOfType(T::NAME.into())));
        }
        Ok(unsafe { root_from_object::<T>(value.get().to_object()) }.ok_or_else(|| Failure::NotOfType(T::NAME.into())))
    }
}

/// A JS object value converted to `object` (<https://webidl.spec.whatwg.org/#js-object>).
pub fn value_to_object(value: HandleValue) -> Result<*mut JSObject, Failure> {
    if value.get().is_object() { Ok(value.get().to_object()) } else { Err(Failure::NotOfType("object".into())) }
}

/// Whether `value` is a callable object.
pub fn is_callable(value: HandleValue) -> bool {
    value.get().is_object() && unsafe { mozjs::jsapi::IsCallable(value.get().to_object()) }
}

type Ids<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<AddressHasher>>;

thread_local! {
    /// Property keys of dictionary member names (read when a dictionary is converted
    /// from JS), atomized and pinned once per script thread, keyed by the address of
    /// the `c"…"` literal. Pinned atoms belong to the thread's one runtime and are
    /// never collected, so the keys need no tracing and stay valid for the thread's
    /// life. Without this cache every conversion atomized each member name again.
    static MEMBER_IDS: std::cell::RefCell<Ids<usize, mozjs::jsapi::jsid>> = const {
        std::cell::RefCell::new(std::collections::HashMap::with_hasher(std::hash::BuildHasherDefault::new()))
    };
}

/// Hashes an address with one multiply (Fibonacci hashing): the keys are
/// addresses of distinct literals, so no hash-flooding defence is needed, and
/// SipHash cost more than the atomization it replaces.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The property key of a dictionary member `name` (see `MEMBER_IDS`).
pub fn member_id(cx: &mut JSContext, name: &'static std::ffi::CStr) -> mozjs::jsapi::jsid {
    let key = name.as_ptr() as usize;
    if let Some(id) = MEMBER_IDS.with(|ids| ids.borrow().get(&key).copied()) {
        return id;
    }
    let atom = crate::dom::bindings::interface::pinned_string(cx, name);
    assert!(!atom.is_null(), "out of memory atomizing a dictionary member name");
    rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
    // SAFETY: `atom` is a pinned atom of this runtime and `id` is rooted.
    unsafe { mozjs::glue::RUST_INTERNED_STRING_TO_JSID(cx.raw_cx(), atom, id.handle_mut().into()) };
    let id = id.get();
    MEMBER_IDS.with(|ids| ids.borrow_mut().insert(key, id));
    id
}

/// Which members a dictionary value has: for the dictionary and each one it
/// inherits from (inherited first), its member names in lexicographic order and a
/// bit per name that is present. This is the shape of its JS object
/// (<https://webidl.spec.whatwg.org/#js-dictionary>: inherited dictionaries'
/// members first, each dictionary's in lexicographic order).
#[derive(Clone, Default)]
pub struct DictionaryShape(smallvec::SmallVec<[(&'static [&'static std::ffi::CStr], u64); 2]>);

impl DictionaryShape {
    /// Adds one dictionary's members: `names` (the generated list of one dictionary,
    /// at most 64 names, always the same static) and the bits of those present.
    pub fn push(&mut self, names: &'static [&'static std::ffi::CStr], present: u64) {
        self.0.push((names, present));
    }

    /// The present member names, in order.
    fn names(&self) -> impl Iterator<Item = &'static std::ffi::CStr> + '_ {
        self.0.iter().flat_map(|&(names, present)| {
            names.iter().enumerate().filter(move |(i, _)| present & (1 << i) != 0).map(|(_, name)| *name)
        })
    }
}

// Shapes compare by the address of each name list (one static per dictionary) and the bits.
impl PartialEq for DictionaryShape {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|(a, b)| std::ptr::eq(a.0.as_ptr(), b.0.as_ptr()) && a.1 == b.1)
    }
}

impl Eq for DictionaryShape {}

impl std::hash::Hash for DictionaryShape {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for (names, present) in &self.0 {
            state.write_usize(names.as_ptr() as usize);
            state.write_u64(*present);
        }
    }
}

/// Per global: for each dictionary shape converted to JS in it, a function made once,
/// `(function (v0, v1, …) { return { "name0": v0, "name1": v1, … }; })`, that returns
/// a new object with those members. Its object literal is built by SpiderMonkey's own
/// fast path (one allocation with a ready shape, from JIT code once it is hot); adding
/// the members one by one through the JSAPI costs a lookup and a shape transition
/// each, which was most of `getSettings()`.
#[derive(Default)]
pub struct DictionaryMakers(
    std::cell::RefCell<
        std::collections::HashMap<
            DictionaryShape,
            Box<mozjs::jsapi::Heap<*mut JSObject>>,
            std::hash::BuildHasherDefault<ShapeHasher>,
        >,
    >,
);

// SAFETY: every function is a `Heap` in a `Box` (a stable address) and is traced here.
unsafe impl crate::dom::bindings::trace::JSTraceable for DictionaryMakers {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: the caller traces on the script thread, as the trait requires.
        unsafe { self.0.borrow().trace(trc) }
    }
}

/// Combines the words of a shape (FxHash's step): cheaper than SipHash for a few
/// static addresses and bit sets, which no page chooses.
#[derive(Default)]
pub struct ShapeHasher(u64);

impl std::hash::Hasher for ShapeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Converts a dictionary value with `shape` and the present members' `values` (in
/// shape order) to a new JS object in `rval`
/// (<https://webidl.spec.whatwg.org/#js-dictionary>: a new plain object of the
/// current realm with Object.prototype as its prototype, then CreateDataProperty for
/// each present member, in order).
///
/// `values` is emptied and its buffer kept for the next conversion.
pub fn new_dictionary_object(
    cx: &mut JSContext,
    shape: &DictionaryShape,
    values: &mut mozjs::gc::RootedGuard<'_, Vec<mozjs::jsval::JSVal>>,
    rval: MutableHandleValue,
) {
    make_dictionary_object(cx, shape, values, rval);
    let mut buffer = values.take();
    buffer.clear();
    VALUE_BUFFERS.with(|buffers| buffers.borrow_mut().push(buffer));
}

thread_local! {
    /// Emptied value buffers of finished dictionary conversions, reused by the next
    /// ones (a conversion inside a conversion takes a second buffer).
    static VALUE_BUFFERS: std::cell::RefCell<Vec<Vec<mozjs::jsval::JSVal>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An empty buffer for a dictionary conversion's member values (see `new_dictionary_object`).
pub fn dictionary_values_buffer() -> Vec<mozjs::jsval::JSVal> {
    VALUE_BUFFERS.with(|buffers| buffers.borrow_mut().pop()).unwrap_or_else(|| Vec::with_capacity(16))
}

fn make_dictionary_object(
    cx: &mut JSContext,
    shape: &DictionaryShape,
    values: &mozjs::gc::RootedGuard<'_, Vec<mozjs::jsval::JSVal>>,
    mut rval: MutableHandleValue,
) {
    if values.is_empty() {
        rooted!(&in(cx) let object = new_plain_object(cx));
        rval.set(ObjectValue(object.get()));
        return;
    }
    // SAFETY: `cx` is the current context, in the realm of a live DOM global (script
    // is running in it), whose Window lives at least as long as the global; the
    // reference is used only in this call, during which nothing can end that realm.
    let window = unsafe {
        let global = mozjs::jsapi::CurrentGlobalOrNull(cx.raw_cx());
        assert!(!global.is_null(), "no current realm");
        &*(crate::dom::bindings::interface::private_from_object(global) as *const crate::dom::html::window::Window)
    };
    let makers = &window.dictionary_makers().0;
    let cached = makers.borrow().get(shape).map(|heap| heap.get());
    rooted!(&in(cx) let maker = match cached {
        Some(maker) => maker,
        None => {
            let maker = compile_dictionary_maker(cx, shape);
            let heap = Box::new(mozjs::jsapi::Heap::default());
            heap.set(maker);
            makers.borrow_mut().insert(shape.clone(), heap);
            maker
        }
    });
    rooted!(&in(cx) let maker = ObjectValue(maker.get()));
    let args = mozjs::jsapi::JS::HandleValueArray::from(values);
    // SAFETY: `maker` is a rooted function of this realm, `values` a rooted vector that
    // outlives the call, `rval` a rooted out-parameter and `cx` the current context.
    let ok = unsafe {
        mozjs::jsapi::JS_CallFunctionValue(
            cx.raw_cx(),
            mozjs::jsapi::JS::HandleObject::null(),
            maker.handle().into(),
            &args,
            rval.reborrow().into(),
        )
    };
    // The function only builds an object literal from its arguments: nothing a page
    // defines runs, and only running out of memory could make it fail.
    assert!(ok, "out of memory creating a dictionary object");
}

/// The function of `DictionaryMakers` for `shape`, compiled in the current realm.
fn compile_dictionary_maker(cx: &mut JSContext, shape: &DictionaryShape) -> *mut JSObject {
    let names: Vec<&str> = shape.names().map(|name| name.to_str().expect("member names are ASCII")).collect();
    let params: Vec<String> = (0..names.len()).map(|i| format!("v{i}")).collect();
    // Member names are WebIDL identifiers (letters, digits, `_` and `-`); as quoted
    // keys they are plain data properties.
    let members: Vec<String> = names.iter().enumerate().map(|(i, name)| format!("\"{name}\": v{i}")).collect();
    let source = format!("(function ({}) {{ return {{ {} }}; }})", params.join(", "), members.join(", "));
    // SAFETY: `cx` is the current context, in a realm.
    rooted!(&in(cx) let global = unsafe { mozjs::jsapi::CurrentGlobalOrNull(cx.raw_cx()) });
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"aperture:dictionary".to_owned(), 1);
    let ok = mozjs::rust::evaluate_script(cx, global.handle(), &source, rval.handle_mut(), options).is_ok();
    assert!(ok && rval.get().is_object(), "compiling a dictionary maker failed: {source}");
    rval.get().to_object()
}

/// Reads property `name` of `obj` into `rval` (for dictionaries).
pub fn get_property(
    cx: &mut JSContext,
    obj: mozjs::rust::HandleObject,
    name: &'static std::ffi::CStr,
    rval: MutableHandleValue,
) -> Result<(), ()> {
    rooted!(&in(cx) let id = member_id(cx, name));
    // SAFETY: `obj`, `id` and `rval` are rooted handles and `cx` is the current context.
    if unsafe { mozjs::jsapi::JS_GetPropertyById(cx.raw_cx(), obj.into(), id.handle().into(), rval.into()) } {
        Ok(())
    } else {
        Err(())
    }
}

/// Defines an enumerable data property (for dictionaries converted to JS).
pub fn set_dictionary_property(
    cx: &mut JSContext,
    obj: mozjs::rust::HandleObject,
    name: &'static std::ffi::CStr,
    value: HandleValue,
) {
    rooted!(&in(cx) let id = member_id(cx, name));
    // SAFETY: `obj`, `id` and `value` are rooted handles and `cx` is the current context.
    let ok = unsafe {
        mozjs::jsapi::JS_DefinePropertyById2(
            cx.raw_cx(),
            obj.into(),
            id.handle().into(),
            value.into(),
            mozjs::jsapi::JSPROP_ENUMERATE as u32,
        )
    };
    assert!(ok, "defining a dictionary member failed");
}

/// A new plain object (for dictionaries converted to JS).
pub fn new_plain_object(cx: &mut JSContext) -> *mut JSObject {
    let obj = unsafe { mozjs::jsapi::JS_NewPlainObject(cx.raw_cx()) };
    assert!(!obj.is_null(), "out of memory creating an object");
    obj
}

/// Converts `value`, throwing a TypeError with the member's context on failure
/// ("{prefix}: {what} is not of type 'X'."). `None` means an exception is pending.
pub fn convert<T: FromJSVal>(
    cx: &mut JSContext,
    value: HandleValue,
    config: T::Config,
    prefix: &str,
    what: &str,
) -> Option<T> {
    match T::from_jsval(cx, value, config) {
        Ok(Ok(v)) => Some(v),
        Ok(Err(failure)) => {
            crate::dom::bindings::error::throw_type_error(cx, &format!("{prefix}: {}", failure.describe(what)));
            None
        }
        Err(()) => None,
    }
}

// ---------------------------------------------------------------- buffer sources

/// An `ArrayBuffer` argument, copied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArrayBufferBytes(pub Vec<u8>);

/// An `ArrayBufferView` argument (its viewed bytes), copied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArrayBufferViewBytes(pub Vec<u8>);

impl FromJSVal for ArrayBufferBytes {
    type Config = ();
    fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        if !crate::dom::bindings::jit::is_array_buffer(value) {
            return Ok(Err(Failure::NotOfType("ArrayBuffer".into())));
        }
        unsafe {
            let obj = value.get().to_object();
            let mut len = 0usize;
            let mut shared = false;
            let mut data: *mut u8 = std::ptr::null_mut();
            mozjs::jsapi::GetArrayBufferLengthAndData(obj, &mut len, &mut shared, &mut data);
            let bytes = if data.is_null() { Vec::new() } else { std::slice::from_raw_parts(data, len).to_vec() };
            Ok(Ok(ArrayBufferBytes(bytes)))
        }
    }
}

impl FromJSVal for ArrayBufferViewBytes {
    type Config = ();
    fn from_jsval(_: &mut JSContext, value: HandleValue, _: ()) -> ConversionResult<Self> {
        if !crate::dom::bindings::jit::is_array_buffer_view(value) {
            return Ok(Err(Failure::NotOfType("ArrayBufferView".into())));
        }
        unsafe {
            let obj = value.get().to_object();
            let mut len = 0usize;
            let mut shared = false;
            let mut data: *mut u8 = std::ptr::null_mut();
            mozjs::jsapi::GetArrayBufferViewLengthAndData(obj, &mut len, &mut shared, &mut data);
            let bytes = if data.is_null() { Vec::new() } else { std::slice::from_raw_parts(data, len).to_vec() };
            Ok(Ok(ArrayBufferViewBytes(bytes)))
        }
    }
}

/// Creates an `ArrayBuffer` holding a copy of `bytes`.
pub fn new_array_buffer(cx: &mut JSContext, bytes: &[u8], mut rval: MutableHandleValue) {
    unsafe {
        rooted!(&in(cx) let buffer = mozjs::jsapi::NewArrayBuffer(cx.raw_cx(), bytes.len()));
        assert!(!buffer.get().is_null(), "out of memory creating an ArrayBuffer");
        let mut len = 0usize;
        let mut shared = false;
        let mut data: *mut u8 = std::ptr::null_mut();
        mozjs::jsapi::GetArrayBufferLengthAndData(buffer.get(), &mut len, &mut shared, &mut data);
        if !bytes.is_empty() {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
        }
        rval.set(ObjectValue(buffer.get()));
    }
}

/// Creates a `Uint8Array` (on a new `ArrayBuffer`) holding a copy of `bytes`.
pub fn new_uint8_array(cx: &mut JSContext, bytes: &[u8], mut rval: MutableHandleValue) {
    // SAFETY: the new array is rooted before anything can collect; its data pointer is read and
    // written at once, with no GC in between.
    unsafe {
        rooted!(&in(cx) let array = mozjs::jsapi::JS_NewUint8Array(cx.raw_cx(), bytes.len()));
        assert!(!array.get().is_null(), "out of memory creating a Uint8Array");
        if !bytes.is_empty() {
            let mut len = 0usize;
            let mut shared = false;
            let mut data: *mut u8 = std::ptr::null_mut();
            mozjs::jsapi::GetArrayBufferViewLengthAndData(array.get(), &mut len, &mut shared, &mut data);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len().min(len));
        }
        rval.set(ObjectValue(array.get()));
    }
}

/// A new `Float32Array` holding `values` (`DOMMatrix.toFloat32Array()`).
pub fn new_float32_array(cx: &mut JSContext, values: &[f32], rval: MutableHandleValue) {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
    // SAFETY: creating a typed array has no precondition beyond a live context.
    let array = unsafe { mozjs::jsapi::JS_NewFloat32Array(cx.raw_cx(), values.len()) };
    fill_new_view(cx, array, &bytes, rval);
}

/// A new `Float64Array` holding `values` (`DOMMatrix.toFloat64Array()`).
pub fn new_float64_array(cx: &mut JSContext, values: &[f64], rval: MutableHandleValue) {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
    // SAFETY: as above.
    let array = unsafe { mozjs::jsapi::JS_NewFloat64Array(cx.raw_cx(), values.len()) };
    fill_new_view(cx, array, &bytes, rval);
}

/// A new `Int32Array` holding `values` (WebGL's integer vector parameters).
pub fn new_typed_array_i32(cx: &mut JSContext, values: &[i32], rval: MutableHandleValue) {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
    // SAFETY: as above.
    let array = unsafe { mozjs::jsapi::JS_NewInt32Array(cx.raw_cx(), values.len()) };
    fill_new_view(cx, array, &bytes, rval);
}

/// A new `Uint32Array` holding `values`.
pub fn new_typed_array_u32(cx: &mut JSContext, values: &[u32], rval: MutableHandleValue) {
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
    // SAFETY: as above.
    let array = unsafe { mozjs::jsapi::JS_NewUint32Array(cx.raw_cx(), values.len()) };
    fill_new_view(cx, array, &bytes, rval);
}

/// Copies `bytes` into a just-created typed array and stores it in `rval`.
fn fill_new_view(cx: &mut JSContext, array: *mut mozjs::jsapi::JSObject, bytes: &[u8], mut rval: MutableHandleValue) {
    rooted!(&in(cx) let array = array);
    assert!(!array.get().is_null(), "out of memory creating a typed array");
    // SAFETY: the array is rooted and was just created with room for `bytes`; its data pointer
    // is written at once, with no GC in between.
    unsafe {
        let mut len = 0usize;
        let mut shared = false;
        let mut data: *mut u8 = std::ptr::null_mut();
        mozjs::jsapi::GetArrayBufferViewLengthAndData(array.get(), &mut len, &mut shared, &mut data);
        if !data.is_null() {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len().min(len));
        }
    }
    rval.set(ObjectValue(array.get()));
}

/// Runs `f` on the bytes an `ArrayBufferView` views (empty when detached). `f` must not run
/// script or allocate GC things: the bytes are only valid while nothing moves the buffer.
pub fn with_view_bytes_mut<R>(view: mozjs::rust::HandleObject, f: impl FnOnce(&mut [u8]) -> R) -> R {
    // SAFETY: `view` is a rooted ArrayBufferView (checked by the binding); the slice lives only
    // for `f`, which neither runs script nor allocates.
    unsafe {
        let obj = mozjs::jsapi::js::CheckedUnwrapStatic(view.get());
        let mut len = 0usize;
        let mut shared = false;
        let mut data: *mut u8 = std::ptr::null_mut();
        if !obj.is_null() {
            mozjs::jsapi::GetArrayBufferViewLengthAndData(obj, &mut len, &mut shared, &mut data);
        }
        if data.is_null() { f(&mut []) } else { f(std::slice::from_raw_parts_mut(data, len)) }
    }
}

/// The pointer and length of the bytes of an `ArrayBuffer` or an `ArrayBufferView` (`None` for
/// another object).
///
/// SAFETY: `object` must be rooted; the pointer is valid until script runs or the GC moves or
/// detaches the buffer.
unsafe fn buffer_source_data(object: *mut mozjs::jsapi::JSObject) -> Option<(*mut u8, usize)> {
    unsafe {
        let obj = mozjs::jsapi::js::CheckedUnwrapStatic(object);
        if obj.is_null() {
            return None;
        }
        let mut len = 0usize;
        let mut shared = false;
        let mut data: *mut u8 = std::ptr::null_mut();
        if mozjs::jsapi::IsArrayBufferObject(obj) {
            mozjs::jsapi::GetArrayBufferLengthAndData(obj, &mut len, &mut shared, &mut data);
        } else if mozjs::jsapi::JS_IsArrayBufferViewObject(obj) {
            mozjs::jsapi::GetArrayBufferViewLengthAndData(obj, &mut len, &mut shared, &mut data);
        } else {
            return None;
        }
        Some((data, len))
    }
}

/// The byte length of an `ArrayBuffer` or `ArrayBufferView` argument given as `object`; `None`
/// for any other object (a `BufferSource` the page's memory is written into).
pub fn buffer_source_length(object: mozjs::rust::HandleObject) -> Option<usize> {
    // SAFETY: `object` is a rooted handle; only the length is read.
    unsafe { buffer_source_data(object.get()) }.map(|(_, len)| len)
}

/// Runs `f` on the bytes of an `ArrayBuffer` or `ArrayBufferView` given as `object` (`None` for
/// another object).
pub fn with_buffer_source_bytes_mut<R>(object: mozjs::rust::HandleObject, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
    // SAFETY: `object` is rooted; the slice lives only for `f`, which neither runs script nor
    // allocates on the JS heap.
    unsafe {
        let (data, len) = buffer_source_data(object.get())?;
        Some(if data.is_null() { f(&mut []) } else { f(std::slice::from_raw_parts_mut(data, len)) })
    }
}

/// Bytes that become a new `Uint8Array` when converted to JS (a promise's `Uint8Array` value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Uint8ArrayBytes(pub Vec<u8>);

impl ToJSVal for Uint8ArrayBytes {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        new_uint8_array(cx, &self.0, rval)
    }
}

impl ToJSVal for ArrayBufferBytes {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        new_array_buffer(cx, &self.0, rval)
    }
}

impl ToJSVal for ArrayBufferViewBytes {
    fn to_jsval(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        new_array_buffer(cx, &self.0, rval)
    }
}
