//! `Headers` (<https://fetch.spec.whatwg.org/#headers-class>): a header list
//! with a guard.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::HeadersBinding::HeadersMethods;
use crate::dom::bindings::codegen::Unions::HeadersOrByteStringSequenceSequenceOrByteStringRecord as HeadersInit;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::ByteString;
use crate::dom::html::window::Window;

/// <https://fetch.spec.whatwg.org/#concept-headers-guard>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    Immutable,
    Request,
    Response,
    None,
}

/// A header list (<https://fetch.spec.whatwg.org/#concept-header-list>): names
/// keep the case they were given and compare case-insensitively.
pub type HeaderList = Vec<(Vec<u8>, Vec<u8>)>;

#[dom_struct]
pub struct Headers {
    reflector_: Reflector,
    #[no_trace]
    list: RefCell<HeaderList>,
    #[no_trace]
    guard: Cell<Guard>,
}

/// <https://fetch.spec.whatwg.org/#header-name>: a token (RFC 9110).
pub(crate) fn is_header_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// <https://fetch.spec.whatwg.org/#header-value>: no NUL, CR or LF, and no
/// leading or trailing HTTP whitespace (values are normalized first).
pub(crate) fn is_header_value(value: &[u8]) -> bool {
    !value.iter().any(|&b| matches!(b, 0 | b'\r' | b'\n'))
}

