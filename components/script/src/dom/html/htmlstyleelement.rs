//! `HTMLStyleElement` (<https://html.spec.whatwg.org/multipage/semantics.html#the-style-element>)
//! and its style sheet (the LinkStyle mixin, <https://drafts.csswg.org/cssom/#the-linkstyle-interface>).
//!
//! The sheet follows "update a style block": it is created from the child text content when
//! the element is connected, replaced when that text changes and removed when the element is
//! disconnected or its type is not CSS. Creation happens when the sheet is first asked for
//! (`sheet`, `document.styleSheets`, `getComputedStyle()`), which is unobservable.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLStyleElementBinding::HTMLStyleElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::stylesheet::StyleSheet;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};
use crate::dom::html::htmlelement::HTMLElement;

#[dom_struct]
pub struct HTMLStyleElement {
    htmlelement: HTMLElement,
    /// The associated CSS style sheet.
    sheet: MutNullableDom<CSSStyleSheet>,
    /// The child text content the sheet was parsed from.
    #[no_trace]
    sheet_text: RefCell<Option<String>>,
}

impl HTMLStyleElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLStyleElement> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(HTMLStyleElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                sheet: MutNullableDom::new(None),
                sheet_text: RefCell::new(None),
            }),
            &window,
        )
    }

    /// <https://drafts.csswg.org/cssom/#remove-a-css-style-sheet>: "1. Remove the CSS style
    /// sheet from the list of document or shadow root CSS style sheets. 2. Set the CSS style
    /// sheet's parent CSS style sheet, owner node and owner CSS rule to null."
    fn remove_sheet(&self) {
        if let Some(sheet) = self.sheet.get() {
            sheet.upcast::<StyleSheet>().clear_owner_node();
        }
        self.sheet.set(None);
        *self.sheet_text.borrow_mut() = None;
    }

    /// The element's sheet, brought up to date by <https://html.spec.whatwg.org/multipage/semantics.html#update-a-style-block>.
    pub fn sheet(&self, cx: &mut JSContext) -> Option<DomRoot<CSSStyleSheet>> {
        let node = self.upcast::<Node>();
        let element = self.upcast::<Element>();
        // 3. If element is not connected, then return.
        // 4. If element's type attribute is present and its value is neither the empty string
        //    nor an ASCII case-insensitive match for "text/css", then return.
        let type_ok =
            element.get_attribute_value("type").is_none_or(|t| t.is_empty() || t.eq_ignore_ascii_case("text/css"));
        if !node.is_connected() || !type_ok {
            self.remove_sheet();
            return None;
        }
        let text = node.child_text_content();
        if let Some(sheet) = self.sheet.get()
            && self.sheet_text.borrow().as_deref() == Some(text.as_str())
        {
            return Some(sheet);
        }
        // 2. If element has an associated CSS style sheet, remove the CSS style sheet in question.
        self.remove_sheet();
        // 6. Create a CSS style sheet with the following properties: type text/css, owner node
        //    element, media the media attribute, title the title attribute if element is in a
        //    document tree (else the empty string), alternate flag unset, origin-clean flag set,
        //    location, parent CSS style sheet and owner CSS rule null, disabled flag its
        //    current value (unset); its CSS rules are parsed from the child text content.
        let media = element.get_attribute_value("media").unwrap_or_default();
        let in_document_tree = node.root().kind() == NodeKind::Document;
        let title =
            if in_document_tree { element.get_attribute_value("title").unwrap_or_default() } else { String::new() };
        let window = node.owner_doc().window_for_objects();
        let sheet = CSSStyleSheet::new_for_element(cx, &window, element, &text, &media, title);
        self.sheet.set(Some(&sheet));
        *self.sheet_text.borrow_mut() = Some(text);
        Some(sheet)
    }

    /// The style element's children changed steps, and its removal from a document: "update a
    /// style block" replaces or removes the sheet (a new one is made when next asked for).
    pub fn children_changed(&self) {
        self.remove_sheet();
    }
}

/// Removing steps: a disconnected style element has no sheet.
pub fn removed(_cx: &mut JSContext, node: &Node, was_connected: bool) {
    if was_connected && let Some(style) = node.downcast::<HTMLStyleElement>() {
        style.remove_sheet();
    }
}

/// Attribute changes: the sheet's media list follows the `media` attribute (as in browsers;
/// HTML sets it when the sheet is created), and a `type` that is not CSS removes the sheet when
/// it is next asked for.
pub fn attribute_changed(_cx: &mut JSContext, element: &Element, name: &str, _old: Option<&str>) {
    if let Some(style) = element.downcast::<HTMLStyleElement>()
        && name == "media"
        && let Some(sheet) = style.sheet.get()
    {
        let media = element.get_attribute_value("media").unwrap_or_default();
        sheet.upcast::<StyleSheet>().media_list().set_text(&media);
    }
}

impl HTMLStyleElementMethods for HTMLStyleElement {
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-style-disabled>: "return true
    /// if the element has an associated CSS style sheet and its disabled flag is set".
    fn Disabled(&self, cx: &mut JSContext) -> bool {
        self.sheet(cx).is_some_and(|s| s.upcast::<StyleSheet>().is_disabled())
    }

    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-style-disabled>: "1. If the
    /// style element has no associated CSS style sheet, return. 2. If the given value is true,
    /// set the CSS style sheet's disabled flag. Otherwise, unset it."
    fn SetDisabled(&self, cx: &mut JSContext, value: bool) {
        use crate::dom::bindings::codegen::StyleSheetBinding::StyleSheetMethods;
        if let Some(sheet) = self.sheet(cx) {
            sheet.upcast::<StyleSheet>().SetDisabled(cx, value);
        }
    }

    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-style-media>
    fn Media(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("media")
    }
    /// <https://html.spec.whatwg.org/multipage/semantics.html#dom-style-media>: reflects `media`.
    fn SetMedia(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "media", value)
    }

    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-style-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        self.htmlelement.get_string_attribute("type")
    }
    /// <https://html.spec.whatwg.org/multipage/obsolete.html#dom-style-type>: reflects `type`.
    fn SetType(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "type", value)
    }

    /// <https://drafts.csswg.org/cssom/#dom-linkstyle-sheet>: "the associated CSS style sheet
    /// for the node or null if there is no associated CSS style sheet".
    fn Sheet(&self, cx: &mut JSContext) -> Option<DomRoot<CSSStyleSheet>> {
        self.sheet(cx)
    }
}
