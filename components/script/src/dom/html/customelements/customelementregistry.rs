//! `CustomElementRegistry` (<https://html.spec.whatwg.org/multipage/custom-elements.html#customelementregistry>):
//! `window.customElements`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::JSObject;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::CustomElementConstructor;
use crate::dom::bindings::codegen::CustomElementRegistryBinding::CustomElementRegistryMethods;
use crate::dom::bindings::codegen::Dictionaries::ElementDefinitionOptions;
use crate::dom::bindings::conversions::{FromJSVal, StringificationBehavior, ToJSVal, get_property, is_callable};
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::node::Node;
use crate::dom::html::customelements::{CustomElementDefinition, is_valid_custom_element_name, try_to_upgrade};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CustomElementRegistry {
    reflector_: Reflector,
    window: Dom<Window>,
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-definition-set>
    definitions: RefCell<Vec<Rc<CustomElementDefinition>>>,
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#element-definition-is-running>
    #[no_trace]
    element_definition_is_running: Cell<bool>,
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#when-defined-promise-map>
    /// (persistently rooted promises).
    #[no_trace]
    when_defined: RefCell<HashMap<String, Rc<Promise>>>,
}

impl CustomElementRegistry {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<CustomElementRegistry> {
        reflect_dom_object(
            cx,
            Box::new(CustomElementRegistry {
                reflector_: Reflector::new(),
                window: Dom::from_ref(window),
                definitions: RefCell::new(Vec::new()),
                element_definition_is_running: Cell::new(false),
                when_defined: RefCell::new(HashMap::new()),
            }),
            window,
        )
    }

    pub fn definition_by_name(&self, name: &str) -> Option<Rc<CustomElementDefinition>> {
        self.definitions.borrow().iter().find(|d| d.name == name).cloned()
    }

    pub fn definition_by_constructor(&self, constructor: *mut JSObject) -> Option<Rc<CustomElementDefinition>> {
        self.definitions.borrow().iter().find(|d| d.constructor.get() == constructor).cloned()
    }

    /// Step 11 of define(): reads the constructor's prototype, lifecycle callbacks,
    /// observedAttributes, disabledFeatures and formAssociated into a definition.
    fn read_definition(
        &self,
        cx: &mut JSContext,
        name: &str,
        local_name: &str,
        constructor: *mut JSObject,
    ) -> Result<CustomElementDefinition, Error> {
        rooted!(&in(cx) let ctor = constructor);
        // 11.1. "Let prototype be ? Get(constructor, "prototype")."
        rooted!(&in(cx) let mut prototype = UndefinedValue());
        get_property(cx, ctor.handle(), c"prototype", prototype.handle_mut()).map_err(|_| Error::JSFailed)?;
        // 11.2. "If prototype is not an Object, then throw a TypeError exception."
        if !prototype.get().is_object() {
            return Err(Error::Type("The constructor's prototype is not an object.".into()));
        }
        rooted!(&in(cx) let proto = prototype.get().to_object());
        // 11.3–11.4. "For each callbackName of the keys of lifecycleCallbacks: let callbackValue be
        //    ? Get(prototype, callbackName); if callbackValue is not undefined, then set the value
        //    of the entry … to the result of converting callbackValue to the Web IDL Function
        //    callback type."
        let mut callbacks: Vec<Option<TracedObject>> = Vec::new();
        for callback_name in
            [c"connectedCallback", c"disconnectedCallback", c"adoptedCallback", c"attributeChangedCallback"]
        {
            rooted!(&in(cx) let mut value = UndefinedValue());
            get_property(cx, proto.handle(), callback_name, value.handle_mut()).map_err(|_| Error::JSFailed)?;
            if value.get().is_undefined() {
                callbacks.push(None);
            } else if is_callable(value.handle()) {
                callbacks.push(Some(TracedObject::new(value.get().to_object())));
            } else {
                return Err(Error::Type(format!(
                    "The '{}' property is not callable.",
                    callback_name.to_string_lossy()
                )));
            }
        }
        // 11.5. "If the value of the entry in lifecycleCallbacks with key "attributeChangedCallback"
        //    is not null, then: let observedAttributesIterable be ? Get(constructor,
        //    "observedAttributes"); if it is not undefined, then set observedAttributes to the
        //    result of converting it to a sequence<DOMString>. Rethrow any exceptions."
        let mut observed_attributes = Vec::new();
        if callbacks[3].is_some() {
            observed_attributes = self.string_sequence(cx, ctor.get(), c"observedAttributes")?;
        }
        // 11.6. "Let disabledFeatures be an empty sequence<DOMString>; let disabledFeaturesIterable
        //    be ? Get(constructor, "disabledFeatures"); if it is not undefined, then set
        //    disabledFeatures to the result of converting it to a sequence<DOMString>." Then
        //    disableInternals and disableShadow from "internals" and "shadow".
        let disabled = self.string_sequence(cx, ctor.get(), c"disabledFeatures")?;
        let disable_internals = disabled.iter().any(|f| f == "internals");
        let disable_shadow = disabled.iter().any(|f| f == "shadow");
        // 11.7. "Let formAssociatedValue be ? Get( constructor, "formAssociated"); set
        //    formAssociated to the result of converting formAssociatedValue to a boolean."
        rooted!(&in(cx) let mut form_associated = UndefinedValue());
        get_property(cx, ctor.handle(), c"formAssociated", form_associated.handle_mut())
            .map_err(|_| Error::JSFailed)?;
        // SAFETY: `form_associated` is rooted; ToBoolean cannot run script or GC.
        let form_associated = unsafe { mozjs::rust::ToBoolean(form_associated.handle()) };
        // 11.8. (The form-associated callbacks: not supported, never enqueued.)
        let mut callbacks = callbacks.into_iter();
        Ok(CustomElementDefinition {
            name: name.to_owned(),
            local_name: local_name.to_owned(),
            constructor: TracedObject::new(ctor.get()),
            observed_attributes,
            connected_callback: callbacks.next().flatten(),
            disconnected_callback: callbacks.next().flatten(),
            adopted_callback: callbacks.next().flatten(),
            attribute_changed_callback: callbacks.next().flatten(),
            construction_stack: RefCell::new(Vec::new()),
            form_associated,
            disable_internals,
            disable_shadow,
        })
    }

