//! Custom elements (<https://html.spec.whatwg.org/multipage/custom-elements.html>): definitions,
//! the element states, creating and upgrading elements, and the lifecycle callback reactions.
//!
//! Autonomous custom elements only: customized built-in elements (`is`, `extends`) are not
//! supported (`define()` with `extends` throws "NotSupportedError"). Form-associated custom
//! elements and `ElementInternals` are not supported either (`formAssociated` is read but the
//! form callbacks are never enqueued).

pub mod customelementregistry;
pub mod htmlconstructor;
pub mod reactions;

use std::cell::RefCell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::{HandleValueArray, JSObject};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::Dom;
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::node::Node;

/// <https://dom.spec.whatwg.org/#concept-element-custom-element-state>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomElementState {
    Undefined,
    Failed,
    Uncustomized,
    Precustomized,
    Custom,
}

/// An entry of a definition's construction stack.
pub enum ConstructionStackEntry {
    Element(Dom<Element>),
    /// The "already constructed" marker.
    AlreadyConstructed,
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-definition>
pub struct CustomElementDefinition {
    pub name: String,
    pub local_name: String,
    pub constructor: TracedObject,
    pub observed_attributes: Vec<String>,
    pub connected_callback: Option<TracedObject>,
    pub disconnected_callback: Option<TracedObject>,
    pub adopted_callback: Option<TracedObject>,
    pub attribute_changed_callback: Option<TracedObject>,
    pub construction_stack: RefCell<Vec<ConstructionStackEntry>>,
    pub form_associated: bool,
    pub disable_internals: bool,
    pub disable_shadow: bool,
}

// SAFETY: `trace` below reaches every GC thing a `CustomElementDefinition` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for CustomElementDefinition {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            self.constructor.trace(trc);
            self.connected_callback.trace(trc);
            self.disconnected_callback.trace(trc);
            self.adopted_callback.trace(trc);
            self.attribute_changed_callback.trace(trc);
            for entry in self.construction_stack.borrow().iter() {
                if let ConstructionStackEntry::Element(e) = entry {
                    e.trace(trc);
                }
            }
        }
    }
}

/// The lifecycle callbacks Aperture enqueues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callback {
    Connected,
    Disconnected,
    Adopted,
    AttributeChanged,
}

impl CustomElementDefinition {
    fn callback(&self, which: Callback) -> Option<&TracedObject> {
        match which {
            Callback::Connected => self.connected_callback.as_ref(),
            Callback::Disconnected => self.disconnected_callback.as_ref(),
            Callback::Adopted => self.adopted_callback.as_ref(),
            Callback::AttributeChanged => self.attribute_changed_callback.as_ref(),
        }
    }
}

