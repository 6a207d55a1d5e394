//! `IntersectionObserver` and `IntersectionObserverEntry`
//! (<https://w3c.github.io/IntersectionObserver/>).
//!
//! Targets are measured with the same element rectangles `getBoundingClientRect()` gives; the
//! implicit root is the viewport. Observations are updated in each rendering update of the
//! window (after the resize observers); a registration that has never been computed makes a
//! rendering update due, so `observe()` always brings the initial notification. Aperture does
//! not scroll, so `scrollMargin` is kept and serialized but changes nothing. FIXME: with
//! `trackVisibility`, occlusion is not computed: a target is visible when it intersects.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::IntersectionObserverCallback;
use crate::dom::bindings::codegen::Dictionaries::{
    DOMRectInit, IntersectionObserverEntryInit, IntersectionObserverInit,
};
use crate::dom::bindings::codegen::IntersectionObserverBinding::IntersectionObserverMethods;
use crate::dom::bindings::codegen::IntersectionObserverEntryBinding::IntersectionObserverEntryMethods;
use crate::dom::bindings::codegen::Unions::{DoubleOrDoubleSequence, ElementOrDocument};
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::geometry::domrect::DOMRectReadOnly;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::intersectionobserver::geometry::{self, Intersection, MarginValue, Rect};

/// <https://w3c.github.io/IntersectionObserver/#intersectionobserverregistration>
#[derive(crate::dom::bindings::trace::JSTraceable)]
struct Registration {
    target: Dom<Element>,
    #[no_trace]
    previous_threshold_index: i32,
    #[no_trace]
    previous_is_intersecting: bool,
}

#[dom_struct]
pub struct IntersectionObserver {
    reflector_: Reflector,
    callback: Rc<IntersectionObserverCallback>,
    /// The explicit root, if an Element.
    root_element: MutNullableDom<Element>,
    /// The explicit root, if a Document.
    root_document: MutNullableDom<Document>,
    #[no_trace]
    root_margin: [MarginValue; 4],
    #[no_trace]
    scroll_margin: [MarginValue; 4],
    #[no_trace]
    thresholds: Vec<f64>,
    /// The frozen array `thresholds` returns, the same on every read.
    thresholds_array: Box<Heap<JSVal>>,
    #[no_trace]
    delay: i32,
    #[no_trace]
    track_visibility: bool,
    /// [[ObservationTargets]] with each target's registration.
    registrations: RefCell<Vec<Registration>>,
    /// [[QueuedEntries]]
    queued: RefCell<Vec<Dom<IntersectionObserverEntry>>>,
    /// A notification task is queued.
    #[no_trace]
    task_queued: Cell<bool>,
}

/// The border box of `element` as `getBoundingClientRect()` gives it (the layout module), or
/// `None` when it has no box (not connected, `display: none`).
fn element_rect(cx: &mut JSContext, element: &Element) -> Option<Rect> {
    if !element.upcast::<Node>().is_connected() {
        return None;
    }
    let r = crate::dom::layout::queries::border_box(cx, element)?;
    Some(Rect { x: r.x, y: r.y, width: r.width, height: r.height })
}

/// The viewport: the implicit root's rectangle.
fn viewport() -> Rect {
    Rect {
        x: 0.0,
        y: 0.0,
        width: f64::from(crate::dom::cssomview::VIEWPORT_WIDTH),
        height: f64::from(crate::dom::cssomview::VIEWPORT_HEIGHT),
    }
}

impl IntersectionObserver {
    /// Whether a registration waits for its first computation (a rendering update is due).
    pub fn has_pending_observations(&self) -> bool {
        self.registrations.borrow().iter().any(|r| r.previous_threshold_index == -1)
    }

    fn has_targets(&self) -> bool {
        !self.registrations.borrow().is_empty()
    }

    /// <https://w3c.github.io/IntersectionObserver/#intersectionobserver-root-intersection-rectangle>:
    /// the viewport for the implicit root (and a document root), the root element's box
    /// otherwise, grown by the root margin. `None` when an element root has no box.
    fn root_intersection_rectangle(&self, cx: &mut JSContext) -> Option<Rect> {
        let root = match self.root_element.get() {
            Some(element) => element_rect(cx, &element)?,
            None => viewport(),
        };
        Some(geometry::apply_margin(root, &self.root_margin))
    }

