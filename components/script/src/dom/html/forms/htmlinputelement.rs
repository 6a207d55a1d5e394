//! `HTMLInputElement` (<https://html.spec.whatwg.org/multipage/input.html#htmlinputelement>): the
//! value and checkedness with their dirty flags, type-specific sanitization (`inputvalue`),
//! valueAsNumber, stepUp()/stepDown(), radio groups and the checkbox/radio click behaviour.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLInputElementBinding::HTMLInputElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::fileapi::filelist::FileList;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::inputvalue::{self, Range, ValueMode};
use crate::dom::html::forms::textselection::{self, SelectionState};
use crate::dom::html::forms::{PreActivation, form_owner, is_disabled_control, labels};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_bool, reflect_non_negative_long, reflect_string, reflect_url};

#[dom_struct]
pub struct HTMLInputElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/input.html#concept-fe-value>
    #[no_trace]
    value: RefCell<String>,
    /// <https://html.spec.whatwg.org/multipage/input.html#concept-input-value-dirty-flag>
    #[no_trace]
    dirty_value: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/input.html#concept-fe-checked>
    #[no_trace]
    checked: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/input.html#concept-input-checked-dirty-flag>
    #[no_trace]
    dirty_checked: Cell<bool>,
    #[no_trace]
    indeterminate: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/input.html#concept-input-type-file-selected>, as
    /// the FileList `files` returns (made on first use).
    files: MutNullableDom<FileList>,
    /// The selection of its text, for the types the selection APIs apply to (`textselection.rs`).
    #[no_trace]
    selection: SelectionState,
}

