//! WebIDL string types.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// `DOMString`: any sequence of UTF-16 code units; stored as UTF-8 with lone
/// surrogates replaced (SpiderMonkey strings are converted lossily).
#[derive(Clone, Debug, Default, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct DOMString(String);

impl DOMString {
    pub fn new() -> DOMString {
        DOMString(String::new())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for DOMString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for DOMString {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for DOMString {
    fn from(s: String) -> Self {
        DOMString(s)
    }
}

impl From<&str> for DOMString {
    fn from(s: &str) -> Self {
        DOMString(s.to_owned())
    }
}

impl From<DOMString> for String {
    fn from(s: DOMString) -> Self {
        s.0
    }
}

impl PartialEq<str> for DOMString {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for DOMString {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for DOMString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `USVString`: Unicode scalar values only.
#[derive(Clone, Debug, Default, Eq, Hash, PartialEq)]
pub struct USVString(pub String);

impl Deref for USVString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for USVString {
    fn from(s: String) -> Self {
        USVString(s)
    }
}

/// `ByteString`: bytes, each from a code unit ≤ 0xFF.
#[derive(Clone, Debug, Default, Eq, Hash, PartialEq)]
pub struct ByteString(pub Vec<u8>);

impl ByteString {
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

// SAFETY: a Rust string holds no GC thing, so tracing nothing is complete.
unsafe impl crate::dom::bindings::trace::JSTraceable for DOMString {
    unsafe fn trace(&self, _: *mut mozjs::jsapi::JSTracer) {}
}
// SAFETY: a Rust string holds no GC thing, so tracing nothing is complete.
unsafe impl crate::dom::bindings::trace::JSTraceable for USVString {
    unsafe fn trace(&self, _: *mut mozjs::jsapi::JSTracer) {}
}
