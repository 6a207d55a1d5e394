//! `MutationObserver` and `MutationRecord` (<https://dom.spec.whatwg.org/#mutation-observers>).
//!
//! Registrations live on the observed nodes ([`Node::registered_observers`]); the tree, attribute
//! and character-data algorithms call [`queue_tree_record`], [`queue_attribute_record`] and
//! [`queue_character_data_record`]; records are delivered from a microtask ("notify mutation
//! observers"). Transient registered observers (which keep observing a subtree that was just
//! removed) are not implemented.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::MutationCallback;
use crate::dom::bindings::codegen::Dictionaries::MutationObserverInit;
use crate::dom::bindings::codegen::MutationObserverBinding::MutationObserverMethods;
use crate::dom::bindings::codegen::MutationRecordBinding::MutationRecordMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::script_runtime::Microtask;

/// A registered observer's options
/// (<https://dom.spec.whatwg.org/#registered-observer>).
#[derive(Clone, Debug, Default)]
pub struct ObserverOptions {
    pub child_list: bool,
    pub attributes: bool,
    pub character_data: bool,
    pub subtree: bool,
    pub attribute_old_value: bool,
    pub character_data_old_value: bool,
    pub attribute_filter: Option<Vec<String>>,
}

/// A registered observer on a node.
#[derive(crate::dom::bindings::trace::JSTraceable)]
pub struct Registration {
    pub observer: Dom<MutationObserver>,
    #[no_trace]
    pub options: ObserverOptions,
}

#[dom_struct]
pub struct MutationObserver {
    reflector_: Reflector,
    callback: Rc<MutationCallback>,
    record_queue: RefCell<Vec<Dom<MutationRecord>>>,
    /// The nodes it is registered on ("node list").
    node_list: RefCell<Vec<Dom<Node>>>,
}

thread_local! {
    /// "mutation observer microtask queued".
    static MICROTASK_QUEUED: Cell<bool> = const { Cell::new(false) };
    /// The surrounding agent's mutation observers that have records waiting, in creation order
    /// of their first record.
    static PENDING: RefCell<Vec<Trusted<MutationObserver>>> = const { RefCell::new(Vec::new()) };
}

/// What a record says.
pub enum RecordKind {
    ChildList {
        added: Vec<DomRoot<Node>>,
        removed: Vec<DomRoot<Node>>,
        previous: Option<DomRoot<Node>>,
        next: Option<DomRoot<Node>>,
    },
    Attributes {
        name: String,
        namespace: Option<String>,
        old_value: Option<String>,
    },
    CharacterData {
        old_value: String,
    },
}

/// <https://dom.spec.whatwg.org/#queue-a-mutation-record>
fn queue_record(cx: &mut JSContext, target: &Node, kind: RecordKind) {
    // 1. "Let interestedObservers be an empty map." 2. "Let nodes be the inclusive ancestors of
    //    target." 3. For each node in nodes, for each registered of node's registered observer
    //    list: …
    let mut interested: Vec<(DomRoot<MutationObserver>, Option<String>)> = Vec::new();
    let mut node = Some(DomRoot::from_ref(target));
    while let Some(n) = node {
        let is_target = std::ptr::eq(&*n, target);
        for registration in n.registered_observers().iter() {
            let options = &registration.options;
            // 3.1. "If none of the following are true: node is not target and options's subtree
            //    is false; type is "attributes" and options's attributes is not true; type is
            //    "attributes", options's attributeFilter is present, and … does not contain name
            //    or namespace is non-null; type is "characterData" and options's characterData is
            //    not true; type is "childList" and options's childList is false" — then:
            let skip = (!is_target && !options.subtree)
                || match &kind {
                    RecordKind::Attributes { name, namespace, .. } => {
                        !options.attributes
                            || options
                                .attribute_filter
                                .as_ref()
                                .is_some_and(|f| namespace.is_some() || !f.iter().any(|a| a == name))
                    }
                    RecordKind::CharacterData { .. } => !options.character_data,
                    RecordKind::ChildList { .. } => !options.child_list,
                };
            if skip {
                continue;
            }
            // 3.1.1–3. "If interestedObservers[observer] does not exist, set it to null. If
            //    type is "attributes" and options's attributeOldValue is true, or type is
            //    "characterData" and options's characterDataOldValue is true, then set
            //    interestedObservers[observer] to oldValue."
            let wants_old = match &kind {
                RecordKind::Attributes { old_value, .. } => {
                    options.attribute_old_value.then(|| old_value.clone()).flatten()
                }
                RecordKind::CharacterData { old_value } => options.character_data_old_value.then(|| old_value.clone()),
                RecordKind::ChildList { .. } => None,
            };
            let observer = registration.observer.as_rooted();
            match interested.iter_mut().find(|(o, _)| std::ptr::eq(&**o, &*observer)) {
                Some(entry) => {
                    if wants_old.is_some() {
                        entry.1 = wants_old;
                    }
                }
                None => interested.push((observer, wants_old)),
            }
        }
        node = n.parent();
    }
    if interested.is_empty() {
        return;
    }
    // 4. "For each observer → mappedOldValue of interestedObservers: let record be a new
    //    MutationRecord … enqueue record to observer's record queue."
    let window = target.global();
    for (observer, old_value) in interested {
        let record = MutationRecord::new(cx, &window, target, &kind, old_value);
        observer.record_queue.borrow_mut().push(Dom::from_ref(&*record));
        PENDING.with(|p| {
            let mut p = p.borrow_mut();
            if !p.iter().any(|t| t.root().is_some_and(|o| std::ptr::eq(&*o, &*observer))) {
                p.push(Trusted::new(&*observer));
            }
        });
    }
    // 5. "Queue a mutation observer microtask."
    if !MICROTASK_QUEUED.with(|q| q.replace(true)) {
        crate::script_runtime::enqueue_microtask(cx, Box::new(NotifyMutationObservers));
    }
}

