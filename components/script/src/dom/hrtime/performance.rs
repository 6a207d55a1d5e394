//! `Performance` (<https://w3c.github.io/hr-time/#sec-performance>).

use std::cell::{Cell, RefCell};
use std::time::{SystemTime, UNIX_EPOCH};

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::JSVal;
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::PerformanceBinding::PerformanceMethods;
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;
use crate::dom::performance::SUPPORTED_ENTRY_TYPES;
use crate::dom::performance::performanceentry::{PerformanceEntry, filter_by_name_and_type};
use crate::dom::performance::performanceobserver::PerformanceObserver;
use crate::dom::performance::usertiming::{self, PerformanceMark, PerformanceMeasure};

#[dom_struct]
pub struct Performance {
    eventtarget: EventTarget,
    window: Dom<Window>,
    /// The time origin as milliseconds since the Unix epoch.
    #[no_trace]
    time_origin_unix_ms: f64,
    /// The performance entry buffer (<https://w3c.github.io/performance-timeline/#performance-timeline>):
    /// the marks and measures, in the order they were added.
    entries: RefCell<Vec<Dom<PerformanceEntry>>>,
    /// <https://w3c.github.io/performance-timeline/#list-of-registered-performance-observer-objects>
    observers: RefCell<Vec<Dom<PerformanceObserver>>>,
    /// <https://w3c.github.io/performance-timeline/#dfn-performance-observer-task-queued-flag>
    #[no_trace]
    observer_task_queued: Cell<bool>,
    /// The frozen array of supported entry types, once made.
    supported_entry_types: Box<Heap<JSVal>>,
}

impl Performance {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Performance> {
        let elapsed = window.time_origin().elapsed();
        let now_unix = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
        let performance = Performance {
            eventtarget: EventTarget::new_inherited(),
            window: Dom::from_ref(window),
            time_origin_unix_ms: now_unix - elapsed.as_secs_f64() * 1000.0,
            entries: RefCell::new(Vec::new()),
            observers: RefCell::new(Vec::new()),
            observer_task_queued: Cell::new(false),
            supported_entry_types: Box::default(),
        };
        reflect_dom_object(cx, Box::new(performance), window)
    }

    /// "Queue a PerformanceEntry" (<https://w3c.github.io/performance-timeline/#queue-a-performanceentry>)
    /// and add it to the performance entry buffer (marks and measures always are).
    pub fn queue_entry(&self, entry: &PerformanceEntry) {
        // 1–2. For each registered performance observer whose options list has entry's type
        //    (as a type, or in its entryTypes): append entry to the observer's buffer.
        let interested: Vec<DomRoot<PerformanceObserver>> =
            self.observers.borrow().iter().map(|o| o.as_rooted()).filter(|o| o.observes(entry.entry_type())).collect();
        for observer in &interested {
            observer.append(entry);
        }
        // (User Timing: "Add entry to the performance entry buffer.")
        self.entries.borrow_mut().push(Dom::from_ref(entry));
        // 3. Queue the PerformanceObserver task with relevantGlobal as input.
        if !interested.is_empty() {
            self.queue_observer_task();
        }
    }

