//! `DOMException` (<https://webidl.spec.whatwg.org/#idl-DOMException>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::DOMExceptionBinding::DOMExceptionMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

/// Every DOMException name of the error names table, with its legacy code
/// (<https://webidl.spec.whatwg.org/#dfn-error-names-table>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DOMErrorName {
    IndexSizeError,
    HierarchyRequestError,
    WrongDocumentError,
    InvalidCharacterError,
    NoModificationAllowedError,
    NotFoundError,
    NotSupportedError,
    InUseAttributeError,
    InvalidStateError,
    SyntaxError,
    InvalidModificationError,
    NamespaceError,
    InvalidAccessError,
    TypeMismatchError,
    SecurityError,
    NetworkError,
    AbortError,
    URLMismatchError,
    QuotaExceededError,
    TimeoutError,
    InvalidNodeTypeError,
    DataCloneError,
    EncodingError,
    NotReadableError,
    UnknownError,
    ConstraintError,
    DataError,
    TransactionInactiveError,
    ReadOnlyError,
    VersionError,
    OperationError,
    NotAllowedError,
    OptOutError,
}

impl DOMErrorName {
    pub fn as_str(self) -> &'static str {
        use DOMErrorName::*;
        match self {
            IndexSizeError => "IndexSizeError",
            HierarchyRequestError => "HierarchyRequestError",
            WrongDocumentError => "WrongDocumentError",
            InvalidCharacterError => "InvalidCharacterError",
            NoModificationAllowedError => "NoModificationAllowedError",
            NotFoundError => "NotFoundError",
            NotSupportedError => "NotSupportedError",
            InUseAttributeError => "InUseAttributeError",
            InvalidStateError => "InvalidStateError",
            SyntaxError => "SyntaxError",
            InvalidModificationError => "InvalidModificationError",
            NamespaceError => "NamespaceError",
            InvalidAccessError => "InvalidAccessError",
            TypeMismatchError => "TypeMismatchError",
            SecurityError => "SecurityError",
            NetworkError => "NetworkError",
            AbortError => "AbortError",
            URLMismatchError => "URLMismatchError",
            QuotaExceededError => "QuotaExceededError",
            TimeoutError => "TimeoutError",
            InvalidNodeTypeError => "InvalidNodeTypeError",
            DataCloneError => "DataCloneError",
            EncodingError => "EncodingError",
            NotReadableError => "NotReadableError",
            UnknownError => "UnknownError",
            ConstraintError => "ConstraintError",
            DataError => "DataError",
            TransactionInactiveError => "TransactionInactiveError",
            ReadOnlyError => "ReadOnlyError",
            VersionError => "VersionError",
            OperationError => "OperationError",
            NotAllowedError => "NotAllowedError",
            OptOutError => "OptOutError",
        }
    }

    /// The legacy code, 0 for names without one.
    pub fn legacy_code(self) -> u16 {
        use DOMErrorName::*;
        match self {
            IndexSizeError => 1,
            HierarchyRequestError => 3,
            WrongDocumentError => 4,
            InvalidCharacterError => 5,
            NoModificationAllowedError => 7,
            NotFoundError => 8,
            NotSupportedError => 9,
            InUseAttributeError => 10,
            InvalidStateError => 11,
            SyntaxError => 12,
            InvalidModificationError => 13,
            NamespaceError => 14,
            InvalidAccessError => 15,
            TypeMismatchError => 17,
            SecurityError => 18,
            NetworkError => 19,
            AbortError => 20,
            URLMismatchError => 21,
            QuotaExceededError => 22,
            TimeoutError => 23,
            InvalidNodeTypeError => 24,
            DataCloneError => 25,
            _ => 0,
        }
    }

    const ALL: [DOMErrorName; 33] = {
        use DOMErrorName::*;
        [
            IndexSizeError,
            HierarchyRequestError,
            WrongDocumentError,
            InvalidCharacterError,
            NoModificationAllowedError,
            NotFoundError,
            NotSupportedError,
            InUseAttributeError,
            InvalidStateError,
            SyntaxError,
            InvalidModificationError,
            NamespaceError,
            InvalidAccessError,
            TypeMismatchError,
            SecurityError,
            NetworkError,
            AbortError,
            URLMismatchError,
            QuotaExceededError,
            TimeoutError,
            InvalidNodeTypeError,
            DataCloneError,
            EncodingError,
            NotReadableError,
            UnknownError,
            ConstraintError,
            DataError,
            TransactionInactiveError,
            ReadOnlyError,
            VersionError,
            OperationError,
            NotAllowedError,
            OptOutError,
        ]
    };

    pub fn from_name(name: &str) -> Option<DOMErrorName> {
        Self::ALL.iter().copied().find(|n| n.as_str() == name)
    }
}

#[dom_struct]
pub struct DOMException {
    reflector_: Reflector,
    #[no_trace]
    name: RefCell<String>,
    #[no_trace]
    message: RefCell<String>,
}

impl DOMException {
    pub fn new_inherited(name: String, message: String) -> DOMException {
        DOMException { reflector_: Reflector::new(), name: RefCell::new(name), message: RefCell::new(message) }
    }

    pub fn new(cx: &mut JSContext, global: &Window, name: DOMErrorName, message: String) -> DomRoot<DOMException> {
        reflect_dom_object(cx, Box::new(DOMException::new_inherited(name.as_str().into(), message)), global)
    }

    /// A DOMException with any `name` (a deserialized one keeps the name it had).
    pub fn with_name(cx: &mut JSContext, global: &Window, name: String, message: String) -> DomRoot<DOMException> {
        reflect_dom_object(cx, Box::new(DOMException::new_inherited(name, message)), global)
    }

    pub fn name_str(&self) -> String {
        self.name.borrow().clone()
    }

    pub fn message_str(&self) -> String {
        self.message.borrow().clone()
    }
}

impl DOMExceptionMethods for DOMException {
    /// <https://webidl.spec.whatwg.org/#dom-domexception-domexception>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        message: DOMString,
        name: DOMString,
    ) -> Fallible<DomRoot<DOMException>> {
        Ok(reflect_dom_object_with_proto(
            cx,
            Box::new(DOMException::new_inherited(name.into(), message.into())),
            global,
            proto,
        ))
    }

    /// <https://webidl.spec.whatwg.org/#dom-domexception-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.name.borrow().clone())
    }

    /// <https://webidl.spec.whatwg.org/#dom-domexception-message>
    fn Message(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.message.borrow().clone())
    }

    /// <https://webidl.spec.whatwg.org/#dom-domexception-code>
    fn Code(&self, _cx: &mut JSContext) -> u16 {
        DOMErrorName::from_name(&self.name.borrow()).map(|n| n.legacy_code()).unwrap_or(0)
    }
}
