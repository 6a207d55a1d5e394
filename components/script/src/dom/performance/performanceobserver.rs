//! `PerformanceObserver` and `PerformanceObserverEntryList`
//! (<https://w3c.github.io/performance-timeline/#the-performanceobserver-interface>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::PerformanceObserverCallback;
use crate::dom::bindings::codegen::Dictionaries::{PerformanceObserverCallbackOptions, PerformanceObserverInit};
use crate::dom::bindings::codegen::PerformanceObserverBinding::PerformanceObserverMethods;
use crate::dom::bindings::codegen::PerformanceObserverEntryListBinding::PerformanceObserverEntryListMethods;
use crate::dom::bindings::codegen::WindowBinding::WindowMethods;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::performance::SUPPORTED_ENTRY_TYPES;
use crate::dom::performance::performanceentry::{PerformanceEntry, filter_by_name_and_type};

/// <https://w3c.github.io/performance-timeline/#dfn-observer-type>
#[derive(Clone, Copy, Debug, PartialEq)]
enum ObserverType {
    Undefined,
    Single,
    Multiple,
}

#[dom_struct]
pub struct PerformanceObserver {
    reflector_: Reflector,
    callback: Rc<PerformanceObserverCallback>,
    /// <https://w3c.github.io/performance-timeline/#dfn-observer-buffer>
    buffer: RefCell<Vec<Dom<PerformanceEntry>>>,
    #[no_trace]
    observer_type: Cell<ObserverType>,
    /// The entry types of its registered performance observer (empty: not registered).
    #[no_trace]
    entry_types: RefCell<Vec<&'static str>>,
}

impl PerformanceObserver {
    /// Whether it observes entries of `entry_type`.
    pub fn observes(&self, entry_type: &str) -> bool {
        self.entry_types.borrow().contains(&entry_type)
    }

    /// Appends `entry` to its observer buffer.
    pub fn append(&self, entry: &PerformanceEntry) {
        self.buffer.borrow_mut().push(Dom::from_ref(entry));
    }

    /// Step 3 of the PerformanceObserver task
    /// (<https://w3c.github.io/performance-timeline/#queue-the-performanceobserver-task>) for
    /// this observer: if its buffer holds entries, invoke its callback with a new entry list
    /// of them, the observer and an empty options dictionary ("report" the exception).
    pub fn notify(&self, cx: &mut JSContext) {
        // 1. Let entries be a copy of po's observer buffer. 2. If entries is empty, return.
        // 3. Empty po's observer buffer.
        let entries: Vec<DomRoot<PerformanceEntry>> =
            self.buffer.borrow_mut().drain(..).map(|e| e.as_rooted()).collect();
        if entries.is_empty() {
            return;
        }
        // 4. Let observerEntryList be a new PerformanceObserverEntryList, with its entry list
        //    set to entries.
        let window = self.global();
        let list = PerformanceObserverEntryList {
            reflector_: Reflector::new(),
            entries: entries.iter().map(|e| Dom::from_ref(&**e)).collect(),
        };
        let list = reflect_dom_object(cx, Box::new(list), &window);
        // 5–6. droppedEntriesCount is absent (the buffers are unbounded). 7. Call po's
        //    observer callback with observerEntryList as the first argument, with po as the
        //    second argument and as callback this value, and with callbackOptions as the third
        //    argument. If this throws an exception, report the exception.
        let options = PerformanceObserverCallbackOptions { dropped_entries_count: None };
        rooted!(&in(cx) let mut this = UndefinedValue());
        DomRoot::from_ref(self).to_jsval(cx, this.handle_mut());
        let _guard = crate::script_thread::ScriptGuard::new();
        let _ = self.callback.Call_(cx, this.handle(), &list, self, Some(&options), ExceptionHandling::Report);
    }
}

