//! `HTMLTextAreaElement` (<https://html.spec.whatwg.org/multipage/form-elements.html#the-textarea-element>):
//! the raw value with its dirty flag; the default value is the element's child text content.

use std::cell::{Cell, RefCell};

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLTextAreaElementBinding::HTMLTextAreaElementMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
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
            }),
            &window,
        )
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
        *self.raw_value.borrow_mut() = value.into();
        self.dirty.set(true);
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
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-select>
    fn Select(&self, _cx: &mut JSContext) {
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(this) = this.root() {
                this.upcast::<EventTarget>().fire_event_with(cx, "select", true, false);
            }
        }));
    }
}
