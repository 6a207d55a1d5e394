//! `FormData` (<https://xhr.spec.whatwg.org/#interface-formdata>) and the encodings of an entry
//! list as a request body: `multipart/form-data`
//! (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart-form-data>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::FormDataBinding::FormDataMethods;
use crate::dom::bindings::codegen::HTMLTextAreaElementBinding::HTMLTextAreaElementMethods;
use crate::dom::bindings::codegen::Unions::FileOrUSVString as FormDataEntryValue;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::USVString;
use crate::dom::dom::element::Element;
use crate::dom::fileapi::blob::Blob;
use crate::dom::fileapi::file::{File, now_ms};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
use crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement;
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::window::Window;

/// An entry's value: a string or a File.
#[derive(crate::dom::bindings::trace::JSTraceable)]
pub enum EntryValue {
    Text(String),
    File(Dom<File>),
}

#[dom_struct]
pub struct FormData {
    reflector_: Reflector,
    /// The entry list: (name, value) in order.
    entries: RefCell<Vec<(String, EntryValue)>>,
}

impl FormData {
    /// A FormData whose entry list is `entries` (a body read by `formData()`); file entries
    /// become new `File`s.
    pub fn from_parsed(
        cx: &mut JSContext,
        global: &Window,
        entries: Vec<(String, crate::dom::fetch::formdataparser::ParsedValue)>,
    ) -> DomRoot<FormData> {
        use crate::dom::fetch::formdataparser::ParsedValue;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let data = crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(FormData { reflector_: Reflector::new(), entries: RefCell::new(Vec::new()) }),
            global,
        );
        for (name, value) in entries {
            let value = match value {
                ParsedValue::Text(text) => EntryValue::Text(text),
                ParsedValue::File { name, type_, bytes } => {
                    let file = File::new(cx, global, bytes.into(), type_, name, now);
                    EntryValue::File(Dom::from_ref(&*file))
                }
            };
            data.entries.borrow_mut().push((name, value));
        }
        data
    }

    /// The body of a request carrying this entry list, and its Content-Type:
    /// <https://fetch.spec.whatwg.org/#concept-bodyinit-extract> for a FormData, the
    /// multipart/form-data encoding algorithm with a fresh boundary.
    pub fn multipart_body(&self) -> (Vec<u8>, String) {
        let boundary = format!("----ApertureFormBoundary{:016x}", rand_u64());
        let mut body = Vec::new();
        for (name, value) in self.entries.borrow().iter() {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            // Field names and filenames: LF, CR and '"' are percent-encoded as %0A, %0D and %22.
            let escape = |s: &str| s.replace('\n', "%0A").replace('\r', "%0D").replace('"', "%22");
            match value {
                EntryValue::Text(text) => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", escape(name)).as_bytes(),
                    );
                    // Values have their newlines normalized to CRLF.
                    body.extend_from_slice(normalize_newlines(text.as_str()).as_bytes());
                }
                EntryValue::File(file) => {
                    let type_ = file.upcast::<Blob>().type_string();
                    let type_ = if type_.is_empty() { "application/octet-stream" } else { type_ };
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {type_}\r\n\r\n",
                            escape(name),
                            escape(file.name())
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(file.upcast::<Blob>().bytes());
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (body, format!("multipart/form-data; boundary={boundary}"))
    }
}

/// Replaces every CR not followed by LF, and every LF not preceded by CR, with CRLF.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n")
}

fn rand_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::getrandom(&mut bytes).is_err() {
        bytes = (std::process::id() as u64 ^ now_ms() as u64).to_le_bytes();
    }
    u64::from_le_bytes(bytes)
}

/// <https://xhr.spec.whatwg.org/#create-an-entry>: a Blob that is not a File becomes a File named
/// "blob"; a File given a filename becomes a File of that name (both share the bytes).
fn create_entry(cx: &mut JSContext, window: &Window, blob: &Blob, filename: Option<USVString>) -> DomRoot<File> {
    let existing = blob.downcast::<File>();
    let name = match (&filename, existing) {
        (Some(name), _) => name.0.clone(),
        (None, Some(file)) => return DomRoot::from_ref(file),
        (None, None) => "blob".to_owned(),
    };
    let last_modified = existing.map(|f| f.last_modified()).unwrap_or_else(now_ms);
    File::new(cx, window, blob.shared_bytes(), blob.type_string().to_owned(), name, last_modified)
}