impl HTMLInputElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLInputElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLInputElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                value: RefCell::new(String::new()),
                dirty_value: Cell::new(false),
                checked: Cell::new(false),
                dirty_checked: Cell::new(false),
                indeterminate: Cell::new(false),
                files: Default::default(),
                selection: Default::default(),
            }),
            &window,
        )
    }

    fn element(&self) -> &Element {
        self.upcast::<Element>()
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.element().get_attribute_value(name)
    }

    /// The type state's keyword.
    pub fn input_type(&self) -> &'static str {
        inputvalue::type_keyword(self.attr("type").as_deref())
    }

    fn range(&self) -> Range {
        Range::new(
            self.input_type(),
            self.attr("min").as_deref(),
            self.attr("max").as_deref(),
            self.attr("step").as_deref(),
            self.attr("value").as_deref(),
        )
    }

    /// The element's value: the dirty value, or the sanitized `value` content attribute
    /// ("When the value content attribute is set and the dirty value flag is false, set the
    /// value to the attribute's value, then run the value sanitization algorithm").
    pub fn current_value(&self) -> String {
        let kind = self.input_type();
        let raw =
            if self.dirty_value.get() { self.value.borrow().clone() } else { self.attr("value").unwrap_or_default() };
        inputvalue::sanitize(kind, &raw, &self.range())
    }

    fn set_current_value(&self, value: String) {
        let sanitized = inputvalue::sanitize(self.input_type(), &value, &self.range());
        *self.value.borrow_mut() = sanitized;
        self.dirty_value.set(true);
    }

    pub fn selection_state(&self) -> &SelectionState {
        &self.selection
    }

    /// The number of selected files of a file input (none until a page sets `files`).
    pub fn selected_file_count(&self) -> usize {
        self.files.get().map_or(0, |f| f.len())
    }

    /// The numeric constraints (`min`, `max`, `step`) of a number or range input.
    pub fn numeric_range(&self) -> Range {
        self.range()
    }

    /// The `type` or `value` attribute changed: the value may be shorter now. A type change
    /// "9. If previouslySelectable is false and nowSelectable is true, set the element's text
    /// entry cursor position to the beginning of the text control, and set its selection
    /// direction to "none"" (<https://html.spec.whatwg.org/multipage/input.html#the-input-element:attr-input-type-15>).
    pub fn value_may_have_changed(&self, name: &str, old: Option<&str>) {
        let selectable = |kind: &str| matches!(kind, "text" | "search" | "tel" | "url" | "password");
        if name == "type" && !selectable(inputvalue::type_keyword(old)) && self.selection_applies() {
            self.selection.move_to_start();
            return;
        }
        self.selection.clamp(&self.current_value());
    }

    /// Whether `selectionStart`, `selectionEnd`, `selectionDirection`, `setRangeText()` and
    /// `setSelectionRange()` apply: text, search, tel, url and password
    /// (<https://html.spec.whatwg.org/multipage/input.html#do-not-apply>).
    fn selection_applies(&self) -> bool {
        matches!(self.input_type(), "text" | "search" | "tel" | "url" | "password")
    }

    /// (start, end, direction), or the "InvalidStateError" of a type they do not apply to.
    fn selection(&self) -> Fallible<(u32, u32, textselection::Direction)> {
        if !self.selection_applies() {
            return Err(textselection::not_applicable());
        }
        Ok(self.selection.get(&self.current_value()))
    }

    fn set_selection(&self, start: u32, end: u32, direction: Option<&str>) {
        self.selection.set_range(self.upcast(), &self.current_value(), start, end, direction);
    }

    /// setRangeText(): "2. Set this element's dirty value flag to true", then steps 3–12.
    fn range_text(
        &self,
        replacement: &str,
        range: Option<(u32, u32)>,
        mode: textselection::SelectionMode,
    ) -> ErrorResult {
        let (start, end, _) = self.selection()?;
        let (new_value, selection_start, selection_end) =
            textselection::range_text(&self.current_value(), (start, end), replacement, range, mode)?;
        self.set_current_value(new_value);
        // 12. "Set the selection range with selection start and selection end."
        self.set_selection(selection_start, selection_end, None);
        Ok(())
    }

    /// The checkedness: the dirty one, or the presence of the `checked` content attribute.
    pub fn checkedness(&self) -> bool {
        if self.dirty_checked.get() { self.checked.get() } else { self.element().has_attribute_named("checked") }
    }

    /// Sets the checkedness; checking a radio button unchecks the others of its group
    /// (<https://html.spec.whatwg.org/multipage/input.html#radio-button-group>).
    pub fn set_checkedness(&self, checked: bool) {
        self.checked.set(checked);
        self.dirty_checked.set(true);
        if checked && self.input_type() == "radio" {
            for other in self.radio_group() {
                if !std::ptr::eq(&*other, self) {
                    other.checked.set(false);
                    other.dirty_checked.set(true);
                }
            }
        }
    }

    /// The other radio buttons of this one's group, this one included: same form owner, same
    /// tree, same non-empty name.
    pub(crate) fn radio_group(&self) -> Vec<DomRoot<HTMLInputElement>> {
        let Some(name) = self.attr("name").filter(|n| !n.is_empty()) else {
            return vec![DomRoot::from_ref(self)];
        };
        let owner = form_owner(self.element());
        let root = self.upcast::<Node>().root();
        root.element_descendants()
            .into_iter()
            .filter_map(|e| e.downcast_root::<HTMLInputElement>())
            .filter(|i| {
                i.input_type() == "radio"
                    && i.attr("name").as_deref() == Some(name.as_str())
                    && match (&owner, form_owner(i.element())) {
                        (None, None) => true,
                        (Some(a), Some(b)) => std::ptr::eq(&**a, &*b),
                        _ => false,
                    }
            })
            .collect()
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#the-input-element:legacy-pre-activation-behavior>
    pub fn legacy_pre_activation(&self, _cx: &mut JSContext) -> PreActivation {
        if is_disabled_control(self.element()) {
            return PreActivation::None;
        }
        match self.input_type() {
            // Checkbox: "set this element's checkedness to its opposite value … and set this
            // element's indeterminate IDL attribute to false."
            "checkbox" => {
                let state = PreActivation::Checkbox {
                    was_checked: self.checkedness(),
                    was_indeterminate: self.indeterminate.get(),
                };
                self.set_checkedness(!self.checkedness());
                self.indeterminate.set(false);
                state
            }
            // Radio: "set this element's checkedness to true", remembering which was checked.
            "radio" => {
                let previous = self.radio_group().into_iter().find(|r| r.checkedness());
                self.set_checkedness(true);
                PreActivation::Radio { previous }
            }
            _ => PreActivation::None,
        }
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#the-input-element:legacy-canceled-activation-behavior>
    pub fn legacy_canceled_activation(&self, _cx: &mut JSContext, state: PreActivation) {
        match state {
            PreActivation::Checkbox { was_checked, was_indeterminate } => {
                self.set_checkedness(was_checked);
                self.indeterminate.set(was_indeterminate);
            }
            PreActivation::Radio { previous } => match previous {
                Some(previous) if previous.input_type() == "radio" => previous.set_checkedness(true),
                _ => self.set_checkedness(false),
            },
            PreActivation::None => {}
        }
    }

    /// The input element's activation behaviour
    /// (<https://html.spec.whatwg.org/multipage/input.html#input-activation-behavior>).
    pub fn activation_behavior(&self, cx: &mut JSContext) {
        // "If element is not mutable and is not in the Checkbox/Radio state, return."
        if is_disabled_control(self.element()) {
            return;
        }
        match self.input_type() {
            // Checkbox and radio: "fire an event named input at the element with the bubbles and
            // composed attributes initialized to true; fire an event named change with bubbles".
            "checkbox" | "radio" => {
                if !self.upcast::<Node>().is_connected() {
                    return;
                }
                self.upcast::<EventTarget>().fire_event_with(cx, "input", true, false);
                self.upcast::<EventTarget>().fire_event_with(cx, "change", true, false);
            }
            // Submit button: submit the form owner from this element; Reset button: reset it.
            "submit" | "image" => {
                if let Some(form) = form_owner(self.element()) {
                    form.submit_from(cx, Some(self.upcast::<HTMLElement>()), false);
                }
            }
            "reset" => {
                if let Some(form) = form_owner(self.element()) {
                    form.reset_form(cx);
                }
            }
            _ => {}
        }
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#the-input-element:concept-form-reset-control>:
    /// "set the dirty value flag and dirty checkedness flag back to false, set the value … to the
    /// value of the value content attribute, … the checkedness to true if the element has a
    /// checked content attribute".
    pub fn reset(&self, _cx: &mut JSContext) {
        self.dirty_value.set(false);
        self.dirty_checked.set(false);
        self.value.borrow_mut().clear();
    }

    /// Whether this input is a submit button (for requestSubmit()).
    pub fn is_submit_button(&self) -> bool {
        matches!(self.input_type(), "submit" | "image")
    }

    /// Queues the `select` event of select() for the types whose value is text.
    fn queue_select_event(&self) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.upcast::<EventTarget>().fire_event_with(cx, "select", true, false);
            }
        }));
    }
}

