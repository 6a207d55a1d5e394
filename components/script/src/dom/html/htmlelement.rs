//! `HTMLElement` (<https://html.spec.whatwg.org/multipage/dom.html#htmlelement>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLElementBinding::HTMLElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::node::Node;

#[dom_struct]
pub struct HTMLElement {
    element: Element,
    /// The custom validity error message of a form control
    /// (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#custom-validity-error-message>).
    #[no_trace]
    custom_validity: std::cell::RefCell<String>,
}

impl HTMLElement {
    pub fn new_inherited(local_name: &str, document: &Document) -> HTMLElement {
        HTMLElement {
            element: Element::new_inherited(local_name.to_owned(), Some(HTML_NAMESPACE.to_owned()), None, document),
            custom_validity: Default::default(),
        }
    }

    pub fn custom_validity(&self) -> String {
        self.custom_validity.borrow().clone()
    }

    pub fn set_custom_validity(&self, message: String) {
        *self.custom_validity.borrow_mut() = message;
    }

    /// A reflected boolean content attribute.
    pub fn get_bool_attribute(&self, name: &str) -> bool {
        self.element.has_attribute_named(name)
    }

    pub fn set_bool_attribute(&self, cx: &mut JSContext, name: &str, value: bool) {
        if value {
            self.element.set_attribute_value(cx, name, String::new());
        } else {
            self.element.remove_attribute_named(cx, None, name);
        }
    }

    /// A reflected string content attribute.
    pub fn get_string_attribute(&self, name: &str) -> DOMString {
        self.element.get_attribute_value(name).unwrap_or_default().into()
    }

    pub fn set_string_attribute(&self, cx: &mut JSContext, name: &str, value: DOMString) {
        self.element.set_attribute_value(cx, name, value.into());
    }

