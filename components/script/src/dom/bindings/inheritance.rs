//! Interface inheritance on the Rust side.
//!
//! DOM structs embed their parent interface's struct as their first field
//! (checked by `#[dom_struct]`), so a pointer to a derived struct is a valid
//! pointer to every ancestor: upcasts are free. Downcasts check the
//! reflector's class, whose [`DOMClass`] lists the interface chain.

use crate::dom::bindings::interface::{DOMClass, get_dom_class};
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;

/// Implemented by `#[dom_struct]`: the struct's first field is at offset 0.
pub trait FirstField {}

/// Generated for each interface: its place in the prototype chain.
pub trait IDLInterface {
    /// The interface's prototype id (index in `PrototypeList::ID`).
    const PROTO_ID: u16;
    /// Inheritance depth (0 for a root interface).
    const DEPTH: usize;
    /// The interface name.
    const NAME: &'static str;

    /// Whether an object of class `class` implements this interface.
    fn derives(class: &DOMClass) -> bool {
        class.depth as usize >= Self::DEPTH && class.interface_chain[Self::DEPTH] == Self::PROTO_ID
    }
}

/// Generated: `Self` is `T` or inherits from it.
pub trait DerivedFrom<T> {}

/// Up- and downcasts between DOM interfaces.
pub trait Castable: DomObject + Sized {
    /// Whether this object implements interface `T`.
    fn is<T: IDLInterface>(&self) -> bool {
        // SAFETY: `self` is a live DOM object, so its reflector is a live object of a DOM class.
        match unsafe { get_dom_class(self.reflector().get_raw()) } {
            Some(class) => T::derives(class),
            None => false,
        }
    }

    /// Views this object as its ancestor `T`.
    fn upcast<T: DomObject>(&self) -> &T
    where
        Self: DerivedFrom<T>,
    {
        // SAFETY: first-field layout (see module docs).
        unsafe { &*(self as *const Self as *const T) }
    }

    /// Views this object as the derived interface `T`, if it is one.
    fn downcast<T: DerivedFrom<Self> + IDLInterface + DomObject>(&self) -> Option<&T> {
        if self.is::<T>() {
            // SAFETY: the reflector's class says the object is a T, and T
            // starts with Self.
            Some(unsafe { &*(self as *const Self as *const T) })
        } else {
            None
        }
    }

    /// Rooted downcast.
    fn downcast_root<T: DerivedFrom<Self> + IDLInterface + DomObject>(&self) -> Option<DomRoot<T>> {
        self.downcast::<T>().map(DomRoot::from_ref)
    }
}

impl<T: DomObject> Castable for T {}