    /// Whether `target` can intersect the explicit root: "If the intersection root is an
    /// Element, and target is not a descendant of the intersection root in the containing
    /// block chain, skip to step 11"; a Document root must be target's node document.
    fn in_root(&self, target: &Element) -> bool {
        if let Some(root) = self.root_element.get() {
            let root = root.upcast::<Node>();
            let target = target.upcast::<Node>();
            return !std::ptr::eq(root, target) && root.is_inclusive_ancestor_of(target);
        }
        if let Some(document) = self.root_document.get() {
            return std::ptr::eq(&*target.upcast::<Node>().owner_doc(), &*document);
        }
        true
    }

    /// <https://w3c.github.io/IntersectionObserver/#update-intersection-observations-algo>,
    /// steps 2.1–2.3 for this observer: returns whether entries were queued.
    fn update(&self, cx: &mut JSContext, window: &Window, time: f64) -> bool {
        // 2.1 Let rootBounds be observer's root intersection rectangle.
        let root_bounds = self.root_intersection_rectangle(cx);
        let mut queued = false;
        let targets: Vec<DomRoot<Element>> = self.registrations.borrow().iter().map(|r| r.target.as_rooted()).collect();
        // 2.2 For each target in observer's internal [[ObservationTargets]] slot:
        for target in targets {
            let target_rect = element_rect(cx, &target);
            let eligible = target_rect.is_some() && self.in_root(&target);
            let outcome = match (root_bounds, eligible) {
                (Some(root), true) => geometry::compute(target_rect, root, &self.thresholds),
                _ => geometry::compute(None, Rect::default(), &self.thresholds),
            };
            // 12–16. Compare with the registration's previous state; queue an entry when the
            //        threshold index or isIntersecting changed, then record the new state.
            let changed = {
                let mut registrations = self.registrations.borrow_mut();
                let Some(registration) = registrations.iter_mut().find(|r| std::ptr::eq(&*r.target, &*target)) else {
                    continue;
                };
                let changed = registration.previous_threshold_index != outcome.threshold_index
                    || registration.previous_is_intersecting != outcome.is_intersecting;
                registration.previous_threshold_index = outcome.threshold_index;
                registration.previous_is_intersecting = outcome.is_intersecting;
                changed
            };
            if changed {
                let entry = IntersectionObserverEntry::from_outcome(
                    cx,
                    window,
                    time,
                    root_bounds,
                    target_rect.unwrap_or_default(),
                    outcome,
                    self.track_visibility && outcome.is_intersecting,
                    &target,
                );
                self.queued.borrow_mut().push(Dom::from_ref(&*entry));
                queued = true;
            }
        }
        queued
    }

    /// The notification task's part for this observer
    /// (<https://w3c.github.io/IntersectionObserver/#notify-intersection-observers-algo>): "Let
    /// queue be a copy of observer's internal [[QueuedEntries]] slot. Clear observer's
    /// internal [[QueuedEntries]] slot. If queue is empty, continue. Invoke callback with
    /// queue as the first argument, observer as the second argument, and observer as the
    /// callback this value. If this throws an exception, report the exception."
    fn notify(&self, cx: &mut JSContext) {
        let queue: Vec<DomRoot<IntersectionObserverEntry>> =
            std::mem::take(&mut *self.queued.borrow_mut()).iter().map(|e| e.as_rooted()).collect();
        if queue.is_empty() {
            return;
        }
        rooted!(&in(cx) let mut this = UndefinedValue());
        DomRoot::from_ref(self).to_jsval(cx, this.handle_mut());
        let _guard = crate::script_thread::ScriptGuard::new();
        let _ = self.callback.Call_(cx, this.handle(), queue, self, ExceptionHandling::Report);
    }
}