/// <https://fetch.spec.whatwg.org/#concept-header-value-normalize>: strip
/// leading and trailing HTTP whitespace bytes.
pub(crate) fn normalize(value: &[u8]) -> Vec<u8> {
    let ws = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r' | b' ');
    let start = value.iter().position(|b| !ws(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !ws(b)).map_or(start, |e| e + 1);
    value[start..end].to_vec()
}

/// <https://fetch.spec.whatwg.org/#forbidden-request-header> (names only).
pub(crate) fn is_forbidden_request_header(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    const NAMES: &[&[u8]] = &[
        b"accept-charset",
        b"accept-encoding",
        b"access-control-request-headers",
        b"access-control-request-method",
        b"connection",
        b"content-length",
        b"cookie",
        b"cookie2",
        b"date",
        b"dnt",
        b"expect",
        b"host",
        b"keep-alive",
        b"origin",
        b"referer",
        b"set-cookie",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"via",
    ];
    NAMES.contains(&lower.as_slice()) || lower.starts_with(b"proxy-") || lower.starts_with(b"sec-")
}

/// <https://fetch.spec.whatwg.org/#forbidden-response-header-name>
fn is_forbidden_response_header(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == b"set-cookie" || lower == b"set-cookie2"
}

fn invalid_name(name: &[u8]) -> Error {
    Error::Type(format!("Invalid name: '{}'.", String::from_utf8_lossy(name)))
}

impl Headers {
    fn new_inherited(guard: Guard) -> Headers {
        Headers { reflector_: Reflector::new(), list: RefCell::new(Vec::new()), guard: Cell::new(guard) }
    }

    /// A `Headers` with `list` and `guard` (a response's headers).
    pub fn new(cx: &mut JSContext, global: &Window, list: HeaderList, guard: Guard) -> DomRoot<Headers> {
        let headers = Headers::new_inherited(guard);
        *headers.list.borrow_mut() = list;
        reflect_dom_object(cx, Box::new(headers), global)
    }

    pub fn guard(&self) -> Guard {
        self.guard.get()
    }

    pub fn set_guard(&self, guard: Guard) {
        self.guard.set(guard);
    }

    pub fn list(&self) -> HeaderList {
        self.list.borrow().clone()
    }

    /// <https://fetch.spec.whatwg.org/#concept-header-list-get>
    pub fn get_value(&self, name: &[u8]) -> Option<Vec<u8>> {
        let list = self.list.borrow();
        let values: Vec<&[u8]> =
            list.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_slice()).collect();
        (!values.is_empty()).then(|| values.join(&b", "[..]))
    }

    fn contains(&self, name: &[u8]) -> bool {
        self.list.borrow().iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// <https://fetch.spec.whatwg.org/#headers-validate>: false if the header
    /// is to be ignored; a TypeError if it is invalid or the headers immutable.
    fn validate(&self, name: &[u8], value: &[u8]) -> Fallible<bool> {
        // Step 1: If name is not a header name or value is not a header value, throw a TypeError.
        if !is_header_name(name) {
            return Err(invalid_name(name));
        }
        if !is_header_value(value) {
            return Err(Error::Type(format!("Invalid value for header '{}'.", String::from_utf8_lossy(name))));
        }
        match self.guard.get() {
            // Step 2: If headers's guard is "immutable", then throw a TypeError.
            Guard::Immutable => Err(Error::Type("Headers are immutable.".into())),
            // Step 3: If the guard is "request" and (name, value) is a forbidden request-header, return false.
            Guard::Request if is_forbidden_request_header(name) => Ok(false),
            // Step 4: If the guard is "response" and name is a forbidden response-header name, return false.
            Guard::Response if is_forbidden_response_header(name) => Ok(false),
            _ => Ok(true),
        }
    }

    /// <https://fetch.spec.whatwg.org/#concept-headers-append>
    pub fn append_header(&self, name: &[u8], value: &[u8]) -> ErrorResult {
        // Step 1: Normalize value.
        let value = normalize(value);
        // Step 2: If validating (name, value) for headers returns false, then return.
        if !self.validate(name, &value)? {
            return Ok(());
        }
        // Step 4: Append (name, value) to headers's header list.
        self.list.borrow_mut().push((name.to_vec(), value));
        Ok(())
    }

    /// <https://fetch.spec.whatwg.org/#concept-headers-fill>
    pub fn fill(&self, init: HeadersInit) -> ErrorResult {
        match init {
            // (A Headers object, which the standard reaches through its pair iterator.)
            HeadersInit::Headers(other) => {
                for (name, value) in other.list() {
                    self.append_header(&name, &value)?;
                }
            }
            // Step 1: If object is a sequence, then for each header of object:
            HeadersInit::ByteStringSequenceSequence(pairs) => {
                for pair in pairs {
                    // Step 1.1: If header's size is not 2, then throw a TypeError.
                    let [name, value] = pair.as_slice() else {
                        return Err(Error::Type("Failed to construct 'Headers': Invalid value".into()));
                    };
                    // Step 1.2: Append (header[0], header[1]) to headers.
                    self.append_header(&name.0, &value.0)?;
                }
            }
            // Step 2: Otherwise, object is a record: append each (key, value) to headers.
            HeadersInit::ByteStringRecord(record) => {
                for (name, value) in record.0 {
                    self.append_header(&name.0, &value.0)?;
                }
            }
        }
        Ok(())
    }
}

impl HeadersMethods for Headers {
    /// <https://fetch.spec.whatwg.org/#dom-headers>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: Option<HeadersInit>,
    ) -> Fallible<DomRoot<Headers>> {
        // Step 1: Set this's guard to "none".
        let headers = reflect_dom_object_with_proto(cx, Box::new(Headers::new_inherited(Guard::None)), global, proto);
        // Step 2: If init is given, then fill this with init.
        if let Some(init) = init {
            headers.fill(init)?;
        }
        Ok(headers)
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-append>
    fn Append(&self, _cx: &mut JSContext, name: ByteString, value: ByteString) -> ErrorResult {
        self.append_header(&name.0, &value.0)
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-delete>
    fn Delete(&self, _cx: &mut JSContext, name: ByteString) -> ErrorResult {
        // Step 1: If validating (name, ``) for this returns false, then return.
        if !self.validate(&name.0, b"")? {
            return Ok(());
        }
        // Step 3: If this's header list does not contain name, then return.
        // Step 4: Delete name from this's header list.
        self.list.borrow_mut().retain(|(n, _)| !n.eq_ignore_ascii_case(&name.0));
        Ok(())
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-get>
    fn Get(&self, _cx: &mut JSContext, name: ByteString) -> Fallible<Option<ByteString>> {
        // Step 1: If name is not a header name, then throw a TypeError.
        if !is_header_name(&name.0) {
            return Err(invalid_name(&name.0));
        }
        // Step 2: Return the result of getting name from this's header list.
        Ok(self.get_value(&name.0).map(ByteString))
    }

    /// The value pairs to iterate over: "the return value of running sort and combine with
    /// this's header list" (<https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine>):
    /// lower-cased names in byte order, values of one name combined with ", ", except each
    /// `set-cookie` value on its own.
    fn PairIterable(&self, _cx: &mut JSContext) -> Vec<(ByteString, ByteString)> {
        let list = self.list.borrow();
        let mut names: Vec<Vec<u8>> = list.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for name in names {
            if name == b"set-cookie" {
                for (_, v) in list.iter().filter(|(n, _)| n.eq_ignore_ascii_case(b"set-cookie")) {
                    out.push((ByteString(name.clone()), ByteString(v.clone())));
                }
            } else if let Some(value) = self.get_value(&name) {
                out.push((ByteString(name), ByteString(value)));
            }
        }
        out
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-getsetcookie>
    fn GetSetCookie(&self, _cx: &mut JSContext) -> Vec<ByteString> {
        // Return the values of all headers in this's header list whose name is `Set-Cookie`, in order.
        self.list
            .borrow()
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(b"set-cookie"))
            .map(|(_, v)| ByteString(v.clone()))
            .collect()
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-has>
    fn Has(&self, _cx: &mut JSContext, name: ByteString) -> Fallible<bool> {
        // Step 1: If name is not a header name, then throw a TypeError.
        if !is_header_name(&name.0) {
            return Err(invalid_name(&name.0));
        }
        // Step 2: Return true if this's header list contains name; otherwise false.
        Ok(self.contains(&name.0))
    }

    /// <https://fetch.spec.whatwg.org/#dom-headers-set>
    fn Set(&self, _cx: &mut JSContext, name: ByteString, value: ByteString) -> ErrorResult {
        // Step 1: Normalize value.
        let value = normalize(&value.0);
        // Step 2: If validating (name, value) for this returns false, then return.
        if !self.validate(&name.0, &value)? {
            return Ok(());
        }
        // Step 4: Set (name, value) in this's header list: replace the first
        // header named name and remove the others, or append.
        let mut list = self.list.borrow_mut();
        match list.iter().position(|(n, _)| n.eq_ignore_ascii_case(&name.0)) {
            Some(first) => {
                list[first].1 = value;
                let mut i = 0;
                list.retain(|(n, _)| {
                    let keep = i <= first || !n.eq_ignore_ascii_case(&name.0);
                    i += 1;
                    keep
                });
            }
            None => list.push((name.0, value)),
        }
        Ok(())
    }
}