/// <https://dom.spec.whatwg.org/#queue-a-tree-mutation-record>
pub fn queue_tree_record(
    cx: &mut JSContext,
    target: &Node,
    added: Vec<DomRoot<Node>>,
    removed: Vec<DomRoot<Node>>,
    previous: Option<DomRoot<Node>>,
    next: Option<DomRoot<Node>>,
) {
    // "Assert: either addedNodes or removedNodes is not empty."
    if added.is_empty() && removed.is_empty() {
        return;
    }
    if !has_observers_up(target) {
        return;
    }
    queue_record(cx, target, RecordKind::ChildList { added, removed, previous, next });
}

/// An attribute changed (<https://dom.spec.whatwg.org/#concept-element-attributes-change>).
pub fn queue_attribute_record(
    cx: &mut JSContext,
    target: &Node,
    name: &str,
    namespace: Option<&str>,
    old_value: Option<String>,
) {
    if has_observers_up(target) {
        let kind = RecordKind::Attributes { name: name.to_owned(), namespace: namespace.map(str::to_owned), old_value };
        queue_record(cx, target, kind);
    }
}

/// Character data was replaced (<https://dom.spec.whatwg.org/#concept-cd-replace>).
pub fn queue_character_data_record(cx: &mut JSContext, target: &Node, old_value: String) {
    if has_observers_up(target) {
        queue_record(cx, target, RecordKind::CharacterData { old_value });
    }
}

/// Cheap check before building anything: any registration on an inclusive ancestor.
fn has_observers_up(target: &Node) -> bool {
    let mut node = Some(DomRoot::from_ref(target));
    while let Some(n) = node {
        if !n.registered_observers().is_empty() {
            return true;
        }
        node = n.parent();
    }
    false
}

/// <https://dom.spec.whatwg.org/#notify-mutation-observers>
struct NotifyMutationObservers;

// SAFETY: `trace` below reaches every GC thing a `NotifyMutationObservers` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for NotifyMutationObservers {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl Microtask for NotifyMutationObservers {
    fn run(&self, cx: &mut JSContext) {
        // 1. "Set the surrounding agent's mutation observer microtask queued to false."
        MICROTASK_QUEUED.with(|q| q.set(false));
        // 2. "Let notifySet be a clone of the surrounding agent's pending mutation observers."
        let notify: Vec<DomRoot<MutationObserver>> =
            PENDING.with(|p| std::mem::take(&mut *p.borrow_mut())).iter().filter_map(|t| t.root()).collect();
        // 6. "For each mo of notifySet: let records be a clone of mo's record queue; empty
        //    mo's record queue; … if records is not empty, invoke mo's callback with « records,
        //    mo » and "report", and with callback this value mo."
        for observer in notify {
            let records: Vec<DomRoot<MutationRecord>> =
                std::mem::take(&mut *observer.record_queue.borrow_mut()).iter().map(|r| r.as_rooted()).collect();
            if records.is_empty() {
                continue;
            }
            let callback = observer.callback.clone();
            // The callback runs in the observer's realm (its records and `this` are made there).
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, observer.reflector().get_raw());
            rooted!(&in(cx) let mut this = UndefinedValue());
            crate::script_runtime::value_to_jsval(cx, &observer, this.handle_mut());
            let _ = callback.Call_(cx, this.handle(), records, &observer, ExceptionHandling::Report);
        }
    }
}