impl HTMLInputElementMethods for HTMLInputElement {
    crate::dom::html::forms::validation::constraint_validation_methods!();
    reflect_string!(Accept, SetAccept, "accept", "https://html.spec.whatwg.org/multipage/input.html#dom-input-accept");
    reflect_string!(Alt, SetAlt, "alt", "https://html.spec.whatwg.org/multipage/input.html#dom-input-alt");
    reflect_string!(
        Autocomplete,
        SetAutocomplete,
        "autocomplete",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-autocomplete"
    );
    reflect_bool!(
        DefaultChecked,
        SetDefaultChecked,
        "checked",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-defaultchecked"
    );
    reflect_string!(
        DirName,
        SetDirName,
        "dirname",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-dirname"
    );
    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-disabled"
    );
    reflect_string!(Max, SetMax, "max", "https://html.spec.whatwg.org/multipage/input.html#dom-input-max");
    reflect_non_negative_long!(
        MaxLength,
        SetMaxLength,
        "maxlength",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-maxlength"
    );
    reflect_string!(Min, SetMin, "min", "https://html.spec.whatwg.org/multipage/input.html#dom-input-min");
    reflect_non_negative_long!(
        MinLength,
        SetMinLength,
        "minlength",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-minlength"
    );
    reflect_bool!(
        Multiple,
        SetMultiple,
        "multiple",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-multiple"
    );
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-name"
    );
    reflect_string!(
        Pattern,
        SetPattern,
        "pattern",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-pattern"
    );
    reflect_string!(
        Placeholder,
        SetPlaceholder,
        "placeholder",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-placeholder"
    );
    reflect_bool!(
        ReadOnly,
        SetReadOnly,
        "readonly",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-readonly"
    );
    reflect_bool!(
        Required,
        SetRequired,
        "required",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-required"
    );
    reflect_url!(Src, SetSrc, "src", "https://html.spec.whatwg.org/multipage/input.html#dom-input-src");
    reflect_string!(Step, SetStep, "step", "https://html.spec.whatwg.org/multipage/input.html#dom-input-step");
    reflect_string!(
        DefaultValue,
        SetDefaultValue,
        "value",
        "https://html.spec.whatwg.org/multipage/input.html#dom-input-defaultvalue"
    );

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-size>: "limited to only
    /// positive numbers with fallback", default 20; setting 0 throws "IndexSizeError".
    fn Size(&self, _cx: &mut JSContext) -> Fallible<u32> {
        Ok(self
            .attr("size")
            .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
            .filter(|v| *v >= 1 && *v <= i32::MAX as i64)
            .map_or(20, |v| v as u32))
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-size>
    fn SetSize(&self, cx: &mut JSContext, value: u32) -> ErrorResult {
        if value == 0 {
            return Err(Error::IndexSize("The value provided is 0, which is an invalid size.".into()));
        }
        let value = if value <= i32::MAX as u32 { value } else { 20 };
        self.element().set_attribute_value(cx, "size", value.to_string());
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-type>: the keyword of the
    /// current state; setting writes the content attribute.
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        self.input_type().into()
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-type>
    fn SetType(&self, cx: &mut JSContext, value: DOMString) {
        // Changing type keeps the value through the new type's sanitization (the getter applies it).
        self.element().set_attribute_value(cx, "type", value.into());
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-checked>
    fn Checked(&self, _cx: &mut JSContext) -> bool {
        self.checkedness()
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-checked>: "set the checkedness
    /// to the new value and set the element's dirty checkedness flag to true".
    fn SetChecked(&self, _cx: &mut JSContext, value: bool) {
        self.set_checkedness(value);
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-files>: "On getting, if the
    /// IDL attribute applies, it must return a FileList object that represents the current list
    /// of selected files. The same object must be returned until the list of selected files
    /// changes. If the IDL attribute does not apply, then it must instead return null."
    fn Files(&self, cx: &mut JSContext) -> Option<DomRoot<FileList>> {
        if self.input_type() != "file" {
            return None;
        }
        if let Some(files) = self.files.get() {
            return Some(files);
        }
        // No file chooser: the list of selected files starts empty.
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        let files = FileList::new(cx, &window, &[]);
        self.files.set(Some(&files));
        Some(files)
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-files>: "On setting, if the IDL
    /// attribute applies and the new value is not null, then it must replace the selected files
    /// with the files of the given FileList."
    fn SetFiles(&self, _cx: &mut JSContext, value: Option<&FileList>) {
        if self.input_type() == "file"
            && let Some(files) = value
        {
            self.files.set(Some(files));
        }
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-indeterminate>
    fn Indeterminate(&self, _cx: &mut JSContext) -> bool {
        self.indeterminate.get()
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-indeterminate>
    fn SetIndeterminate(&self, _cx: &mut JSContext, value: bool) {
        self.indeterminate.set(value);
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fae-form>
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        form_owner(self.element())
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-value>
    fn Value(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        Ok(match inputvalue::value_mode(self.input_type()) {
            // value: "Return the current value of the element."
            ValueMode::Value => self.current_value().into(),
            // default: "If the element has a value content attribute, return that attribute's
            // value; otherwise, return the empty string."
            ValueMode::Default => self.attr("value").unwrap_or_default().into(),
            // default/on: the attribute's value, or "on".
            ValueMode::DefaultOn => self.attr("value").unwrap_or_else(|| "on".into()).into(),
            // filename: "C:\fakepath\" and the first selected file's name; no files here.
            ValueMode::Filename => DOMString::new(),
        })
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-value>
    fn SetValue(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
        match inputvalue::value_mode(self.input_type()) {
            // value: "set the element's value to the new value, set its dirty value flag to true,
            // invoke the value sanitization algorithm …, and then, if the element's value (after
            // applying the value sanitization algorithm) is different from oldValue, and the
            // element has a text entry cursor position, move the text entry cursor position to
            // the end of the text control, unselecting any selected text and resetting the
            // selection direction to "none"."
            ValueMode::Value => {
                let old = self.current_value();
                self.set_current_value(value.into());
                let new = self.current_value();
                if new != old {
                    self.selection.move_to_end(&new);
                }
            }
            // default and default/on: "set the value content attribute to the given value".
            ValueMode::Default | ValueMode::DefaultOn => self.element().set_attribute_value(cx, "value", value.into()),
            // filename: "On setting, if the new value is the empty string, empty the list of
            // selected files; otherwise, throw an "InvalidStateError" DOMException."
            ValueMode::Filename => {
                if !value.as_str().is_empty() {
                    return Err(Error::InvalidState(
                        "This input element accepts a filename, which may only be programmatically set to the empty string."
                            .into(),
                    ));
                }
            }
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-valueasnumber>
    fn ValueAsNumber(&self, _cx: &mut JSContext) -> Fallible<f64> {
        Ok(inputvalue::value_as_number(self.input_type(), &self.current_value()).unwrap_or(f64::NAN))
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-valueasnumber>
    fn SetValueAsNumber(&self, _cx: &mut JSContext, value: f64) -> ErrorResult {
        let kind = self.input_type();
        // "On setting, if the new value is infinite, then throw a TypeError exception."
        if value.is_infinite() {
            return Err(Error::Type("The value provided is infinite.".into()));
        }
        // "Otherwise, if the valueAsNumber attribute does not apply, throw an "InvalidStateError"."
        if inputvalue::value_as_number(kind, "").is_none() {
            return Err(Error::InvalidState("This input element does not support Number values.".into()));
        }
        // "If the new value is NaN, set the value of the element to the empty string; otherwise
        // run the algorithm to convert a number to a string … and set the value to it."
        let text = if value.is_nan() { String::new() } else { inputvalue::number_to_value(kind, value) };
        self.set_current_value(text);
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-stepup>
    fn StepUp(&self, _cx: &mut JSContext, n: i32) -> ErrorResult {
        self.step(n, true)
    }
    /// <https://html.spec.whatwg.org/multipage/input.html#dom-input-stepdown>
    fn StepDown(&self, _cx: &mut JSContext, n: i32) -> ErrorResult {
        self.step(n, false)
    }

    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>: null for hidden inputs.
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.element())
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-select>:
    /// selects the text (there is no visible selection here) and fires `select`.
    fn Select(&self, _cx: &mut JSContext) {
        // "Set the selection range with 0 and infinity" where the selection APIs apply (which
        // fires `select` only if that changed the selection).
        if self.selection_applies() {
            self.selection.set_range(self.upcast(), &self.current_value(), 0, u32::MAX, None);
            return;
        }
        if matches!(self.input_type(), "text" | "search" | "tel" | "url" | "password" | "email" | "number") {
            self.queue_select_event();
        }
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectionstart>:
    /// "If this element is an input element, and selectionStart does not apply to input
    /// elements whose type attribute is in this element's type attribute's current state,
    /// return null."
    fn SelectionStart(&self, _cx: &mut JSContext) -> Option<u32> {
        self.selection().ok().map(|s| s.0)
    }
    /// "If … selectionStart does not apply …, throw an "InvalidStateError" DOMException. Let end
    /// be the value of this element's selectionEnd attribute. If end is less than the given
    /// value, set end to the given value. Set the selection range with the given value, end,
    /// and the value of this element's selectionDirection attribute."
    fn SetSelectionStart(&self, _cx: &mut JSContext, value: Option<u32>) -> ErrorResult {
        let (_, end, direction) = self.selection()?;
        let value = value.unwrap_or(0);
        self.set_selection(value, end.max(value), Some(textselection::direction_name(direction)));
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectionend>
    fn SelectionEnd(&self, _cx: &mut JSContext) -> Option<u32> {
        self.selection().ok().map(|s| s.1)
    }
    /// "Set the selection range with the value of this element's selectionStart attribute, the
    /// given value, and the value of this element's selectionDirection attribute."
    fn SetSelectionEnd(&self, _cx: &mut JSContext, value: Option<u32>) -> ErrorResult {
        let (start, _, direction) = self.selection()?;
        self.set_selection(start, value.unwrap_or(0), Some(textselection::direction_name(direction)));
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-selectiondirection>
    fn SelectionDirection(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.selection().ok().map(|s| textselection::direction_name(s.2).into())
    }
    /// "Set the selection range with the value of this element's selectionStart attribute, the
    /// value of this element's selectionEnd attribute, and the given value."
    fn SetSelectionDirection(&self, _cx: &mut JSContext, value: Option<DOMString>) -> ErrorResult {
        let (start, end, _) = self.selection()?;
        self.set_selection(start, end, value.as_deref());
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setselectionrange>
    fn SetSelectionRange(
        &self,
        _cx: &mut JSContext,
        start: u32,
        end: u32,
        direction: Option<DOMString>,
    ) -> ErrorResult {
        self.selection()?;
        self.set_selection(start, end, direction.as_deref());
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setrangetext>
    fn SetRangeText(&self, _cx: &mut JSContext, replacement: DOMString) -> ErrorResult {
        self.range_text(&replacement, None, textselection::SelectionMode::Preserve)
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

impl HTMLInputElement {
    /// stepUp()/stepDown() steps 1–4, then `inputvalue::step` for the rest.
    fn step(&self, n: i32, up: bool) -> Fallible<()> {
        let kind = self.input_type();
        // 1. "If the stepDown() and stepUp() methods do not apply, … throw an "InvalidStateError"."
        // FIXME: the date and time types step too; Aperture steps number and range only.
        if !matches!(kind, "number" | "range") {
            return Err(Error::InvalidState("This form element is not steppable.".into()));
        }
        let range = self.range();
        // 2. "If the element has no allowed value step, then throw an "InvalidStateError"."
        let Some(step) = range.step else {
            return Err(Error::InvalidState("This form element does not have an allowed value step.".into()));
        };
        // 3. "If the element has a minimum and a maximum and the minimum is greater than the
        //    maximum, then return."
        if let (Some(min), Some(max)) = (range.min, range.max)
            && min > max
        {
            return Ok(());
        }
        let value = inputvalue::parse_valid_float(&self.current_value()).unwrap_or(0.0);
        if let Some(new) = inputvalue::step(value, n, up, &range, step) {
            self.set_current_value(inputvalue::float_to_string(new));
        }
        Ok(())
    }
}