impl IntersectionObserverMethods for IntersectionObserver {
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-intersectionobserver>:
    /// "initialize a new IntersectionObserver".
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        callback: Rc<IntersectionObserverCallback>,
        options: &IntersectionObserverInit,
    ) -> Fallible<DomRoot<IntersectionObserver>> {
        // 2. Attempt to parse a margin from options.root_margin. If a list is returned, set
        //    this's internal [[rootMargin]] slot to that. Otherwise, throw a SyntaxError
        //    exception.
        let root_margin = geometry::parse_margin(&options.root_margin.to_string()).ok_or_else(|| {
            Error::Syntax(
                "Failed to construct 'IntersectionObserver': rootMargin must be specified in pixels or percent.".into(),
            )
        })?;
        // 3. Attempt to parse a margin from options.scroll_margin (likewise).
        let scroll_margin = geometry::parse_margin(&options.scroll_margin.to_string()).ok_or_else(|| {
            Error::Syntax(
                "Failed to construct 'IntersectionObserver': scrollMargin must be specified in pixels or percent."
                    .into(),
            )
        })?;
        // 4. Let thresholds be a list equal to options.threshold.
        let mut thresholds: Vec<f64> = match &options.threshold {
            DoubleOrDoubleSequence::Double(value) => vec![**value],
            DoubleOrDoubleSequence::DoubleSequence(values) => values.iter().map(|v| **v).collect(),
        };
        // 5. If any value in thresholds is less than 0.0 or greater than 1.0, throw a
        //    RangeError exception.
        if thresholds.iter().any(|t| !(0.0..=1.0).contains(t)) {
            return Err(Error::Range(
                "Failed to construct 'IntersectionObserver': Threshold values must be numbers between 0 and 1".into(),
            ));
        }
        // 6. Sort thresholds in ascending order. 7. If thresholds is empty, append 0 to it.
        thresholds.sort_by(|a, b| a.total_cmp(b));
        if thresholds.is_empty() {
            thresholds.push(0.0);
        }
        // 9. Set this's internal [[delay]] slot to options.delay. 10. Set this's internal
        //    [[trackVisibility]] slot to options.track_visibility. 11. If [[trackVisibility]]
        //    is true and [[delay]] is less than 100, set [[delay]] to 100.
        let mut delay = options.delay.max(0);
        if options.track_visibility && delay < 100 {
            delay = 100;
        }
        let observer = IntersectionObserver {
            reflector_: Reflector::new(),
            callback,
            root_element: MutNullableDom::new(None),
            root_document: MutNullableDom::new(None),
            root_margin,
            scroll_margin,
            thresholds: thresholds.clone(),
            thresholds_array: Box::new(Heap::default()),
            delay,
            track_visibility: options.track_visibility,
            registrations: RefCell::new(Vec::new()),
            queued: RefCell::new(Vec::new()),
            task_queued: Cell::new(false),
        };
        let observer = reflect_dom_object_with_proto(cx, Box::new(observer), global, proto);
        // 12. Set this's internal [[root]] slot to options.root.
        match &options.root {
            Some(ElementOrDocument::Element(element)) => observer.root_element.set(Some(element)),
            Some(ElementOrDocument::Document(document)) => observer.root_document.set(Some(document)),
            None => {}
        }
        // 8. Set this's internal [[thresholds]] slot to thresholds (a frozen array).
        rooted!(&in(cx) let mut array = UndefinedValue());
        thresholds.iter().map(|t| Finite::<f64>::wrap(*t)).collect::<Vec<_>>().to_jsval(cx, array.handle_mut());
        rooted!(&in(cx) let object = array.to_object());
        // SAFETY: `object` is the rooted array just made.
        unsafe { mozjs::jsapi::JS_FreezeObject(cx.raw_cx(), object.handle().into()) };
        observer.thresholds_array.set(ObjectValue(object.get()));
        Ok(observer)
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-root>
    fn Root(&self, _cx: &mut JSContext) -> Option<ElementOrDocument> {
        if let Some(element) = self.root_element.get() {
            return Some(ElementOrDocument::Element(element));
        }
        self.root_document.get().map(ElementOrDocument::Document)
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-rootmargin>
    fn RootMargin(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(geometry::serialize_margin(&self.root_margin))
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-scrollmargin>
    fn ScrollMargin(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(geometry::serialize_margin(&self.scroll_margin))
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-thresholds>
    fn Thresholds(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.thresholds_array.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-delay>
    fn Delay(&self, _cx: &mut JSContext) -> i32 {
        self.delay
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-trackvisibility>
    fn TrackVisibility(&self, _cx: &mut JSContext) -> bool {
        self.track_visibility
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-observe>
    fn Observe(&self, _cx: &mut JSContext, target: &Element) {
        // 1. If target is in this's internal [[ObservationTargets]] slot, return.
        if self.registrations.borrow().iter().any(|r| std::ptr::eq(&*r.target, target)) {
            return;
        }
        // 2. Let intersectionObserverRegistration be an IntersectionObserverRegistration
        //    record with an observer property set to this, a previousThresholdIndex property
        //    set to -1, and a previousIsIntersecting property set to false. 3–4. Append it to
        //    target's [[RegisteredIntersectionObservers]]; add target to this's
        //    [[ObservationTargets]].
        self.registrations.borrow_mut().push(Registration {
            target: Dom::from_ref(target),
            previous_threshold_index: -1,
            previous_is_intersecting: false,
        });
        // (The document's list of intersection observers gets this one.)
        self.global().add_intersection_observer(self);
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-unobserve>: "Remove
    /// the IntersectionObserverRegistration record whose observer property is equal to this
    /// from target's internal [[RegisteredIntersectionObservers]] slot, if present. Remove
    /// target from this's internal [[ObservationTargets]] slot, if present."
    fn Unobserve(&self, _cx: &mut JSContext, target: &Element) {
        self.registrations.borrow_mut().retain(|r| !std::ptr::eq(&*r.target, target));
        if !self.has_targets() {
            self.global().remove_intersection_observer(self);
        }
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-disconnect>: "For
    /// each target in this's internal [[ObservationTargets]] slot: remove the
    /// IntersectionObserverRegistration … and remove target from this's internal
    /// [[ObservationTargets]] slot."
    fn Disconnect(&self, _cx: &mut JSContext) {
        let removed = std::mem::take(&mut *self.registrations.borrow_mut());
        if !removed.is_empty() {
            self.global().remove_intersection_observer(self);
        }
    }

    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserver-takerecords>:
    /// "Let queue be a copy of this's internal [[QueuedEntries]] slot. Clear this's internal
    /// [[QueuedEntries]] slot. Return queue."
    fn TakeRecords(&self, _cx: &mut JSContext) -> Vec<DomRoot<IntersectionObserverEntry>> {
        std::mem::take(&mut *self.queued.borrow_mut()).iter().map(|e| e.as_rooted()).collect()
    }
}

/// <https://w3c.github.io/IntersectionObserver/#run-the-update-intersection-observations-steps>
/// for `window`'s document at the rendering update `time`: each observer's targets are
/// measured, entries queued, and one task notifies the observers that have entries.
pub fn update_intersection_observations(cx: &mut JSContext, window: &Window) {
    let observers = window.intersection_observers();
    if observers.is_empty() {
        return;
    }
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
    // 1. Let time be the result of getting the current time for document.
    let time = window.performance_now();
    let mut queued = false;
    for observer in &observers {
        queued |= observer.update(cx, window, time);
    }
    // "Queue an intersection observer task": "If document's IntersectionObserverTaskQueued
    // flag is set to true, return. Set it to true. Queue a task on the intersection
    // observer task source to notify intersection observers."
    if queued && !observers.iter().any(|o| o.task_queued.get()) {
        for observer in &observers {
            observer.task_queued.set(true);
        }
        let window = crate::dom::bindings::refcounted::Trusted::new(window);
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(window) = window.root() else { return };
            let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
            // "1. Set document's IntersectionObserverTaskQueued flag to false. 2. Let notify
            // list be a list of all IntersectionObservers whose root is in the DOM tree of
            // document. 3. For each IntersectionObserver object observer in notify list":
            let observers = window.intersection_observers();
            for observer in &observers {
                observer.task_queued.set(false);
            }
            for observer in observers {
                observer.notify(cx);
                crate::script_runtime::microtask_checkpoint(cx);
            }
        }));
    }
}

#[dom_struct]
pub struct IntersectionObserverEntry {
    reflector_: Reflector,
    #[no_trace]
    time: f64,
    root_bounds: Option<Dom<DOMRectReadOnly>>,
    bounding_client_rect: Dom<DOMRectReadOnly>,
    intersection_rect: Dom<DOMRectReadOnly>,
    #[no_trace]
    is_intersecting: bool,
    #[no_trace]
    is_visible: bool,
    #[no_trace]
    intersection_ratio: f64,
    target: Dom<Element>,
}

impl IntersectionObserverEntry {
    #[allow(clippy::too_many_arguments)]
    fn new(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        time: f64,
        root_bounds: Option<Rect>,
        bounding_client_rect: Rect,
        intersection_rect: Rect,
        is_intersecting: bool,
        is_visible: bool,
        intersection_ratio: f64,
        target: &Element,
    ) -> DomRoot<IntersectionObserverEntry> {
        let rect = |cx: &mut JSContext, r: Rect| DOMRectReadOnly::new(cx, window, r.x, r.y, r.width, r.height);
        let root_bounds = root_bounds.map(|r| rect(cx, r));
        let bounding_client_rect = rect(cx, bounding_client_rect);
        let intersection_rect = rect(cx, intersection_rect);
        let entry = IntersectionObserverEntry {
            reflector_: Reflector::new(),
            time,
            root_bounds: root_bounds.as_deref().map(Dom::from_ref),
            bounding_client_rect: Dom::from_ref(&*bounding_client_rect),
            intersection_rect: Dom::from_ref(&*intersection_rect),
            is_intersecting,
            is_visible,
            intersection_ratio,
            target: Dom::from_ref(target),
        };
        reflect_dom_object_with_proto(cx, Box::new(entry), window, proto)
    }

    /// "Queue an IntersectionObserverEntry"
    /// (<https://w3c.github.io/IntersectionObserver/#queue-an-intersectionobserverentry>).
    #[allow(clippy::too_many_arguments)]
    fn from_outcome(
        cx: &mut JSContext,
        window: &Window,
        time: f64,
        root_bounds: Option<Rect>,
        target_rect: Rect,
        outcome: Intersection,
        is_visible: bool,
        target: &Element,
    ) -> DomRoot<IntersectionObserverEntry> {
        IntersectionObserverEntry::new(
            cx,
            window,
            None,
            time,
            root_bounds,
            target_rect,
            outcome.intersection_rect,
            outcome.is_intersecting,
            is_visible,
            outcome.ratio,
            target,
        )
    }
}

fn rect_from_init(init: &DOMRectInit) -> Rect {
    Rect { x: init.x, y: init.y, width: init.width, height: init.height }
}

impl IntersectionObserverEntryMethods for IntersectionObserverEntry {
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-intersectionobserverentry>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &IntersectionObserverEntryInit,
    ) -> Fallible<DomRoot<IntersectionObserverEntry>> {
        Ok(IntersectionObserverEntry::new(
            cx,
            global,
            proto,
            *init.time,
            init.root_bounds.as_ref().map(rect_from_init),
            rect_from_init(&init.bounding_client_rect),
            rect_from_init(&init.intersection_rect),
            init.is_intersecting,
            init.is_visible,
            *init.intersection_ratio,
            &init.target,
        ))
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-time>
    fn Time(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.time)
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-rootbounds>
    fn RootBounds(&self, _cx: &mut JSContext) -> Option<DomRoot<DOMRectReadOnly>> {
        self.root_bounds.as_ref().map(|r| r.as_rooted())
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-boundingclientrect>
    fn BoundingClientRect(&self, _cx: &mut JSContext) -> DomRoot<DOMRectReadOnly> {
        self.bounding_client_rect.as_rooted()
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-intersectionrect>
    fn IntersectionRect(&self, _cx: &mut JSContext) -> DomRoot<DOMRectReadOnly> {
        self.intersection_rect.as_rooted()
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-isintersecting>
    fn IsIntersecting(&self, _cx: &mut JSContext) -> bool {
        self.is_intersecting
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-isvisible>
    fn IsVisible(&self, _cx: &mut JSContext) -> bool {
        self.is_visible
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-intersectionratio>
    fn IntersectionRatio(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.intersection_ratio)
    }
    /// <https://w3c.github.io/IntersectionObserver/#dom-intersectionobserverentry-target>
    fn Target(&self, _cx: &mut JSContext) -> DomRoot<Element> {
        self.target.as_rooted()
    }
}