impl MutationObserverMethods for MutationObserver {
    /// <https://dom.spec.whatwg.org/#dom-mutationobserver-mutationobserver>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        callback: Rc<MutationCallback>,
    ) -> Fallible<DomRoot<MutationObserver>> {
        // "Set this's callback to callback."
        let observer = MutationObserver {
            reflector_: Reflector::new(),
            callback,
            record_queue: RefCell::new(Vec::new()),
            node_list: RefCell::new(Vec::new()),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(observer), global, proto))
    }

    /// <https://dom.spec.whatwg.org/#dom-mutationobserver-observe>
    fn Observe(&self, _cx: &mut JSContext, target: &Node, init: &MutationObserverInit) -> ErrorResult {
        let mut options = ObserverOptions {
            child_list: init.child_list,
            attributes: init.attributes.unwrap_or(false),
            character_data: init.character_data.unwrap_or(false),
            subtree: init.subtree,
            attribute_old_value: init.attribute_old_value.unwrap_or(false),
            character_data_old_value: init.character_data_old_value.unwrap_or(false),
            attribute_filter: init
                .attribute_filter
                .as_ref()
                .map(|f| f.iter().map(|s| String::from(s.clone())).collect()),
        };
        // 1. "If either options's attributeOldValue or attributeFilter is present and
        //    options's attributes is omitted, then set options's attributes to true."
        if init.attributes.is_none() && (init.attribute_old_value.is_some() || init.attribute_filter.is_some()) {
            options.attributes = true;
        }
        // 2. "If options's characterDataOldValue is present and options's characterData is
        //    omitted, then set options's characterData to true."
        if init.character_data.is_none() && init.character_data_old_value.is_some() {
            options.character_data = true;
        }
        // 3. "If none of options's childList, attributes, and characterData is true, then throw
        //    a TypeError."
        if !options.child_list && !options.attributes && !options.character_data {
            return Err(Error::Type(
                "The options object must set at least one of 'attributes', 'characterData', or 'childList' to true."
                    .into(),
            ));
        }
        // 4. "If options's attributeOldValue is true and options's attributes is false, then
        //    throw a TypeError."
        if options.attribute_old_value && !options.attributes {
            return Err(Error::Type(
                "The options object may only set 'attributeOldValue' to true when 'attributes' is true or not present."
                    .into(),
            ));
        }
        // 5. "If options's attributeFilter is present and options's attributes is false, then
        //    throw a TypeError."
        if options.attribute_filter.is_some() && !options.attributes {
            return Err(Error::Type(
                "The options object may only set 'attributeFilter' when 'attributes' is true or not present.".into(),
            ));
        }
        // 6. "If options's characterDataOldValue is true and options's characterData is false,
        //    then throw a TypeError."
        if options.character_data_old_value && !options.character_data {
            return Err(Error::Type("The options object may only set 'characterDataOldValue' to true when 'characterData' is true or not present.".into()));
        }
        // 7. "For each registered of target's registered observer list, if registered's
        //    observer is this: … replace registered's options with options."
        let mut registrations = target.registered_observers_mut();
        if let Some(existing) = registrations.iter_mut().find(|r| std::ptr::eq(&*r.observer, self)) {
            existing.options = options;
            return Ok(());
        }
        // 8. "Otherwise: append a new registered observer … to target's registered observer
        //    list; append a weak reference to target to this's node list."
        registrations.push(Registration { observer: Dom::from_ref(self), options });
        drop(registrations);
        self.node_list.borrow_mut().push(Dom::from_ref(target));
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-mutationobserver-disconnect>
    fn Disconnect(&self, _cx: &mut JSContext) {
        // 1. "For each node of this's node list, remove any registered observer from node's
        //    registered observer list for which this is the observer."
        for node in std::mem::take(&mut *self.node_list.borrow_mut()) {
            node.registered_observers_mut().retain(|r| !std::ptr::eq(&*r.observer, self));
        }
        // 2. "Empty this's record queue."
        self.record_queue.borrow_mut().clear();
    }

    /// <https://dom.spec.whatwg.org/#dom-mutationobserver-takerecords>
    fn TakeRecords(&self, _cx: &mut JSContext) -> Vec<DomRoot<MutationRecord>> {
        // "Let records be a clone of this's record queue. Empty this's record queue. Return
        // records."
        std::mem::take(&mut *self.record_queue.borrow_mut()).iter().map(|r| r.as_rooted()).collect()
    }
}

