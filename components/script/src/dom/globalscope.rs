//! Finding the global (Window) of a DOM object.

use mozjs::jsapi::GetNonCCWObjectGlobal;

use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

/// Every DOM object belongs to the global it was created in.
pub trait DomGlobal {
    fn global(&self) -> DomRoot<Window>;
}

impl<T: DomObject> DomGlobal for T {
    fn global(&self) -> DomRoot<Window> {
        let obj = self.reflector().get_raw();
        assert!(!obj.is_null(), "global() on an object without a reflector");
        Window::from_object(obj)
    }
}

/// The global of any JS object. `obj` must be a live object; every caller passes one it
/// holds (a reflector, a callee, a promise), as `Window::from_object` documents.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn global_of(obj: *mut mozjs::jsapi::JSObject) -> *mut mozjs::jsapi::JSObject {
    // SAFETY: every caller passes a live object it holds (see above); the function only reads
    // its realm. (A safe fn taking a raw pointer: the contract is not checked by the type.)
    unsafe { GetNonCCWObjectGlobal(obj) }
}