    /// A reflected URL content attribute
    /// (<https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#reflecting-content-attributes-in-idl-attributes>):
    /// the value parsed against the document's URL, the value itself if that fails,
    /// the empty string when absent.
    pub fn get_url_attribute(&self, name: &str) -> USVString {
        let value = self.element.get_attribute_value(name).unwrap_or_default();
        if value.is_empty() {
            return USVString(String::new());
        }
        let base = self.element.upcast::<Node>().owner_doc().base_url();
        USVString(base.join(&value).map(|u| u.to_string()).unwrap_or(value))
    }
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#globaleventhandlers>: each
/// handler IDL attribute gets and sets the event handler of its event type.
macro_rules! global_event_handlers {
    ($($getter:ident, $setter:ident => $event:literal;)*) => {
        $(
            /// <https://html.spec.whatwg.org/multipage/webappapis.html#event-handler-idl-attributes>
            fn $getter(
                &self,
                _cx: &mut mozjs::context::JSContext,
            ) -> Option<std::rc::Rc<$crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>> {
                $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::eventtarget::EventTarget>(self)
                    .get_event_handler($event)
            }
            /// <https://html.spec.whatwg.org/multipage/webappapis.html#event-handler-idl-attributes>
            fn $setter(
                &self,
                _cx: &mut mozjs::context::JSContext,
                value: Option<std::rc::Rc<$crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull>>,
            ) {
                $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::eventtarget::EventTarget>(self)
                    .set_event_handler($event, value)
            }
        )*
    };
}

pub(crate) use global_event_handlers;

/// Every `GlobalEventHandlers` attribute (HTMLElement, Document and Window include the mixin).
macro_rules! all_global_event_handlers {
    () => {
        $crate::dom::html::htmlelement::global_event_handlers! {
            Onabort, SetOnabort => "abort";
            Onauxclick, SetOnauxclick => "auxclick";
            Onblur, SetOnblur => "blur";
            Oncancel, SetOncancel => "cancel";
            Oncanplay, SetOncanplay => "canplay";
            Oncanplaythrough, SetOncanplaythrough => "canplaythrough";
            Onchange, SetOnchange => "change";
            Onclick, SetOnclick => "click";
            Onclose, SetOnclose => "close";
            Oncontextmenu, SetOncontextmenu => "contextmenu";
            Oncuechange, SetOncuechange => "cuechange";
            Ondblclick, SetOndblclick => "dblclick";
            Ondrag, SetOndrag => "drag";
            Ondragend, SetOndragend => "dragend";
            Ondragenter, SetOndragenter => "dragenter";
            Ondragleave, SetOndragleave => "dragleave";
            Ondragover, SetOndragover => "dragover";
            Ondragstart, SetOndragstart => "dragstart";
            Ondrop, SetOndrop => "drop";
            Ondurationchange, SetOndurationchange => "durationchange";
            Onemptied, SetOnemptied => "emptied";
            Onended, SetOnended => "ended";
            Onerror, SetOnerror => "error";
            Onfocus, SetOnfocus => "focus";
            Oninput, SetOninput => "input";
            Oninvalid, SetOninvalid => "invalid";
            Onkeydown, SetOnkeydown => "keydown";
            Onkeypress, SetOnkeypress => "keypress";
            Onkeyup, SetOnkeyup => "keyup";
            Onload, SetOnload => "load";
            Onloadeddata, SetOnloadeddata => "loadeddata";
            Onloadedmetadata, SetOnloadedmetadata => "loadedmetadata";
            Onloadstart, SetOnloadstart => "loadstart";
            Onmousedown, SetOnmousedown => "mousedown";
            Onmouseenter, SetOnmouseenter => "mouseenter";
            Onmouseleave, SetOnmouseleave => "mouseleave";
            Onmousemove, SetOnmousemove => "mousemove";
            Onmouseout, SetOnmouseout => "mouseout";
            Onmouseover, SetOnmouseover => "mouseover";
            Onmouseup, SetOnmouseup => "mouseup";
            Onpause, SetOnpause => "pause";
            Onplay, SetOnplay => "play";
            Onplaying, SetOnplaying => "playing";
            Onpointerdown, SetOnpointerdown => "pointerdown";
            Onpointermove, SetOnpointermove => "pointermove";
            Onpointerup, SetOnpointerup => "pointerup";
            Onprogress, SetOnprogress => "progress";
            Onratechange, SetOnratechange => "ratechange";
            Onreset, SetOnreset => "reset";
            Onresize, SetOnresize => "resize";
            Onscroll, SetOnscroll => "scroll";
            Onseeked, SetOnseeked => "seeked";
            Onseeking, SetOnseeking => "seeking";
            Onselect, SetOnselect => "select";
            Onselectionchange, SetOnselectionchange => "selectionchange";
            Onselectstart, SetOnselectstart => "selectstart";
            Onstalled, SetOnstalled => "stalled";
            Onsubmit, SetOnsubmit => "submit";
            Onsuspend, SetOnsuspend => "suspend";
            Ontimeupdate, SetOntimeupdate => "timeupdate";
            Ontoggle, SetOntoggle => "toggle";
            Onvolumechange, SetOnvolumechange => "volumechange";
            Onwaiting, SetOnwaiting => "waiting";
            Onwheel, SetOnwheel => "wheel";
        }
    };
}
pub(crate) use all_global_event_handlers;

impl HTMLElementMethods for HTMLElement {
    crate::dom::html::renderedtext::rendered_text_methods!();
    /// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetparent>
    fn OffsetParent(&self, cx: &mut JSContext) -> Option<DomRoot<Element>> {
        let element = self.upcast::<Element>();
        let b = crate::dom::layout::queries::element_box(cx, element)?;
        crate::dom::layout::queries::offset_parent(element, &b)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsettop>
    fn OffsetTop(&self, cx: &mut JSContext) -> i32 {
        let element = self.upcast::<Element>();
        crate::dom::layout::queries::element_box(cx, element)
            .map_or(0, |b| crate::dom::layout::queries::offset_position(element, &b).1.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetleft>
    fn OffsetLeft(&self, cx: &mut JSContext) -> i32 {
        let element = self.upcast::<Element>();
        crate::dom::layout::queries::element_box(cx, element)
            .map_or(0, |b| crate::dom::layout::queries::offset_position(element, &b).0.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetwidth>: "1. If the element
    /// does not have any associated CSS layout box return zero and terminate this algorithm.
    /// 2. Return the width of the axis-aligned bounding box of the border boxes of all fragments
    /// generated by the element's principal box".
    fn OffsetWidth(&self, cx: &mut JSContext) -> i32 {
        crate::dom::layout::queries::border_box(cx, self.upcast()).map_or(0, |r| r.width.round() as i32)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetheight>
    fn OffsetHeight(&self, cx: &mut JSContext) -> i32 {
        crate::dom::layout::queries::border_box(cx, self.upcast()).map_or(0, |r| r.height.round() as i32)
    }

    all_global_event_handlers!();

    /// <https://drafts.csswg.org/cssom/#dom-elementcssinlinestyle-style>
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        // The CSS declaration block whose owner node is this element ([SameObject]:
        // the binding keeps the first one returned).
        CSSStyleDeclaration::new_inline(cx, self.upcast())
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-title>
    fn Title(&self, _cx: &mut JSContext) -> DOMString {
        self.get_string_attribute("title")
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-title>
    fn SetTitle(&self, cx: &mut JSContext, value: DOMString) {
        self.set_string_attribute(cx, "title", value)
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-lang>
    fn Lang(&self, _cx: &mut JSContext) -> DOMString {
        self.get_string_attribute("lang")
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-lang>
    fn SetLang(&self, cx: &mut JSContext, value: DOMString) {
        self.set_string_attribute(cx, "lang", value)
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-dir>
    fn Dir(&self, _cx: &mut JSContext) -> DOMString {
        // Limited to only known values.
        match self.element.get_attribute_value("dir").map(|d| d.to_ascii_lowercase()).as_deref() {
            Some(v @ ("ltr" | "rtl" | "auto")) => v.into(),
            _ => DOMString::new(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-dir>
    fn SetDir(&self, cx: &mut JSContext, value: DOMString) {
        self.set_string_attribute(cx, "dir", value)
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-hidden>
    fn Hidden(&self, _cx: &mut JSContext) -> bool {
        self.get_bool_attribute("hidden")
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-hidden>
    fn SetHidden(&self, cx: &mut JSContext, value: bool) {
        self.set_bool_attribute(cx, "hidden", value)
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-click>
    fn Click(&self, cx: &mut JSContext) {
        // 1. "If this element is a form control that is disabled, then return."
        if crate::dom::html::forms::is_disabled_control(self.upcast()) {
            return;
        }
        // 2–5. Fire a synthetic pointer event named click (a trusted PointerEvent that bubbles
        //    and is cancelable; the host has no pointer, so at (0, 0)), with the activation
        //    behaviours it triggers.
        crate::dom::html::forms::click(cx, self);
    }
    crate::dom::html::htmlorsvgelement::html_or_svg_element_methods!();
}