    /// `? Get(constructor, property)` converted to a `sequence<DOMString>` (empty when undefined).
    fn string_sequence(
        &self,
        cx: &mut JSContext,
        constructor: *mut JSObject,
        property: &'static std::ffi::CStr,
    ) -> Result<Vec<String>, Error> {
        rooted!(&in(cx) let ctor = constructor);
        rooted!(&in(cx) let mut value = UndefinedValue());
        get_property(cx, ctor.handle(), property, value.handle_mut()).map_err(|_| Error::JSFailed)?;
        if value.get().is_undefined() {
            return Ok(Vec::new());
        }
        match Vec::<DOMString>::from_jsval(cx, value.handle(), StringificationBehavior::Default) {
            Ok(Ok(list)) => Ok(list.into_iter().map(String::from).collect()),
            Ok(Err(failure)) => Err(Error::Type(failure.describe(&property.to_string_lossy()))),
            Err(()) => Err(Error::JSFailed),
        }
    }
}

impl CustomElementRegistryMethods for CustomElementRegistry {
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-customelementregistry-define>
    fn Define(
        &self,
        cx: &mut JSContext,
        name: DOMString,
        constructor: Rc<CustomElementConstructor>,
        options: &ElementDefinitionOptions,
    ) -> ErrorResult {
        let name = String::from(name);
        // (The constructor is read through its traced handle each time: getters run below may
        // GC and move it.)
        let constructor_obj = constructor.callable().get();
        // 1. "If IsConstructor(constructor) is false, then throw a TypeError."
        // SAFETY: the constructor is held by `constructor` (a traced callback) for this call;
        // the call only reads its class.
        if !unsafe { mozjs::jsapi::IsConstructor(constructor_obj) } {
            return Err(Error::Type("The provided value is not a constructor.".into()));
        }
        // 2. "If name is not a valid custom element name, then throw a "SyntaxError" DOMException."
        if !is_valid_custom_element_name(&name) {
            return Err(Error::Syntax(format!("'{name}' is not a valid custom element name.")));
        }
        // 3. "If this's custom element definition set contains an item with name name, then
        //    throw a "NotSupportedError" DOMException."
        if self.definition_by_name(&name).is_some() {
            return Err(Error::NotSupported(format!("'{name}' has already been defined as a custom element.")));
        }
        // 4. "If this's custom element definition set contains an item with constructor
        //    constructor, then throw a "NotSupportedError" DOMException."
        if self.definition_by_constructor(constructor_obj).is_some() {
            return Err(Error::NotSupported("This constructor has already been used with this registry.".into()));
        }
        // 5. "Let localName be name." 6. "Let extends be options["extends"] if it exists."
        let local_name = name.clone();
        // 7. "If extends is not null": 7.1 "If extends is a valid custom element name, then
        //    throw a "NotSupportedError"". 7.2 "If the element interface for extends and the HTML
        //    namespace is HTMLUnknownElement, then throw a "NotSupportedError"". Customized
        //    built-in elements are not supported at all: "NotSupportedError" in every case.
        if let Some(extends) = &options.extends {
            return Err(Error::NotSupported(format!(
                "Customized built-in elements (extends: '{extends}') are not supported."
            )));
        }
        // 8. "If this's element definition is running is true, then throw a "NotSupportedError"."
        if self.element_definition_is_running.get() {
            return Err(Error::NotSupported("A custom element definition is already running.".into()));
        }
        // 9. "Set this's element definition is running to true."
        self.element_definition_is_running.set(true);
        // 10–11. Read the definition's parts, "while catching any exceptions" …
        let definition = self.read_definition(cx, &name, &local_name, constructor.callable().get());
        // 12. "Set this's element definition is running to false." (Then rethrow, if any.)
        self.element_definition_is_running.set(false);
        // 13. "Let definition be a new custom element definition …"
        // 14. "Append definition to this's custom element definition set."
        let definition = Rc::new(definition?);
        self.definitions.borrow_mut().push(definition.clone());
        // 15. "Let document be this's relevant global object's associated Document."
        let document = self.window.document();
        // 16. "Let upgradeCandidates be all elements that are shadow-including descendants of
        //    document, whose namespace is the HTML namespace and whose local name is localName,
        //    in shadow-including tree order."
        let candidates: Vec<DomRoot<Element>> = document
            .upcast::<Node>()
            .shadow_including_descendants()
            .into_iter()
            .filter_map(|n| n.downcast_root::<Element>())
            .filter(|e| e.namespace() == Some(HTML_NAMESPACE) && e.local_name() == local_name)
            .collect();
        // 17. "For each element element of upgradeCandidates, enqueue a custom element upgrade
        //    reaction given element and definition."
        for element in candidates {
            crate::dom::html::customelements::enqueue_upgrade_reaction(cx, &element, definition.clone());
        }
        // 18. "If this's when-defined promise map[name] exists: resolve it with constructor;
        //    remove this's when-defined promise map[name]."
        if let Some(promise) = self.when_defined.borrow_mut().remove(&name) {
            promise.resolve_native(cx, &definition.constructor.get());
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-customelementregistry-get>
    fn Get(&self, cx: &mut JSContext, name: DOMString, retval: MutableHandleValue) {
        // "If this's custom element definition set contains an item with name name, then return
        // that item's constructor. Otherwise, return undefined."
        match self.definition_by_name(&name) {
            Some(d) => d.constructor.get().to_jsval(cx, retval),
            None => {
                let mut retval = retval;
                retval.set(UndefinedValue());
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-customelementregistry-getname>
    fn GetName(&self, _cx: &mut JSContext, constructor: Rc<CustomElementConstructor>) -> Option<DOMString> {
        // "If this's custom element definition set contains an item with constructor constructor,
        // then return that item's name. Return null."
        self.definition_by_constructor(constructor.callable().get()).map(|d| d.name.clone().into())
    }

    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-customelementregistry-whendefined>
    fn WhenDefined(&self, cx: &mut JSContext, name: DOMString) -> Rc<Promise> {
        let name = String::from(name);
        // 1. "If name is not a valid custom element name, then return a promise rejected with a
        //    "SyntaxError" DOMException."
        if !is_valid_custom_element_name(&name) {
            return Promise::new_rejected(
                cx,
                &self.window,
                Error::Syntax(format!("'{name}' is not a valid custom element name.")),
            );
        }
        // 2. "If this's custom element definition set contains an item with name name, then
        //    return a promise resolved with that item's constructor."
        if let Some(d) = self.definition_by_name(&name) {
            return Promise::new_resolved(cx, &self.window, &d.constructor.get());
        }
        // 3–5. "Let map be this's when-defined promise map. If map[name] does not exist, then set
        //    map[name] to a new promise. Return map[name]."
        if let Some(p) = self.when_defined.borrow().get(&name) {
            return p.clone();
        }
        let promise = Promise::new(cx, &self.window);
        self.when_defined.borrow_mut().insert(name, promise.clone());
        promise
    }

    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#dom-customelementregistry-upgrade>
    fn Upgrade(&self, cx: &mut JSContext, root: &Node) {
        // 1. "Let candidates be a list of all of root's shadow-including inclusive descendant
        //    elements, in shadow-including tree order."
        let mut candidates = vec![DomRoot::from_ref(root)];
        candidates.extend(root.shadow_including_descendants());
        // 2. "For each candidate of candidates, try to upgrade candidate."
        for candidate in candidates.iter().filter_map(|n| n.downcast::<Element>()) {
            try_to_upgrade(cx, candidate);
        }
    }
}