impl PerformanceObserverMethods for PerformanceObserver {
    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserver-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        callback: Rc<PerformanceObserverCallback>,
    ) -> Fallible<DomRoot<PerformanceObserver>> {
        // Create a new PerformanceObserver object with its observer callback set to callback,
        // its observer buffer an empty list and its observer type "undefined".
        let observer = PerformanceObserver {
            reflector_: Reflector::new(),
            callback,
            buffer: RefCell::new(Vec::new()),
            observer_type: Cell::new(ObserverType::Undefined),
            entry_types: RefCell::new(Vec::new()),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(observer), global, proto))
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserver-observe>
    fn Observe(&self, cx: &mut JSContext, options: &PerformanceObserverInit) -> ErrorResult {
        // 1. Let relevantGlobal be this's relevant global object.
        let global = self.global();
        // 2. If options's entryTypes and type members are both omitted, then throw a TypeError.
        if options.entry_types.is_none() && options.type_.is_none() {
            return Err(Error::Type("observe() needs entryTypes or type".into()));
        }
        // 3. If options's entryTypes is present and any other member is also present, then
        //    throw a TypeError.
        if options.entry_types.is_some() && (options.type_.is_some() || options.buffered.is_some()) {
            return Err(Error::Type("entryTypes cannot be combined with type or buffered".into()));
        }
        // 4. Update or check this's observer type: "undefined" becomes multiple with
        //    entryTypes, single with type; a change of type throws InvalidModificationError.
        let wanted = if options.entry_types.is_some() { ObserverType::Multiple } else { ObserverType::Single };
        match self.observer_type.get() {
            ObserverType::Undefined => self.observer_type.set(wanted),
            current if current != wanted => {
                return Err(Error::InvalidModification("the observer type cannot change".into()));
            }
            _ => {}
        }
        let supported = |t: &str| SUPPORTED_ENTRY_TYPES.iter().find(|s| **s == t).copied();
        let performance = global.Performance(cx);
        if let Some(types) = &options.entry_types {
            // 5. If this's observer type is "multiple": 1. Let entry types be options's
            //    entryTypes sequence. 2. Remove all types from entry types that are not
            //    contained in relevantGlobal's frozen array of supported entry types. 3. If
            //    the resulting entry types sequence is an empty sequence, abort these steps.
            //    4. If the list of registered performance observer objects of relevantGlobal
            //    contains a registered performance observer whose observer is this, replace
            //    its options list with a list containing options as its only item. 5.
            //    Otherwise, create and append a registered performance observer.
            let types: Vec<&'static str> = types.iter().filter_map(|t| supported(t)).collect();
            if types.is_empty() {
                return Ok(());
            }
            *self.entry_types.borrow_mut() = types;
            performance.register_observer(self);
        } else if let Some(type_) = &options.type_ {
            // 6. Otherwise (single): 1. If options's type is not contained in the
            //    relevantGlobal's frozen array of supported entry types, abort these steps.
            let Some(type_) = supported(type_) else { return Ok(()) };
            // 3–4. Add options to the registered observer's options list (one per type).
            {
                let mut types = self.entry_types.borrow_mut();
                if !types.contains(&type_) {
                    types.push(type_);
                }
            }
            performance.register_observer(self);
            // 5. If options's buffered flag is set: for each entry of the performance entry
            //    buffer of type tuple, append entry to this's observer buffer (in
            //    chronological order); then queue the PerformanceObserver task.
            if options.buffered == Some(true) {
                for entry in performance.entries_of_type(type_) {
                    self.append(&entry);
                }
                performance.queue_observer_task();
            }
        }
        Ok(())
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserver-disconnect>
    fn Disconnect(&self, cx: &mut JSContext) {
        // 1. Remove this from the list of registered performance observer objects of relevant
        //    global object. 2. Set this's observer buffer to empty. 3. Set this's options
        //    list to empty.
        self.global().Performance(cx).unregister_observer(self);
        self.buffer.borrow_mut().clear();
        self.entry_types.borrow_mut().clear();
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserver-takerecords>
    fn TakeRecords(&self, _cx: &mut JSContext) -> Vec<DomRoot<PerformanceEntry>> {
        // Return a copy of this's observer buffer, and empty it.
        self.buffer.borrow_mut().drain(..).map(|e| e.as_rooted()).collect()
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserver-supportedentrytypes>:
    /// the global's frozen array of supported entry types, the same array each time.
    fn SupportedEntryTypes(cx: &mut JSContext, global: &Window, mut retval: MutableHandleValue) {
        global.Performance(cx).supported_entry_types(cx, retval.reborrow());
    }
}

#[dom_struct]
pub struct PerformanceObserverEntryList {
    reflector_: Reflector,
    /// <https://w3c.github.io/performance-timeline/#dfn-entry-list>
    entries: Vec<Dom<PerformanceEntry>>,
}

impl PerformanceObserverEntryList {
    fn filtered(&self, name: Option<&str>, entry_type: Option<&str>) -> Vec<DomRoot<PerformanceEntry>> {
        let roots: Vec<DomRoot<PerformanceEntry>> = self.entries.iter().map(|e| e.as_rooted()).collect();
        filter_by_name_and_type(&roots, name, entry_type)
    }
}

impl PerformanceObserverEntryListMethods for PerformanceObserverEntryList {
    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserverentrylist-getentries>
    fn GetEntries(&self, _cx: &mut JSContext) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(None, None)
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserverentrylist-getentriesbytype>
    fn GetEntriesByType(&self, _cx: &mut JSContext, type_: DOMString) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(None, Some(&type_))
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceobserverentrylist-getentriesbyname>
    fn GetEntriesByName(
        &self,
        _cx: &mut JSContext,
        name: DOMString,
        type_: Option<DOMString>,
    ) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(Some(&name), type_.as_deref())
    }
}