/// The arguments of a callback reaction.
pub enum CallbackArgs {
    None,
    /// « oldDocument, newDocument ».
    Adopted(Dom<Document>, Dom<Document>),
    /// « name, oldValue, newValue, namespace ».
    AttributeChanged {
        name: String,
        old: Option<String>,
        new: Option<String>,
        namespace: Option<String>,
    },
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-reaction-queue>
pub enum CustomElementReaction {
    Upgrade(Rc<CustomElementDefinition>),
    Callback { definition: Rc<CustomElementDefinition>, callback: Callback, args: CallbackArgs },
}

// SAFETY: `trace` below reaches every GC thing a `CustomElementReaction` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for CustomElementReaction {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            match self {
                CustomElementReaction::Upgrade(d) => d.trace(trc),
                CustomElementReaction::Callback { definition, args, .. } => {
                    definition.trace(trc);
                    if let CallbackArgs::Adopted(a, b) = args {
                        a.trace(trc);
                        b.trace(trc);
                    }
                }
            }
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#valid-custom-element-name>
pub fn is_valid_custom_element_name(name: &str) -> bool {
    // "name must match the PotentialCustomElementName production": [a-z] (PCENChar)* '-' (PCENChar)*
    let mut chars = name.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_lowercase()) || !name.contains('-') {
        return false;
    }
    let pcen_char = |c: char| {
        matches!(c, '-' | '.' | '0'..='9' | '_' | 'a'..='z' | '\u{B7}' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
            | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    if !chars.all(pcen_char) {
        return false;
    }
    // "name must not be any of the following: annotation-xml, color-profile, font-face,
    // font-face-src, font-face-uri, font-face-format, font-face-name, missing-glyph"
    !matches!(
        name,
        "annotation-xml"
            | "color-profile"
            | "font-face"
            | "font-face-src"
            | "font-face-uri"
            | "font-face-format"
            | "font-face-name"
            | "missing-glyph"
    )
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#look-up-a-custom-element-definition>
pub fn look_up_definition(
    document: &Document,
    namespace: Option<&str>,
    local_name: &str,
) -> Option<Rc<CustomElementDefinition>> {
    // 1. "If namespace is not the HTML namespace, then return null."
    if namespace != Some(HTML_NAMESPACE) {
        return None;
    }
    // 2. "If document's browsing context is null, then return null."
    let window = document.browsing_window()?;
    // 3. "Let registry be document's relevant global object's custom element registry."
    let registry = window.custom_element_registry_if_created()?;
    // 4. "If registry's custom element definition set contains an item with name and local
    //    name both equal to localName, then return that item." (5: customized built-ins: none.)
    registry.definition_by_name(local_name).filter(|d| d.local_name == local_name)
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#enqueue-a-custom-element-callback-reaction>
pub fn enqueue_callback_reaction(cx: &mut JSContext, element: &Element, callback: Callback, args: CallbackArgs) {
    // 1. "Let definition be element's custom element definition."
    let Some(definition) = element.custom_element_definition() else { return };
    // 2–3. "Let callback be definition's lifecycle callbacks[callbackName]"; "If callback is
    //    null, then return."
    if definition.callback(callback).is_none() {
        return;
    }
    // 4. "If callbackName is "attributeChangedCallback": … If attributeName is not in
    //    definition's observed attributes, then return."
    if let CallbackArgs::AttributeChanged { name, .. } = &args
        && !definition.observed_attributes.iter().any(|a| a == name)
    {
        return;
    }
    // 5. "Add a new callback reaction to element's custom element reaction queue."
    element.push_custom_element_reaction(CustomElementReaction::Callback { definition, callback, args });
    // 6. "Enqueue an element on the appropriate element queue given element."
    reactions::enqueue_element(cx, element);
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#enqueue-a-custom-element-upgrade-reaction>
pub fn enqueue_upgrade_reaction(cx: &mut JSContext, element: &Element, definition: Rc<CustomElementDefinition>) {
    // 1. "Add a new upgrade reaction to element's custom element reaction queue, with custom
    //    element definition definition."
    element.push_custom_element_reaction(CustomElementReaction::Upgrade(definition));
    // 2. "Enqueue an element on the appropriate element queue given element."
    reactions::enqueue_element(cx, element);
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#concept-try-upgrade>
pub fn try_to_upgrade(cx: &mut JSContext, element: &Element) {
    // 1. "Let definition be the result of looking up a custom element definition given
    //    element's node document, element's namespace, element's local name, and element's is
    //    value."
    let document = element.upcast::<Node>().owner_doc();
    // 2. "If definition is not null, then enqueue a custom element upgrade reaction."
    if let Some(definition) = look_up_definition(&document, element.namespace(), element.local_name()) {
        enqueue_upgrade_reaction(cx, element, definition);
    }
}

/// The custom element parts of the insertion steps
/// (<https://dom.spec.whatwg.org/#concept-node-insert>, step 7.7.2): for each shadow-including
/// inclusive descendant that became connected.
pub fn inserted(cx: &mut JSContext, element: &Element) {
    // "If inclusiveDescendant is custom, then enqueue a custom element callback reaction with
    // inclusiveDescendant, callback name "connectedCallback", and « »."
    if element.custom_element_state() == CustomElementState::Custom {
        enqueue_callback_reaction(cx, element, Callback::Connected, CallbackArgs::None);
    } else {
        // "Otherwise, try to upgrade inclusiveDescendant."
        try_to_upgrade(cx, element);
    }
}

/// <https://dom.spec.whatwg.org/#concept-node-remove>, steps 15–16: "If node is custom and
/// isParentConnected is true, then enqueue a custom element callback reaction with node,
/// callback name "disconnectedCallback", and « »" (and likewise for its descendants).
pub fn removed(cx: &mut JSContext, element: &Element) {
    if element.custom_element_state() == CustomElementState::Custom {
        enqueue_callback_reaction(cx, element, Callback::Disconnected, CallbackArgs::None);
    }
}

/// <https://dom.spec.whatwg.org/#concept-node-adopt>, step 3.2.2: "If inclusiveDescendant is
/// custom, then enqueue a custom element callback reaction with inclusiveDescendant, callback
/// name "adoptedCallback", and « oldDocument, document »."
pub fn adopted(cx: &mut JSContext, element: &Element, old_document: &Document, document: &Document) {
    if element.custom_element_state() == CustomElementState::Custom {
        enqueue_callback_reaction(
            cx,
            element,
            Callback::Adopted,
            CallbackArgs::Adopted(Dom::from_ref(old_document), Dom::from_ref(document)),
        );
    }
}

/// <https://dom.spec.whatwg.org/#concept-element-attributes-change>, step 2: "If element is
/// custom, then enqueue a custom element callback reaction with element, callback name
/// "attributeChangedCallback", and « attribute's local name, oldValue, newValue, attribute's
/// namespace »."
pub fn attribute_changed(
    cx: &mut JSContext,
    element: &Element,
    name: &str,
    namespace: Option<&str>,
    old: Option<String>,
    new: Option<String>,
) {
    if element.custom_element_state() == CustomElementState::Custom {
        enqueue_callback_reaction(
            cx,
            element,
            Callback::AttributeChanged,
            CallbackArgs::AttributeChanged { name: name.to_owned(), old, new, namespace: namespace.map(str::to_owned) },
        );
    }
}

/// Calls `C` as a constructor with no arguments (`new C()`); the result object.
///
/// The call runs in the constructor's realm: the parser creates elements with no realm entered,
/// and SpiderMonkey may only run script inside one (debug SpiderMonkey asserts it).
pub(crate) fn construct(cx: &mut JSContext, constructor: &TracedObject) -> Fallible<*mut JSObject> {
    // SAFETY: `constructor` is a traced, live function object; the realm is left when `_realm`
    // drops at the end of this function.
    let _realm = unsafe { mozjs::jsapi::JSAutoRealm::new(cx.raw_cx(), constructor.get()) };
    rooted!(&in(cx) let ctor = ObjectValue(constructor.get()));
    rooted!(&in(cx) let mut result = std::ptr::null_mut::<JSObject>());
    let args = HandleValueArray::empty();
    // SAFETY: `ctor` and `result` are rooted; `cx` is this thread's live context; its raw pointer goes straight into the call.
    let ok = unsafe { mozjs::jsapi::Construct1(cx.raw_cx(), ctor.handle().into(), &args, result.handle_mut().into()) };
    if ok { Ok(result.get()) } else { Err(Error::JSFailed) }
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#concept-upgrade-an-element>
pub fn upgrade(cx: &mut JSContext, element: &Element, definition: Rc<CustomElementDefinition>) -> Fallible<()> {
    // 1. "If element's custom element state is not "undefined" or "uncustomized", then return."
    if !matches!(element.custom_element_state(), CustomElementState::Undefined | CustomElementState::Uncustomized) {
        return Ok(());
    }
    // 2. "Set element's custom element definition to definition."
    element.set_custom_element_definition(Some(definition.clone()));
    // 3. "Set element's custom element state to "failed"."
    element.set_custom_element_state(CustomElementState::Failed);
    // 4. "For each attribute in element's attribute list, in order, enqueue a custom element
    //    callback reaction with element, callback name "attributeChangedCallback", and
    //    « attribute's local name, null, attribute's value, attribute's namespace »."
    for a in element.attributes() {
        enqueue_callback_reaction(
            cx,
            element,
            Callback::AttributeChanged,
            CallbackArgs::AttributeChanged {
                name: a.local_name,
                old: None,
                new: Some(a.value),
                namespace: a.namespace,
            },
        );
    }
    // 5. "If element is connected, then enqueue a custom element callback reaction with element,
    //    callback name "connectedCallback", and « »."
    if element.upcast::<Node>().is_connected() {
        enqueue_callback_reaction(cx, element, Callback::Connected, CallbackArgs::None);
    }
    // 6. "Add element to the end of definition's construction stack."
    definition.construction_stack.borrow_mut().push(ConstructionStackEntry::Element(Dom::from_ref(element)));
    // 7. "Let C be definition's constructor."
    // 8–9. "Run the following steps while catching any exceptions:"
    let result = (|| {
        // 9.1. "If definition's disable shadow is true and element's shadow root is non-null,
        //    then throw a "NotSupportedError" DOMException."
        if definition.disable_shadow && element.shadow_root().is_some() {
            return Err(Error::NotSupported("The element has a shadow root, which its definition disables.".into()));
        }
        // 9.2. "Set element's custom element state to "precustomized"."
        element.set_custom_element_state(CustomElementState::Precustomized);
        // 9.3. "Let constructResult be the result of constructing C, with no arguments."
        let construct_result = construct(cx, &definition.constructor)?;
        // 9.4. "If SameValue(constructResult, element) is false, then throw a TypeError."
        if construct_result != element.reflector().get_jsobject().get() {
            return Err(Error::Type("The custom element constructor did not return the upgraded element.".into()));
        }
        Ok(())
    })();
    // "Then, perform the following substep, regardless of whether the above steps threw an
    // exception or not: Remove the last entry from the end of definition's construction stack."
    definition.construction_stack.borrow_mut().pop();
    // 10. "If the above steps threw an exception, then: set element's custom element definition
    //    to null; empty element's custom element reaction queue; rethrow the exception."
    if let Err(e) = result {
        element.set_custom_element_definition(None);
        element.clear_custom_element_reactions();
        return Err(e);
    }
    // 11. (form-associated custom elements: not supported.)
    // 12. "Set element's custom element state to "custom"."
    element.set_custom_element_state(CustomElementState::Custom);
    Ok(())
}

/// Invokes one callback reaction's function with `this` the element, reporting any exception
/// (<https://html.spec.whatwg.org/multipage/custom-elements.html#invoke-custom-element-reactions>).
fn invoke_callback(
    cx: &mut JSContext,
    element: &Element,
    definition: &CustomElementDefinition,
    callback: Callback,
    args: &CallbackArgs,
) {
    use crate::dom::bindings::conversions::ToJSVal;
    let Some(function) = definition.callback(callback) else { return };
    // Arguments are converted in the callback's realm.
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, function.get());
    rooted!(&in(cx) let this = ObjectValue(element.reflector().get_jsobject().get()));
    rooted!(&in(cx) let mut argv = Vec::<mozjs::jsval::JSVal>::new());
    rooted!(&in(cx) let mut arg = UndefinedValue());
    match args {
        CallbackArgs::None => {}
        CallbackArgs::Adopted(old, new) => {
            old.as_rooted().to_jsval(cx, arg.handle_mut());
            argv.push(arg.get());
            new.as_rooted().to_jsval(cx, arg.handle_mut());
            argv.push(arg.get());
        }
        CallbackArgs::AttributeChanged { name, old, new, namespace } => {
            DOMString::from(name.clone()).to_jsval(cx, arg.handle_mut());
            argv.push(arg.get());
            for value in [old, new, namespace] {
                value.clone().map(DOMString::from).to_jsval(cx, arg.handle_mut());
                argv.push(arg.get());
            }
        }
    }
    let args = HandleValueArray::from(&argv);
    // Read the function through the definition's traced handle now that no more allocation
    // happens before the call (the callback roots it from there on).
    let function = crate::dom::bindings::callback::CallbackFunction::new(function.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let _ = function.call(
        cx,
        this.handle(),
        &args,
        rval.handle_mut(),
        crate::dom::bindings::callback::ExceptionHandling::Report,
    );
}

/// Runs one reaction of `element`'s queue.
pub(crate) fn run_reaction(cx: &mut JSContext, element: &Element, reaction: CustomElementReaction) {
    match reaction {
        // "If reaction is an upgrade reaction, then upgrade element using reaction's custom
        // element definition." If this throws, catch the exception, and report it.
        CustomElementReaction::Upgrade(definition) => {
            if let Err(e) = upgrade(cx, element, definition) {
                let window = element.upcast::<Node>().owner_doc().window_for_objects();
                reactions::report_error(cx, &window, e);
            }
        }
        // "Otherwise, invoke reaction's callback function with reaction's arguments and "report",
        // and callback this value set to element."
        CustomElementReaction::Callback { definition, callback, args } => {
            invoke_callback(cx, element, &definition, callback, &args);
        }
    }
}