    /// <https://w3c.github.io/performance-timeline/#queue-the-performanceobserver-task>
    pub fn queue_observer_task(&self) {
        // 1. If relevantGlobal's performance observer task queued flag is set, terminate.
        // 2. Set relevantGlobal's performance observer task queued flag.
        if self.observer_task_queued.replace(true) {
            return;
        }
        // 3. Queue a task that consists of running the following substeps (on the
        //    performance timeline task source):
        let performance = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx: &mut JSContext| {
            let Some(performance) = performance.root() else { return };
            // 1. Unset performance observer task queued flag of relevantGlobal.
            performance.observer_task_queued.set(false);
            // 2. Let notifyList be a copy of relevantGlobal's list of registered performance
            //    observer objects. 3. For each registered performance observer object
            //    registeredObserver in notifyList, run these steps (in the window's realm).
            let window = performance.window.as_rooted();
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
            let notify: Vec<DomRoot<PerformanceObserver>> =
                performance.observers.borrow().iter().map(|o| o.as_rooted()).collect();
            for observer in notify {
                observer.notify(cx);
            }
        }));
    }

    pub fn register_observer(&self, observer: &PerformanceObserver) {
        let mut observers = self.observers.borrow_mut();
        if !observers.iter().any(|o| std::ptr::eq(&**o, observer)) {
            observers.push(Dom::from_ref(observer));
        }
    }

    pub fn unregister_observer(&self, observer: &PerformanceObserver) {
        self.observers.borrow_mut().retain(|o| !std::ptr::eq(&**o, observer));
    }

    /// The entries of the buffer with type `entry_type`, in chronological order.
    pub fn entries_of_type(&self, entry_type: &str) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(None, Some(entry_type))
    }

    /// The startTime of the most recent mark named `name`.
    pub fn most_recent_mark(&self, name: &str) -> Option<f64> {
        self.entries
            .borrow()
            .iter()
            .rev()
            .find(|e| e.entry_type() == "mark" && e.name() == name)
            .map(|e| e.start_time())
    }

    fn filtered(&self, name: Option<&str>, entry_type: Option<&str>) -> Vec<DomRoot<PerformanceEntry>> {
        let roots: Vec<DomRoot<PerformanceEntry>> = self.entries.borrow().iter().map(|e| e.as_rooted()).collect();
        filter_by_name_and_type(&roots, name, entry_type)
    }

    /// Removes the entries of `entry_type`, only those named `name` when given.
    fn clear(&self, entry_type: &str, name: Option<&str>) {
        self.entries.borrow_mut().retain(|e| !(e.entry_type() == entry_type && name.is_none_or(|n| e.name() == n)));
    }

    /// The frozen array of supported entry types (<https://w3c.github.io/performance-timeline/#supportedentrytypes-attribute>),
    /// the same object on every read.
    pub fn supported_entry_types(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        if self.supported_entry_types.get().is_undefined() {
            let types: Vec<DOMString> = SUPPORTED_ENTRY_TYPES.iter().map(|t| DOMString::from(*t)).collect();
            rooted!(&in(cx) let mut array = mozjs::jsval::UndefinedValue());
            types.to_jsval(cx, array.handle_mut());
            rooted!(&in(cx) let object = array.to_object());
            // SAFETY: `object` is a rooted array object just made.
            unsafe { mozjs::jsapi::JS_FreezeObject(cx.raw_cx(), object.handle().into()) };
            self.supported_entry_types.set(array.get());
        }
        retval.set(self.supported_entry_types.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

impl PerformanceMethods for Performance {
    /// <https://w3c.github.io/hr-time/#dom-performance-now>
    fn Now(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.window.performance_now())
    }

    /// <https://w3c.github.io/hr-time/#dom-performance-timeorigin>
    fn TimeOrigin(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.time_origin_unix_ms)
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performance-getentries>
    fn GetEntries(&self, _cx: &mut JSContext) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(None, None)
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performance-getentriesbytype>
    fn GetEntriesByType(&self, _cx: &mut JSContext, type_: DOMString) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(None, Some(&type_))
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performance-getentriesbyname>
    fn GetEntriesByName(
        &self,
        _cx: &mut JSContext,
        name: DOMString,
        type_: Option<DOMString>,
    ) -> Vec<DomRoot<PerformanceEntry>> {
        self.filtered(Some(&name), type_.as_deref())
    }

    /// <https://w3c.github.io/user-timing/#dom-performance-mark>
    fn Mark(
        &self,
        cx: &mut JSContext,
        mark_name: DOMString,
        options: HandleValue,
    ) -> Fallible<DomRoot<PerformanceMark>> {
        let window = self.window.as_rooted();
        usertiming::mark(cx, self, &window, mark_name, options)
    }

    /// <https://w3c.github.io/user-timing/#dom-performance-clearmarks>
    fn ClearMarks(&self, _cx: &mut JSContext, mark_name: Option<DOMString>) {
        // 1. If markName is omitted, remove all PerformanceMark objects from the performance
        //    entry buffer. 2. Otherwise, remove those whose name is markName.
        self.clear("mark", mark_name.as_deref());
    }

    /// <https://w3c.github.io/user-timing/#dom-performance-measure>
    fn Measure(
        &self,
        cx: &mut JSContext,
        measure_name: DOMString,
        start_or_options: HandleValue,
        end_mark: Option<DOMString>,
    ) -> Fallible<DomRoot<PerformanceMeasure>> {
        let window = self.window.as_rooted();
        usertiming::measure(cx, self, &window, measure_name, start_or_options, end_mark)
    }

    /// <https://w3c.github.io/user-timing/#dom-performance-clearmeasures>
    fn ClearMeasures(&self, _cx: &mut JSContext, measure_name: Option<DOMString>) {
        self.clear("measure", measure_name.as_deref());
    }

    /// <https://w3c.github.io/hr-time/#dom-performance-tojson>
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        // The default toJSON steps: an object with the interface's serializable attributes.
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        self.TimeOrigin(cx).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"timeOrigin", value.handle());
        retval.set(ObjectValue(object.get()));
    }
}
