//! `HTMLTextAreaElement` (<https://html.spec.whatwg.org/multipage/form-elements.html#the-textarea-element>):
//! the raw value with its dirty flag; the default value is the element's child text content.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLTextAreaElementBinding::HTMLTextAreaElementMethods;
use crate::dom::bindings::error::ErrorResult;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::textselection::{self, Direction, SelectionMode, SelectionState};
use crate::dom::html::forms::{form_owner, labels};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_bool, reflect_non_negative_long, reflect_string, reflect_unsigned};

#[dom_struct]
pub struct HTMLTextAreaElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-textarea-raw-value>
    #[no_trace]
    raw_value: RefCell<String>,
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-textarea-dirty>
    #[no_trace]
    dirty: Cell<bool>,
    /// The selection of its text (`textselection.rs`).
    #[no_trace]
    selection: SelectionState,
}

impl HTMLTextAreaElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLTextAreaElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLTextAreaElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                raw_value: RefCell::new(String::new()),
                dirty: Cell::new(false),
                selection: Default::default(),
            }),
            &window,
        )
    }

    pub fn selection_state(&self) -> &SelectionState {
        &self.selection
    }

    fn selection(&self) -> (u32, u32, Direction) {
        self.selection.get(&self.api_value())
    }

    fn set_selection(&self, start: u32, end: u32, direction: Option<&str>) {
        self.selection.set_range(self.upcast(), &self.api_value(), start, end, direction);
    }

    /// Whether the value is the empty string (constraint validation's "value missing").
    pub fn api_value_is_empty(&self) -> bool {
        self.api_value().is_empty()
    }

    /// A child was inserted or removed: the default value, and so the value of a textarea
    /// whose value is not dirty, may be shorter.
    pub fn children_changed(&self) {
        self.selection.clamp(&self.api_value());
    }

    /// The API value: the raw value (the child text content until the value is set) with line
    /// breaks normalized to LF.
    fn api_value(&self) -> String {
        let raw =
            if self.dirty.get() { self.raw_value.borrow().clone() } else { self.upcast::<Node>().child_text_content() };
        raw.replace("\r\n", "\n").replace('\r', "\n")
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#the-textarea-element:concept-form-reset-control>
    pub fn reset(&self) {
        self.dirty.set(false);
        self.raw_value.borrow_mut().clear();
    }
}