fn has_datalist_ancestor(element: &Element) -> bool {
    let mut ancestor = element.upcast::<crate::dom::dom::node::Node>().parent();
    while let Some(node) = ancestor {
        if node.downcast::<Element>().is_some_and(|e| e.is_html_element() && e.local_name() == "datalist") {
            return true;
        }
        ancestor = node.parent();
    }
    false
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#constructing-the-form-data-set>
/// for the controls Aperture has (input, select, textarea, button), without the `formdata`
/// event: named, enabled controls outside a datalist; checkboxes and radio buttons only when
/// checked (value "on" by default); a file input gives an empty File (no file can be chosen
/// in a headless host); submit buttons only when they are the submitter.
fn construct_entry_list(
    cx: &mut JSContext,
    window: &Window,
    form: &HTMLFormElement,
    submitter: Option<&HTMLElement>,
) -> Vec<(String, EntryValue)> {
    let mut entries = Vec::new();
    for element in form.listed_elements() {
        let Some(name) = element.get_attribute_value("name").filter(|n| !n.is_empty()) else { continue };
        // "The field element has a datalist element ancestor", "the field element is
        // disabled" (its own attribute or a disabled fieldset): skip.
        if crate::dom::html::forms::is_disabled_control(&element) || has_datalist_ancestor(&element) {
            continue;
        }
        let is_submitter = submitter.is_some_and(|s| std::ptr::eq(s.upcast::<Element>(), &*element));
        if let Some(input) = element.downcast::<HTMLInputElement>() {
            let kind = input.input_type();
            match kind {
                "checkbox" | "radio" => {
                    if input.checkedness() {
                        let value = element.get_attribute_value("value").unwrap_or_else(|| "on".to_owned());
                        entries.push((name, EntryValue::Text(value)));
                    }
                }
                "submit" | "button" | "reset" | "image" => {
                    if is_submitter && kind == "submit" {
                        entries
                            .push((name, EntryValue::Text(element.get_attribute_value("value").unwrap_or_default())));
                    }
                }
                "file" => {
                    let file = File::new(
                        cx,
                        window,
                        Vec::new().into(),
                        "application/octet-stream".into(),
                        String::new(),
                        now_ms(),
                    );
                    entries.push((name, EntryValue::File(Dom::from_ref(&*file))));
                }
                _ => entries.push((name, EntryValue::Text(input.current_value()))),
            }
        } else if let Some(select) = element.downcast::<HTMLSelectElement>() {
            for option in select.selected_options() {
                if !option.is_disabled() {
                    entries.push((name.clone(), EntryValue::Text(option.value())));
                }
            }
        } else if let Some(textarea) = element.downcast::<HTMLTextAreaElement>() {
            entries.push((name, EntryValue::Text(textarea.Value(cx).to_string())));
        } else if element.local_name() == "button" {
            let kind = element.get_attribute_value("type").unwrap_or_default().to_ascii_lowercase();
            if is_submitter && (kind.is_empty() || kind == "submit") {
                entries.push((name, EntryValue::Text(element.get_attribute_value("value").unwrap_or_default())));
            }
        }
    }
    entries
}

impl FormDataMethods for FormData {
    /// <https://xhr.spec.whatwg.org/#dom-formdata>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        form: Option<&HTMLFormElement>,
        submitter: Option<&HTMLElement>,
    ) -> Fallible<DomRoot<FormData>> {
        let mut entries = Vec::new();
        // 1. If form is given, then:
        if let Some(form) = form {
            // 1.1 If submitter is non-null, then: if submitter is not a submit button, then
            //     throw a TypeError; if submitter's form owner is not form, then throw a
            //     "NotFoundError" DOMException.
            if let Some(submitter) = submitter {
                let element = submitter.upcast::<Element>();
                let is_submit_button = element.downcast::<HTMLInputElement>().is_some_and(|i| i.is_submit_button())
                    || (element.local_name() == "button"
                        && matches!(
                            element.get_attribute_value("type").unwrap_or_default().to_ascii_lowercase().as_str(),
                            "" | "submit"
                        ));
                if !is_submit_button {
                    return Err(Error::Type("The submitter is not a submit button.".into()));
                }
                let owner = crate::dom::html::forms::form_owner(element);
                if !owner.is_some_and(|f| std::ptr::eq(&*f, form)) {
                    return Err(Error::NotFound("The submitter is not owned by this form.".into()));
                }
            }
            // 1.2 Let list be the result of constructing the entry list for form and
            //     submitter. (1.3: null only while form is already constructing one; Aperture
            //     fires no formdata event, so it never is.) 1.4 Set this's entry list to list.
            entries = construct_entry_list(cx, global, form, submitter);
        }
        let data = FormData { reflector_: Reflector::new(), entries: RefCell::new(entries) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(data), global, proto))
    }

    /// <https://xhr.spec.whatwg.org/#dom-formdata-append>
    fn Append(&self, _cx: &mut JSContext, name: USVString, value: USVString) {
        self.entries.borrow_mut().push((name.0, EntryValue::Text(value.0)));
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-append>: the value is a File made by "create
    /// an entry".
    fn Append_(&self, cx: &mut JSContext, name: USVString, blob: &Blob, filename: Option<USVString>) {
        let file = create_entry(cx, &self.global(), blob, filename);
        self.entries.borrow_mut().push((name.0, EntryValue::File(Dom::from_ref(&*file))));
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-delete>
    fn Delete(&self, _cx: &mut JSContext, name: USVString) {
        self.entries.borrow_mut().retain(|(n, _)| *n != name.0);
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-get>
    fn Get(&self, _cx: &mut JSContext, name: USVString) -> Option<FormDataEntryValue> {
        self.entries.borrow().iter().find(|(n, _)| *n == name.0).map(|(_, v)| entry_value(v))
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-getall>
    fn GetAll(&self, _cx: &mut JSContext, name: USVString) -> Vec<FormDataEntryValue> {
        self.entries.borrow().iter().filter(|(n, _)| *n == name.0).map(|(_, v)| entry_value(v)).collect()
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-has>
    fn Has(&self, _cx: &mut JSContext, name: USVString) -> bool {
        self.entries.borrow().iter().any(|(n, _)| *n == name.0)
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-set>
    fn Set(&self, _cx: &mut JSContext, name: USVString, value: USVString) {
        self.set_entry(name.0, EntryValue::Text(value.0));
    }
    /// <https://xhr.spec.whatwg.org/#dom-formdata-set>
    fn Set_(&self, cx: &mut JSContext, name: USVString, blob: &Blob, filename: Option<USVString>) {
        let file = create_entry(cx, &self.global(), blob, filename);
        self.set_entry(name.0, EntryValue::File(Dom::from_ref(&*file)));
    }
    /// <https://xhr.spec.whatwg.org/#interface-formdata>: "The value pairs to iterate over are
    /// this's entry list's entries".
    fn PairIterable(&self, _cx: &mut JSContext) -> Vec<(USVString, FormDataEntryValue)> {
        self.entries.borrow().iter().map(|(n, v)| (USVString(n.clone()), entry_value(v))).collect()
    }
}

impl FormData {
    /// The set() steps: "If there are entries in this's entry list whose name is name, then
    /// replace the first such entry with entry and remove the others. Otherwise, append entry."
    fn set_entry(&self, name: String, value: EntryValue) {
        let mut entries = self.entries.borrow_mut();
        match entries.iter().position(|(n, _)| *n == name) {
            Some(first) => {
                entries[first].1 = value;
                let mut index = 0;
                entries.retain(|(n, _)| {
                    let keep = index <= first || *n != name;
                    index += 1;
                    keep
                });
            }
            None => entries.push((name, value)),
        }
    }
}

fn entry_value(value: &EntryValue) -> FormDataEntryValue {
    match value {
        EntryValue::Text(text) => FormDataEntryValue::USVString(USVString(text.clone())),
        EntryValue::File(file) => FormDataEntryValue::File(file.as_rooted()),
    }
}
