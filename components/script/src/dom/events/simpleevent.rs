//! `simple_event!`: an interface that inherits `Event` and exposes its init dictionary's
//! members as read-only attributes ("the event constructing steps": every member of the
//! dictionary initializes the attribute of the same name).

/// Declares the struct, its constructor (<https://dom.spec.whatwg.org/#concept-event-constructor>)
/// and one getter per field. Each field is stored as its getter returns it.
macro_rules! simple_event {
    (
        $(#[$doc:meta])*
        $name:ident, $methods:path, $init:ident {
            $( $(#[$fdoc:meta])* $field:ident : $ty:ty => $getter:ident ),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[dom_struct::dom_struct]
        pub struct $name {
            event: crate::dom::dom::event::Event,
            $(
                #[no_trace]
                $field: $ty,
            )*
        }

        impl $methods for $name {
            /// <https://dom.spec.whatwg.org/#concept-event-constructor>: "initialize event's
            /// attributes from eventInitDict", the event is not trusted.
            fn Constructor(
                cx: &mut mozjs::context::JSContext,
                global: &crate::dom::html::window::Window,
                proto: Option<mozjs::rust::HandleObject>,
                type_: crate::dom::bindings::str::DOMString,
                init: &crate::dom::bindings::codegen::Dictionaries::$init,
            ) -> crate::dom::bindings::error::Fallible<crate::dom::bindings::root::DomRoot<$name>> {
                use crate::dom::bindings::inheritance::Castable;
                let event = $name {
                    event: crate::dom::dom::event::Event::new_inherited(global),
                    $( $field: init.$field.clone(), )*
                };
                let event = crate::dom::bindings::classes::reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
                let base = event.upcast::<crate::dom::dom::event::Event>();
                base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
                base.set_composed(init.parent.composed);
                Ok(event)
            }
            $(
                $(#[$fdoc])*
                fn $getter(&self, _cx: &mut mozjs::context::JSContext) -> $ty {
                    self.$field.clone()
                }
            )*
        }
    };
}
pub(crate) use simple_event;
