//! `HTMLOptionElement` and `HTMLOptGroupElement`
//! (<https://html.spec.whatwg.org/multipage/form-elements.html#the-option-element>): an option's
//! selectedness with its dirtiness; the select element decides which options end up selected.

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLOptGroupElementBinding::HTMLOptGroupElementMethods;
use crate::dom::bindings::codegen::HTMLOptionElementBinding::HTMLOptionElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::text::Text;
use crate::dom::html::forms::form_owner;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_bool, reflect_string};
use crate::dom::html::simpleelements::simple_element;

#[dom_struct]
pub struct HTMLOptionElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-option-selectedness>,
    /// `None` while the option is not dirty (then the `selected` attribute decides).
    #[no_trace]
    selectedness: Cell<Option<bool>>,
}

impl HTMLOptionElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLOptionElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLOptionElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                selectedness: Cell::new(None),
            }),
            &window,
        )
    }

    /// The option's own selectedness, before its select element's rules apply.
    pub fn raw_selectedness(&self) -> bool {
        self.selectedness.get().unwrap_or_else(|| self.upcast::<Element>().has_attribute_named("selected"))
    }

    /// Sets the selectedness and marks the option dirty.
    pub fn set_raw_selectedness(&self, selected: bool) {
        self.selectedness.set(Some(selected));
    }

    /// Forgets the dirtiness (form reset).
    pub fn reset(&self) {
        self.selectedness.set(None);
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-option-disabled>
    pub fn is_disabled(&self) -> bool {
        let element = self.upcast::<Element>();
        element.has_attribute_named("disabled")
            || self.upcast::<Node>().parent().is_some_and(|p| {
                p.downcast::<Element>().is_some_and(|e| {
                    e.is_html_element() && e.local_name() == "optgroup" && e.has_attribute_named("disabled")
                })
            })
    }

    /// The select element this option belongs to: its parent, or its optgroup parent's parent.
    pub fn owner_select(&self) -> Option<DomRoot<HTMLSelectElement>> {
        let parent = self.upcast::<Node>().parent()?;
        if let Some(select) = parent.downcast_root::<HTMLSelectElement>() {
            return Some(select);
        }
        let is_optgroup =
            parent.downcast::<Element>().is_some_and(|e| e.is_html_element() && e.local_name() == "optgroup");
        if is_optgroup { parent.parent()?.downcast_root::<HTMLSelectElement>() } else { None }
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-text>: the descendant
    /// text (outside script elements) with ASCII whitespace stripped and collapsed.
    pub fn text(&self) -> String {
        fn collect(node: &Node, out: &mut String) {
            for child in node.children() {
                if let Some(text) = child.downcast::<Text>() {
                    out.push_str(&text.upcast::<crate::dom::dom::characterdata::CharacterData>().data_string());
                } else if let Some(e) = child.downcast::<Element>()
                    && (e.local_name() != "script")
                {
                    collect(&child, out);
                }
            }
        }
        let mut s = String::new();
        collect(self.upcast::<Node>(), &mut s);
        s.split([' ', '\t', '\n', '\u{c}', '\r']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-option-value>
    pub fn value(&self) -> String {
        self.upcast::<Element>().get_attribute_value("value").unwrap_or_else(|| self.text())
    }
}

impl HTMLOptionElementMethods for HTMLOptionElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option>
    fn LegacyFactoryFunction(
        cx: &mut JSContext,
        global: &crate::dom::html::window::Window,
        _proto: Option<mozjs::rust::HandleObject>,
        text: DOMString,
        value: Option<DOMString>,
        default_selected: bool,
        selected: bool,
    ) -> crate::dom::bindings::error::Fallible<DomRoot<HTMLOptionElement>> {
        // 1. "Let document be the current global object's associated Document."
        let document = global.document();
        // 2. "Let option be the result of creating an element given document, "option", and the
        //    HTML namespace."
        let option = HTMLOptionElement::new(cx, "option", &document);
        let node = option.upcast::<Node>();
        // 3. "If text is not the empty string, then append to option a new Text node whose data
        //    is text."
        if !text.as_str().is_empty() {
            let child = Text::new(cx, text.as_str().to_string(), &document);
            let _ = crate::dom::bindings::codegen::NodeBinding::NodeMethods::AppendChild(node, cx, child.upcast());
        }
        // 4. "If value is given, then set an attribute value for option using "value" and value."
        if let Some(value) = value {
            option.upcast::<Element>().set_attribute_value(cx, "value", value.as_str().to_string());
        }
        // 5. "If defaultSelected is true, then set an attribute value for option using "selected"
        //    and the empty string."
        if default_selected {
            option.upcast::<Element>().set_attribute_value(cx, "selected", String::new());
        }
        // 6. "If selected is true, then set option's selectedness to true; otherwise set its
        //    selectedness to false (even if defaultSelected is true)."
        // FIXME: Aperture keeps selectedness and dirtiness in one field, so this also marks the
        // option dirty (a later change of its `selected` attribute no longer changes it).
        option.set_raw_selectedness(selected);
        // 7. "Return option."
        Ok(option)
    }

    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-disabled"
    );
    reflect_bool!(
        DefaultSelected,
        SetDefaultSelected,
        "selected",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-defaultselected"
    );

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-form>: the form owner
    /// of the option's select element.
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        self.owner_select().and_then(|s| form_owner(s.upcast::<Element>()))
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-label>
    fn Label(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<Element>().get_attribute_value("label").unwrap_or_else(|| self.text()).into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-label>
    fn SetLabel(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "label", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-selected>
    fn Selected(&self, _cx: &mut JSContext) -> bool {
        match self.owner_select() {
            Some(select) => select.is_option_selected(self),
            None => self.raw_selectedness(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-selected>: "set its
    /// selectedness to the new value, set its dirtiness to true, and then cause the element to ask
    /// for a reset" (a single select keeps only this one).
    fn SetSelected(&self, _cx: &mut JSContext, value: bool) {
        self.set_raw_selectedness(value);
        if value && let Some(select) = self.owner_select() {
            select.keep_only_selected(self);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-value>
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        self.value().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-value>
    fn SetValue(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "value", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-text>
    fn Text(&self, _cx: &mut JSContext) -> DOMString {
        self.text().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-text>: "string replace
    /// all with the given value within this element".
    fn SetText(&self, cx: &mut JSContext, value: DOMString) {
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        self.upcast::<Node>().SetTextContent(cx, Some(value));
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-option-index>: the index in
    /// its select element's list of options, else 0.
    fn Index(&self, _cx: &mut JSContext) -> i32 {
        self.owner_select()
            .and_then(|s| s.list_of_options().iter().position(|o| std::ptr::eq(&**o, self)))
            .map_or(0, |i| i as i32)
    }
}

simple_element!(HTMLOptGroupElement);

impl HTMLOptGroupElementMethods for HTMLOptGroupElement {
    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-optgroup-disabled"
    );
    reflect_string!(
        Label,
        SetLabel,
        "label",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-optgroup-label"
    );
}
