//! Restricted floating-point values (WebIDL `float`/`double`).

use std::ops::Deref;

/// A finite floating-point value (not NaN, not ±Infinity).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Finite<T>(T);

impl Finite<f64> {
    pub fn new(value: f64) -> Option<Self> {
        value.is_finite().then_some(Finite(value))
    }
    /// Panics (debug) on a non-finite value: for values computed from finite inputs.
    pub fn wrap(value: f64) -> Self {
        debug_assert!(value.is_finite(), "Finite::wrap({value})");
        Finite(if value.is_finite() { value } else { 0.0 })
    }
}

impl Finite<f32> {
    pub fn new(value: f32) -> Option<Self> {
        value.is_finite().then_some(Finite(value))
    }
    pub fn wrap(value: f32) -> Self {
        debug_assert!(value.is_finite(), "Finite::wrap({value})");
        Finite(if value.is_finite() { value } else { 0.0 })
    }
}

impl<T> Deref for Finite<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

unsafe impl<T> crate::dom::bindings::trace::JSTraceable for Finite<T> {
    unsafe fn trace(&self, _: *mut mozjs::jsapi::JSTracer) {}
}
