//! `HTMLFormElement` (<https://html.spec.whatwg.org/multipage/forms.html#the-form-element>):
//! its listed elements, reset, and submission as far as a headless host goes (the `submit` event;
//! no navigation).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLFormElementBinding::HTMLFormElementMethods;
use crate::dom::bindings::codegen::Unions::RadioNodeListOrElement;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::Node;
use crate::dom::html::forms::collections::{HTMLFormControlsCollection, RadioNodeList};
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::{form_owner, is_listed, reset_control};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{reflect_bool, reflect_string};
use crate::dom::html::simpleelements::HTMLButtonElement;

#[dom_struct]
pub struct HTMLFormElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/forms.html#firing-submission-events>
    #[no_trace]
    firing_submission_events: Cell<bool>,
}

impl HTMLFormElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLFormElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLFormElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                firing_submission_events: Cell::new(false),
            }),
            &window,
        )
    }

    /// The listed elements whose form owner is this form, in tree order
    /// (<https://html.spec.whatwg.org/multipage/forms.html#dom-form-elements>; image buttons excluded).
    pub fn listed_elements(&self) -> Vec<DomRoot<Element>> {
        let root = self.upcast::<Node>().root();
        root.element_descendants()
            .into_iter()
            .filter(|e| {
                is_listed(e)
                    && e.downcast::<HTMLInputElement>().is_none_or(|i| i.input_type() != "image")
                    && form_owner(e).is_some_and(|f| std::ptr::eq(&*f, self))
            })
            .collect()
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#concept-form-submit>,
    /// the part a headless host performs: unless submitted from submit() (`from_method`), fire
    /// `submit` (bubbles, cancelable) once at a time; there is no navigation afterwards.
    pub fn submit_from(&self, cx: &mut JSContext, submitter: Option<&HTMLElement>, from_method: bool) {
        if from_method {
            // "If submitted from submit() method is true": no events; the navigation it would
            // start does not exist here.
            return;
        }
        // "If form's firing submission events is true, then return."
        if self.firing_submission_events.get() {
            return;
        }
        self.firing_submission_events.set(true);
        // "If the submitter element's no-validate state is false, then interactively validate
        // the constraints of form and examine the result. If the result is negative (i.e., the
        // constraint validation concluded that there were invalid fields and probably informed
        // the user of this), then: set form's firing submission events to false; return." The
        // no-validate state: the submitter's formnovalidate, else the form's novalidate.
        let no_validate = submitter
            .filter(|s| !std::ptr::eq(s.upcast::<Element>(), self.upcast::<Element>()))
            .is_some_and(|s| s.upcast::<Element>().has_attribute_named("formnovalidate"))
            || self.upcast::<Element>().has_attribute_named("novalidate");
        if !no_validate && !crate::dom::html::forms::validation::form_report_validity(cx, self) {
            self.firing_submission_events.set(false);
            return;
        }
        // "Let shouldContinue be the result of firing an event named submit at form using
        // SubmitEvent, with the submitter attribute initialized to submitter, if submitter is not
        // form, and null otherwise, and the bubbles and cancelable attributes initialized to
        // true." (No navigation follows either way.)
        let submitter = submitter.filter(|s| !std::ptr::eq(s.upcast::<Element>(), self.upcast::<Element>()));
        let window = crate::dom::globalscope::DomGlobal::global(self);
        let event = SubmitEvent::new_trusted(cx, &window, submitter);
        let _ = self.upcast::<EventTarget>().dispatch(cx, event.upcast());
        self.firing_submission_events.set(false);
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#concept-form-reset>:
    /// fire `reset` (bubbles, cancelable); if not canceled, reset each listed element.
    pub fn reset_form(&self, cx: &mut JSContext) {
        if self.upcast::<EventTarget>().fire_event_with(cx, "reset", true, true) {
            for element in self.listed_elements() {
                reset_control(cx, &element);
            }
        }
    }
}

/// The img elements whose form owner is `form` (their nearest form ancestor: img has no `form`
/// attribute), in tree order.
fn form_images(form: &Node) -> Vec<DomRoot<Element>> {
    form.element_descendants()
        .into_iter()
        .filter(|e| {
            e.is_html_element()
                && e.local_name() == "img"
                && form_owner(e).is_some_and(|f| std::ptr::eq(f.upcast::<Node>(), form))
        })
        .collect()
}

impl HTMLFormElementMethods for HTMLFormElement {
    reflect_string!(
        AcceptCharset,
        SetAcceptCharset,
        "accept-charset",
        "https://html.spec.whatwg.org/multipage/forms.html#dom-form-acceptcharset"
    );
    reflect_string!(
        Autocomplete,
        SetAutocomplete,
        "autocomplete",
        "https://html.spec.whatwg.org/multipage/forms.html#dom-form-autocomplete"
    );
    reflect_string!(Name, SetName, "name", "https://html.spec.whatwg.org/multipage/forms.html#dom-form-name");
    reflect_bool!(
        NoValidate,
        SetNoValidate,
        "novalidate",
        "https://html.spec.whatwg.org/multipage/forms.html#dom-form-novalidate"
    );
    reflect_string!(Target, SetTarget, "target", "https://html.spec.whatwg.org/multipage/forms.html#dom-form-target");
    reflect_string!(Rel, SetRel, "rel", "https://html.spec.whatwg.org/multipage/forms.html#dom-form-rel");

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-action>:
    /// the document's URL when the attribute is missing or empty, else the resolved URL.
    fn Action(&self, _cx: &mut JSContext) -> USVString {
        let element = self.upcast::<Element>();
        match element.get_attribute_value("action").filter(|a| !a.is_empty()) {
            Some(_) => self.upcast::<HTMLElement>().get_url_attribute("action"),
            None => USVString(self.upcast::<Node>().owner_doc().url().to_string()),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-action>
    fn SetAction(&self, cx: &mut JSContext, value: USVString) {
        self.upcast::<Element>().set_attribute_value(cx, "action", value.0);
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-enctype>:
    /// an enumerated attribute, invalid and missing value default application/x-www-form-urlencoded.
    fn Enctype(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.upcast::<Element>().get_attribute_value("enctype").map(|v| v.to_ascii_lowercase());
        match value.as_deref() {
            Some(v @ ("multipart/form-data" | "text/plain")) => v.into(),
            _ => "application/x-www-form-urlencoded".into(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-enctype>
    fn SetEnctype(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "enctype", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-encoding>: enctype's alias.
    fn Encoding(&self, cx: &mut JSContext) -> DOMString {
        self.Enctype(cx)
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-encoding>
    fn SetEncoding(&self, cx: &mut JSContext, value: DOMString) {
        self.SetEnctype(cx, value)
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-method>:
    /// get, post or dialog; invalid and missing value default get.
    fn Method(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.upcast::<Element>().get_attribute_value("method").map(|v| v.to_ascii_lowercase());
        match value.as_deref() {
            Some(v @ ("post" | "dialog")) => v.into(),
            _ => "get".into(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fs-method>
    fn SetMethod(&self, cx: &mut JSContext, value: DOMString) {
        self.upcast::<Element>().set_attribute_value(cx, "method", value.into());
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-elements>
    fn Elements(&self, cx: &mut JSContext) -> DomRoot<HTMLFormControlsCollection> {
        HTMLFormControlsCollection::new(cx, self.upcast())
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-item>: "the indexth element in
    /// the form's elements collection"; the supported property indices are those of that
    /// collection.
    fn IndexedGetter(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<Element>> {
        self.listed_elements().into_iter().nth(index as usize)
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-nameditem>
    fn NamedGetter(&self, cx: &mut JSContext, name: DOMString) -> Option<RadioNodeListOrElement> {
        let named = |e: &Element| {
            e.get_attribute_value("id").as_deref() == Some(&*name)
                || e.get_attribute_value("name").as_deref() == Some(&*name)
        };
        // 1. "Let candidates be a live RadioNodeList object containing all the listed elements,
        //    whose form owner is the form element, that have either an id attribute or a name
        //    attribute equal to name, with the exception of input elements whose type attribute is
        //    in the Image Button state, in tree order."
        let mut filter = CollectionFilter::FormControls;
        let mut candidates: Vec<DomRoot<Element>> = self.listed_elements().into_iter().filter(|e| named(e)).collect();
        // 2. "If candidates is empty, let candidates be a live RadioNodeList object containing all
        //    the img elements, whose form owner is the form element, that have either an id
        //    attribute or a name attribute equal to name, in tree order."
        if candidates.is_empty() {
            filter = CollectionFilter::Computed(form_images);
            candidates = form_images(self.upcast()).into_iter().filter(|e| named(e)).collect();
        }
        // 3. (The past names map is not kept: a control renamed or moved out is no longer found
        //    by its old name.) "If candidates is empty … return" nothing: not a supported name.
        match candidates.len() {
            0 => None,
            // 5–6. "Otherwise, candidates contains exactly one node. … Return the node in
            //      candidates."
            1 => candidates.into_iter().next().map(RadioNodeListOrElement::Element),
            // 4. "If candidates contains more than one node, return candidates."
            _ => {
                let collection = HTMLCollection::new(cx, self.upcast(), filter);
                Some(RadioNodeListOrElement::RadioNodeList(RadioNodeList::new(cx, &collection, name.to_string())))
            }
        }
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#the-form-element:supported-property-names>
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        // 1–3. The ids and names of the listed elements (image buttons excepted) and of the img
        //      elements whose form owner is the form.
        let mut elements = self.listed_elements();
        elements.extend(form_images(self.upcast()));
        // 5. "Sort sourced names by tree order of the element entry of each tuple, sorting entries
        //    with the same element by putting entries whose source is id first, then entries whose
        //    source is name".
        let root = self.upcast::<Node>().root();
        let order: Vec<DomRoot<Element>> = root.element_descendants();
        elements.sort_by_key(|e| order.iter().position(|o| std::ptr::eq(&**o, &**e)).unwrap_or(usize::MAX));
        let mut names: Vec<DOMString> = Vec::new();
        for e in elements {
            for attr in ["id", "name"] {
                // 6–7. "Remove any entries in sourced names that have the empty string as their
                //      name. Remove any entries in sourced names that have the same name as an
                //      earlier entry in the map."
                if let Some(value) = e.get_attribute_value(attr).filter(|v| !v.is_empty())
                    && !names.iter().any(|n| **n == *value)
                {
                    names.push(value.into());
                }
            }
        }
        names
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.listed_elements().len() as u32
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-submit>: "submit this form
    /// element from this form element, with submitted from submit() method set to true".
    fn Submit(&self, cx: &mut JSContext) {
        self.submit_from(cx, None, true);
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-requestsubmit>
    fn RequestSubmit(&self, cx: &mut JSContext, submitter: Option<&HTMLElement>) -> ErrorResult {
        // 1. "If submitter is not null: if submitter is not a submit button, throw a TypeError; if
        //    submitter's form owner is not this form element, throw a "NotFoundError"."
        if let Some(submitter) = submitter {
            let is_submit_button = submitter.downcast::<HTMLInputElement>().is_some_and(|i| i.is_submit_button())
                || submitter.downcast::<HTMLButtonElement>().is_some_and(|b| {
                    !matches!(
                        b.upcast::<Element>().get_attribute_value("type").map(|t| t.to_ascii_lowercase()).as_deref(),
                        Some("reset" | "button")
                    )
                });
            if !is_submit_button {
                return Err(Error::Type("The specified element is not a submit button.".into()));
            }
            if !form_owner(submitter.upcast()).is_some_and(|f| std::ptr::eq(&*f, self)) {
                return Err(Error::NotFound("The specified element is not owned by this form element.".into()));
            }
        }
        // 2–3. "Otherwise, set submitter to this form element. Submit this form element, from submitter."
        self.submit_from(cx, submitter, false);
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-reset>
    fn Reset(&self, cx: &mut JSContext) {
        self.reset_form(cx);
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-checkvalidity>
    fn CheckValidity(&self, cx: &mut JSContext) -> bool {
        crate::dom::html::forms::validation::form_check_validity(cx, self)
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-form-reportvalidity>
    fn ReportValidity(&self, cx: &mut JSContext) -> bool {
        crate::dom::html::forms::validation::form_report_validity(cx, self)
    }
}

/// `SubmitEvent` (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#the-submitevent-interface>):
/// the `submit` event, with the element that submitted the form.
#[dom_struct]
pub struct SubmitEvent {
    event: crate::dom::dom::event::Event,
    submitter: crate::dom::bindings::root::MutNullableDom<HTMLElement>,
}

impl SubmitEvent {
    /// A trusted `submit` event (bubbles, cancelable) with `submitter`.
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &crate::dom::html::window::Window,
        submitter: Option<&HTMLElement>,
    ) -> DomRoot<SubmitEvent> {
        let event = SubmitEvent {
            event: crate::dom::dom::event::Event::new_inherited(window),
            submitter: crate::dom::bindings::root::MutNullableDom::new(submitter),
        };
        let event = crate::dom::bindings::classes::reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init("submit".into(), true, true);
        base.set_trusted(true);
        event
    }
}

impl crate::dom::bindings::codegen::SubmitEventBinding::SubmitEventMethods for SubmitEvent {
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-submitevent-submitter>
    fn Constructor(
        cx: &mut JSContext,
        global: &crate::dom::html::window::Window,
        proto: Option<mozjs::rust::HandleObject>,
        type_: DOMString,
        init: &crate::dom::bindings::codegen::Dictionaries::SubmitEventInit,
    ) -> crate::dom::bindings::error::Fallible<DomRoot<SubmitEvent>> {
        let event = SubmitEvent {
            event: crate::dom::dom::event::Event::new_inherited(global),
            submitter: crate::dom::bindings::root::MutNullableDom::new(init.submitter.as_deref()),
        };
        let event = crate::dom::bindings::classes::reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<crate::dom::dom::event::Event>();
        base.init(type_.into(), init.parent.bubbles, init.parent.cancelable);
        base.set_composed(init.parent.composed);
        Ok(event)
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-submitevent-submitter>:
    /// "the value it was initialized to".
    fn Submitter(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLElement>> {
        self.submitter.get()
    }
}
