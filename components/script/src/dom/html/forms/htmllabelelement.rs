//! `HTMLLabelElement` (<https://html.spec.whatwg.org/multipage/forms.html#the-label-element>).

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLLabelElementBinding::HTMLLabelElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::{form_owner, is_labelable};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::reflect_string;
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLLabelElement);

impl HTMLLabelElement {
    /// <https://html.spec.whatwg.org/multipage/forms.html#labeled-control>: with a `for`
    /// attribute, the first element in the label's tree with that ID if it is labelable; without
    /// it, the label's first labelable descendant.
    pub fn labeled_control(&self) -> Option<DomRoot<HTMLElement>> {
        let element = self.upcast::<Element>();
        let node = self.upcast::<Node>();
        let found = match element.get_attribute_value("for") {
            Some(id) => node
                .root()
                .element_descendants()
                .into_iter()
                .find(|e| e.get_attribute_value("id").as_deref() == Some(&id)),
            None => node.element_descendants().into_iter().find(|e| is_labelable(e)),
        };
        found.filter(|e| is_labelable(e)).and_then(|e| e.downcast_root::<HTMLElement>())
    }
}

impl HTMLLabelElementMethods for HTMLLabelElement {
    reflect_string!(HtmlFor, SetHtmlFor, "for", "https://html.spec.whatwg.org/multipage/forms.html#dom-label-htmlfor");

    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-label-control>
    fn Control(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLElement>> {
        self.labeled_control()
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-label-form>: the labeled control's
    /// form owner.
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        self.labeled_control().and_then(|c| form_owner(c.upcast::<Element>()))
    }
}
