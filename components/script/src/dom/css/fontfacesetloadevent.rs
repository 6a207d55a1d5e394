//! `FontFaceSetLoadEvent` (<https://drafts.csswg.org/css-font-loading/#fontfacesetloadevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::FontFaceSetLoadEventInit;
use crate::dom::bindings::codegen::FontFaceSetLoadEventBinding::FontFaceSetLoadEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::fontface::FontFace;
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct FontFaceSetLoadEvent {
    event: Event,
    /// `fontfaces`.
    fontfaces: Vec<Dom<FontFace>>,
}

impl FontFaceSetLoadEvent {
    fn new_inherited(window: &Window, faces: &[DomRoot<FontFace>]) -> FontFaceSetLoadEvent {
        FontFaceSetLoadEvent {
            event: Event::new_inherited(window),
            fontfaces: faces.iter().map(|f| Dom::from_ref(&**f)).collect(),
        }
    }

    /// <https://drafts.csswg.org/css-font-loading/#fire-a-font-load-event>: "fire an event
    /// named e at target using FontFaceSetLoadEvent, with its fontfaces attribute initialized
    /// to the given list" (trusted, not bubbling, not cancelable).
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        faces: Vec<DomRoot<FontFace>>,
    ) -> DomRoot<FontFaceSetLoadEvent> {
        let event = reflect_dom_object(cx, Box::new(FontFaceSetLoadEvent::new_inherited(window, &faces)), window);
        let base = event.upcast::<Event>();
        base.init(type_.into(), false, false);
        base.set_trusted(true);
        event
    }
}

impl FontFaceSetLoadEventMethods for FontFaceSetLoadEvent {
    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfacesetloadevent-fontfacesetloadevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &FontFaceSetLoadEventInit,
    ) -> Fallible<DomRoot<FontFaceSetLoadEvent>> {
        let event = FontFaceSetLoadEvent::new_inherited(global, &init.fontfaces);
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }

    /// <https://drafts.csswg.org/css-font-loading/#dom-fontfacesetloadevent-fontfaces>
    fn Fontfaces(&self, _cx: &mut JSContext) -> Vec<DomRoot<FontFace>> {
        self.fontfaces.iter().map(|f| f.as_rooted()).collect()
    }
}
