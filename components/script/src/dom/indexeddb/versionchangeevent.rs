//! `IDBVersionChangeEvent` (<https://w3c.github.io/IndexedDB/#events>).

use crate::dom::events::simple_event;

use crate::dom::bindings::codegen::IDBVersionChangeEventBinding::IDBVersionChangeEventMethods;

simple_event! {
    /// <https://w3c.github.io/IndexedDB/#idbversionchangeevent>
    IDBVersionChangeEvent, IDBVersionChangeEventMethods, IDBVersionChangeEventInit {
        /// <https://w3c.github.io/IndexedDB/#dom-idbversionchangeevent-oldversion>
        old_version: u64 => OldVersion,
        /// <https://w3c.github.io/IndexedDB/#dom-idbversionchangeevent-newversion>
        new_version: Option<u64> => NewVersion,
    }
}

impl IDBVersionChangeEvent {
    /// <https://w3c.github.io/IndexedDB/#fire-a-version-change-event>: "Set event's type
    /// attribute to e. Set event's bubbles and cancelable attributes to false. Set event's
    /// oldVersion attribute to oldVersion. Set event's newVersion attribute to newVersion."
    pub fn new_trusted(
        cx: &mut mozjs::context::JSContext,
        window: &crate::dom::html::window::Window,
        type_: &str,
        old_version: u64,
        new_version: Option<u64>,
    ) -> crate::dom::bindings::root::DomRoot<IDBVersionChangeEvent> {
        use crate::dom::bindings::inheritance::Castable;
        let event = IDBVersionChangeEvent {
            event: crate::dom::dom::event::Event::new_inherited(window),
            old_version,
            new_version,
        };
        let event = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init(type_.into(), false, false);
        base.set_trusted(true);
        event
    }
}
