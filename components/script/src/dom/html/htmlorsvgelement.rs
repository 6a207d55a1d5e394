//! The `HTMLOrSVGElement` mixin (<https://html.spec.whatwg.org/multipage/dom.html#htmlorsvgelement>),
//! shared by `HTMLElement`, `SVGElement` and `MathMLElement`: `dataset`, `nonce`, `autofocus`,
//! `tabIndex`, `focus()`, `blur()`.

use crate::dom::dom::element::Element;

/// <https://html.spec.whatwg.org/multipage/interaction.html#dom-tabindex>: the attribute when
/// it parses as an integer; otherwise 0 for elements that are focusable by default, -1 else.
pub fn tab_index(element: &Element) -> i32 {
    element
        .get_attribute_value("tabindex")
        .and_then(|v| crate::dom::html::reflect::parse_integer(&v))
        .filter(|v| *v >= i32::MIN as i64 && *v <= i32::MAX as i64)
        .map_or_else(|| if crate::dom::html::focus::focusable_by_default(element) { 0 } else { -1 }, |v| v as i32)
}

/// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#nonce-attributes>: the
/// attribute change steps of `nonce`, which keep the element's [[CryptographicNonce]] slot.
pub fn attribute_changed(element: &Element, name: &str) {
    // "If element does not include HTMLOrSVGElement, then return."
    if !element.is_html_svg_or_mathml_element() {
        return;
    }
    // "If localName is not nonce or namespace is not null, then return."
    if name != "nonce" {
        return;
    }
    // "If value is null, then set element's [[CryptographicNonce]] to the empty string.
    // Otherwise, set element's [[CryptographicNonce]] to value."
    element.set_cryptographic_nonce(element.get_attribute_value("nonce").unwrap_or_default());
}

/// The mixin's members for a type that upcasts to `Element`.
macro_rules! html_or_svg_element_methods {
    () => {
        /// <https://html.spec.whatwg.org/multipage/dom.html#dom-dataset>: "The dataset getter
        /// steps are to return a DOMStringMap object, associated with this" (the binding keeps
        /// the first one: [SameObject]).
        fn Dataset(
            &self,
            cx: &mut mozjs::context::JSContext,
        ) -> $crate::dom::bindings::root::DomRoot<$crate::dom::html::domstringmap::DOMStringMap> {
            $crate::dom::html::domstringmap::DOMStringMap::new(
                cx,
                $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self),
            )
        }
        /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-noncedelement-nonce>
        fn Nonce(&self, _cx: &mut mozjs::context::JSContext) -> $crate::dom::bindings::str::DOMString {
            // "On getting, return the value of this element's [[CryptographicNonce]]."
            $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self)
                .cryptographic_nonce()
                .into()
        }
        /// <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#dom-noncedelement-nonce>
        fn SetNonce(&self, _cx: &mut mozjs::context::JSContext, value: $crate::dom::bindings::str::DOMString) {
            // "On setting, set this element's [[CryptographicNonce]] to the given value."
            $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self)
                .set_cryptographic_nonce(value.into());
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-fe-autofocus>
        fn Autofocus(&self, _cx: &mut mozjs::context::JSContext) -> bool {
            // Reflects the autofocus content attribute.
            $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self)
                .has_attribute_named("autofocus")
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-fe-autofocus>
        fn SetAutofocus(&self, cx: &mut mozjs::context::JSContext, value: bool) {
            let element =
                $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self);
            if value {
                element.set_attribute_value(cx, "autofocus", String::new());
            } else {
                element.remove_attribute_named(cx, None, "autofocus");
            }
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-tabindex>
        fn TabIndex(&self, _cx: &mut mozjs::context::JSContext) -> i32 {
            $crate::dom::html::htmlorsvgelement::tab_index($crate::dom::bindings::inheritance::Castable::upcast(self))
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-tabindex>
        fn SetTabIndex(&self, cx: &mut mozjs::context::JSContext, value: i32) {
            // Reflects the tabindex content attribute.
            $crate::dom::bindings::inheritance::Castable::upcast::<$crate::dom::dom::element::Element>(self)
                .set_attribute_value(cx, "tabindex", value.to_string());
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-focus>
        fn Focus(
            &self,
            cx: &mut mozjs::context::JSContext,
            _options: &$crate::dom::bindings::codegen::Dictionaries::FocusOptions,
        ) {
            // "Run the focusing steps for this" (scrolling does not apply: nothing is shown).
            $crate::dom::html::focus::focusing_steps(cx, $crate::dom::bindings::inheritance::Castable::upcast(self));
        }
        /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-blur>
        fn Blur(&self, cx: &mut mozjs::context::JSContext) {
            // "If this is not the currently focused area of the top-level traversable, return;
            // otherwise run the unfocusing steps for this."
            $crate::dom::html::focus::unfocusing_steps(cx, $crate::dom::bindings::inheritance::Castable::upcast(self));
        }
    };
}
pub(crate) use html_or_svg_element_methods;