#[dom_struct]
pub struct MutationRecord {
    reflector_: Reflector,
    #[no_trace]
    type_: &'static str,
    target: Dom<Node>,
    added: MutNullableDom<NodeList>,
    removed: MutNullableDom<NodeList>,
    added_nodes: Vec<Dom<Node>>,
    removed_nodes: Vec<Dom<Node>>,
    previous: Option<Dom<Node>>,
    next: Option<Dom<Node>>,
    #[no_trace]
    attribute_name: Option<String>,
    #[no_trace]
    attribute_namespace: Option<String>,
    #[no_trace]
    old_value: Option<String>,
}

impl MutationRecord {
    fn new(
        cx: &mut JSContext,
        window: &Window,
        target: &Node,
        kind: &RecordKind,
        old_value: Option<String>,
    ) -> DomRoot<MutationRecord> {
        let dom = |v: &[DomRoot<Node>]| v.iter().map(|n| Dom::from_ref(&**n)).collect::<Vec<_>>();
        let record = match kind {
            RecordKind::ChildList { added, removed, previous, next } => MutationRecord {
                reflector_: Reflector::new(),
                type_: "childList",
                target: Dom::from_ref(target),
                added: Default::default(),
                removed: Default::default(),
                added_nodes: dom(added),
                removed_nodes: dom(removed),
                previous: previous.as_deref().map(Dom::from_ref),
                next: next.as_deref().map(Dom::from_ref),
                attribute_name: None,
                attribute_namespace: None,
                old_value: None,
            },
            RecordKind::Attributes { name, namespace, .. } => MutationRecord {
                reflector_: Reflector::new(),
                type_: "attributes",
                target: Dom::from_ref(target),
                added: Default::default(),
                removed: Default::default(),
                added_nodes: Vec::new(),
                removed_nodes: Vec::new(),
                previous: None,
                next: None,
                attribute_name: Some(name.clone()),
                attribute_namespace: namespace.clone(),
                old_value,
            },
            RecordKind::CharacterData { .. } => MutationRecord {
                reflector_: Reflector::new(),
                type_: "characterData",
                target: Dom::from_ref(target),
                added: Default::default(),
                removed: Default::default(),
                added_nodes: Vec::new(),
                removed_nodes: Vec::new(),
                previous: None,
                next: None,
                attribute_name: None,
                attribute_namespace: None,
                old_value,
            },
        };
        reflect_dom_object(cx, Box::new(record), window)
    }
}

impl MutationRecordMethods for MutationRecord {
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        self.type_.into()
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-target>
    fn Target(&self, _cx: &mut JSContext) -> DomRoot<Node> {
        self.target.as_rooted()
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-addednodes>
    fn AddedNodes(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        if let Some(list) = self.added.get() {
            return list;
        }
        let list = NodeList::new_static(cx, &self.target, self.added_nodes.iter().map(|n| n.as_rooted()).collect());
        self.added.set(Some(&list));
        list
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-removednodes>
    fn RemovedNodes(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        if let Some(list) = self.removed.get() {
            return list;
        }
        let list = NodeList::new_static(cx, &self.target, self.removed_nodes.iter().map(|n| n.as_rooted()).collect());
        self.removed.set(Some(&list));
        list
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-previoussibling>
    fn PreviousSibling(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.previous.as_ref().map(|n| n.as_rooted())
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-nextsibling>
    fn NextSibling(&self, _cx: &mut JSContext) -> Option<DomRoot<Node>> {
        self.next.as_ref().map(|n| n.as_rooted())
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-attributename>
    fn AttributeName(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.attribute_name.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-attributenamespace>
    fn AttributeNamespace(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.attribute_namespace.clone().map(Into::into)
    }
    /// <https://dom.spec.whatwg.org/#dom-mutationrecord-oldvalue>
    fn OldValue(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.old_value.clone().map(Into::into)
    }
}