impl HTMLTextAreaElementMethods for HTMLTextAreaElement {
    crate::dom::html::forms::validation::constraint_validation_methods!();
    reflect_string!(
        Autocomplete,
        SetAutocomplete,
        "autocomplete",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-autocomplete"
    );
    reflect_unsigned!(
        Cols,
        SetCols,
        "cols",
        20,
        true,
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-cols"
    );
    reflect_string!(
        DirName,
        SetDirName,
        "dirname",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-dirname"
    );
    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-disabled"
    );
    reflect_non_negative_long!(
        MaxLength,
        SetMaxLength,
        "maxlength",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-maxlength"
    );
    reflect_non_negative_long!(
        MinLength,
        SetMinLength,
        "minlength",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-minlength"
    );
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-name"
    );
    reflect_string!(
        Placeholder,
        SetPlaceholder,
        "placeholder",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-placeholder"
    );
    reflect_bool!(
        ReadOnly,
        SetReadOnly,
        "readonly",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-readonly"
    );
    reflect_bool!(
        Required,
        SetRequired,
        "required",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-required"
    );
    reflect_unsigned!(
        Rows,
        SetRows,
        "rows",
        2,
        true,
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-rows"
    );
    reflect_string!(
        Wrap,
        SetWrap,
        "wrap",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-wrap"
    );

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fae-form>
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        form_owner(self.upcast::<Element>())
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        "textarea".into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-defaultvalue>:
    /// the child text content; setting it replaces the children.
    fn DefaultValue(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<Node>().child_text_content().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-defaultvalue>
    fn SetDefaultValue(&self, cx: &mut JSContext, value: DOMString) {
        use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
        self.upcast::<Node>().SetTextContent(cx, Some(value));
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-value>
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        self.api_value().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-value>: "set the
    /// raw value to the new value, set the dirty value flag to true".
    fn SetValue(&self, _cx: &mut JSContext, value: DOMString) {
        // "1. Let oldAPIValue be this element's API value. 2. Set this element's raw value to
        // the new value. 3. Set this element's dirty value flag to true. 4. If the new API value
        // is different from oldAPIValue, then move the text entry cursor position to the end of
        // the text control, unselecting any selected text and resetting the selection direction
        // to "none"."
        let old = self.api_value();
        *self.raw_value.borrow_mut() = value.into();
        self.dirty.set(true);
        let new = self.api_value();
        if new != old {
            self.selection.move_to_end(&new);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-textarea-textlength>: the
    /// API value's length in UTF-16 code units.
    fn TextLength(&self, _cx: &mut JSContext) -> u32 {
        self.api_value().encode_utf16().count() as u32
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.upcast::<Element>())
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-select>:
    /// "set the selection range with 0 and infinity" (which fires `select` only if that changed
    /// the selection).
    fn Select(&self, _cx: &mut JSContext) {
        self.selection.set_range(self.upcast(), &self.api_value(), 0, u32::MAX, None);
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectionstart>
    fn SelectionStart(&self, _cx: &mut JSContext) -> u32 {
        self.selection().0
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectionstart>:
    /// "Let end be the value of this element's selectionEnd attribute. If end is less than the
    /// given value, set end to the given value. Set the selection range with the given value,
    /// end, and the value of this element's selectionDirection attribute."
    fn SetSelectionStart(&self, _cx: &mut JSContext, value: u32) {
        let (_, end, direction) = self.selection();
        self.set_selection(value, end.max(value), Some(textselection::direction_name(direction)));
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectionend>
    fn SelectionEnd(&self, _cx: &mut JSContext) -> u32 {
        self.selection().1
    }
    /// "Set the selection range with the value of this element's selectionStart attribute, the
    /// given value, and the value of this element's selectionDirection attribute."
    fn SetSelectionEnd(&self, _cx: &mut JSContext, value: u32) {
        let (start, _, direction) = self.selection();
        self.set_selection(start, value, Some(textselection::direction_name(direction)));
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectiondirection>
    fn SelectionDirection(&self, _cx: &mut JSContext) -> DOMString {
        textselection::direction_name(self.selection().2).into()
    }
    /// "Set the selection range with the value of this element's selectionStart attribute, the
    /// value of this element's selectionEnd attribute, and the given value."
    fn SetSelectionDirection(&self, _cx: &mut JSContext, value: DOMString) {
        let (start, end, _) = self.selection();
        self.set_selection(start, end, Some(&value));
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setselectionrange>
    fn SetSelectionRange(&self, _cx: &mut JSContext, start: u32, end: u32, direction: Option<DOMString>) {
        self.set_selection(start, end, direction.as_deref());
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setrangetext>
    fn SetRangeText(&self, _cx: &mut JSContext, replacement: DOMString) -> ErrorResult {
        self.range_text(&replacement, None, SelectionMode::Preserve)
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setrangetext>
    fn SetRangeText_(
        &self,
        _cx: &mut JSContext,
        replacement: DOMString,
        start: u32,
        end: u32,
        mode: crate::dom::bindings::codegen::Enums::SelectionMode,
    ) -> ErrorResult {
        self.range_text(&replacement, Some((start, end)), textselection::mode_from(mode.as_str()))
    }
}

impl HTMLTextAreaElement {
    /// setRangeText(): "2. Set this element's dirty value flag to true", then steps 3–12.
    fn range_text(&self, replacement: &str, range: Option<(u32, u32)>, mode: SelectionMode) -> ErrorResult {
        let value = self.api_value();
        let (start, end, _) = self.selection();
        let (new_value, selection_start, selection_end) =
            textselection::range_text(&value, (start, end), replacement, range, mode)?;
        *self.raw_value.borrow_mut() = new_value;
        self.dirty.set(true);
        // 12. "Set the selection range with selection start and selection end."
        self.set_selection(selection_start, selection_end, None);
        Ok(())
    }
}
