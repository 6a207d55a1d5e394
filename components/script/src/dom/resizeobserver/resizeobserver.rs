//! `ResizeObserver`, `ResizeObserverEntry` and `ResizeObserverSize`.

use std::cell::RefCell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::ResizeObserverCallback;
use crate::dom::bindings::codegen::Dictionaries::ResizeObserverOptions;
use crate::dom::bindings::codegen::Enums::ResizeObserverBoxOptions;
use crate::dom::bindings::codegen::ResizeObserverBinding::ResizeObserverMethods;
use crate::dom::bindings::codegen::ResizeObserverEntryBinding::ResizeObserverEntryMethods;
use crate::dom::bindings::codegen::ResizeObserverSizeBinding::ResizeObserverSizeMethods;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::element::Element;
use crate::dom::geometry::domrect::{DOMRectReadOnly, box_size};
use crate::dom::html::window::Window;

/// <https://drafts.csswg.org/resize-observer/#resizeobservation>
#[derive(crate::dom::bindings::trace::JSTraceable)]
struct Observation {
    target: Dom<Element>,
    #[no_trace]
    observed_box: ResizeObserverBoxOptions,
    /// lastReportedSizes (one fragment): inline and block size.
    #[no_trace]
    last_reported: (f64, f64),
}

#[dom_struct]
pub struct ResizeObserver {
    reflector_: Reflector,
    callback: Rc<ResizeObserverCallback>,
    /// [[observationTargets]]
    observations: RefCell<Vec<Observation>>,
}

/// The size of `target`'s `observed_box`: inline and block size (horizontal writing mode).
/// Without layout every box is the element's box size (see the module comment).
fn current_size(target: &Element, _observed_box: ResizeObserverBoxOptions) -> (f64, f64) {
    box_size(target)
}

impl ResizeObserver {
    /// Whether an observation's size differs from the last one reported ("is active").
    pub fn has_active_observations(&self) -> bool {
        self.observations.borrow().iter().any(|o| current_size(&o.target, o.observed_box) != o.last_reported)
    }

    /// Broadcasts this observer's active observations
    /// (<https://drafts.csswg.org/resize-observer/#broadcast-active-resize-observations>):
    /// one entry per active observation, the sizes recorded as reported, then the callback is
    /// invoked with the entries and the observer ("report" the exception).
    pub fn broadcast(&self, cx: &mut JSContext, window: &Window) {
        // 2.1 If observer.[[activeTargets]] slot is empty, continue.
        // 2.2 Let entries be an empty list of ResizeObserverEntries.
        // 2.3 For each observation in [[activeTargets]] perform these steps:
        let mut active = Vec::new();
        for observation in self.observations.borrow_mut().iter_mut() {
            let size = current_size(&observation.target, observation.observed_box);
            if size != observation.last_reported {
                // 2.3.3 Set observation.lastReportedSizes to the matching entry sizes.
                observation.last_reported = size;
                active.push((observation.target.as_rooted(), size));
            }
        }
        if active.is_empty() {
            return;
        }
        // 2.3.1 Let entry be the result of running create and populate a ResizeObserverEntry
        //       given observation.target. 2.3.2 Add entry to entries.
        let entries: Vec<DomRoot<ResizeObserverEntry>> =
            active.into_iter().map(|(target, size)| ResizeObserverEntry::new(cx, window, &target, size)).collect();
        // 2.5 Invoke observer.[[callback]] with entries and observer (and observer as the
        //     callback this value); report an exception it throws.
        rooted!(&in(cx) let mut this = UndefinedValue());
        DomRoot::from_ref(self).to_jsval(cx, this.handle_mut());
        let _guard = crate::script_thread::ScriptGuard::new();
        let _ = self.callback.Call_(cx, this.handle(), entries, self, ExceptionHandling::Report);
    }
}

impl ResizeObserverMethods for ResizeObserver {
    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserver-resizeobserver>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        callback: Rc<ResizeObserverCallback>,
    ) -> Fallible<DomRoot<ResizeObserver>> {
        // 1. Let this be a new ResizeObserver object. 2. Set this.[[callback]] internal slot to
        //    callback. 3. Set this.[[observationTargets]] internal slot to an empty list.
        let observer =
            ResizeObserver { reflector_: Reflector::new(), callback, observations: RefCell::new(Vec::new()) };
        let observer = reflect_dom_object_with_proto(cx, Box::new(observer), global, proto);
        // 5. Add this to this's relevant global's associated document's [[resizeObservers]].
        global.add_resize_observer(&observer);
        Ok(observer)
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserver-observe>
    fn Observe(&self, _cx: &mut JSContext, target: &Element, options: &ResizeObserverOptions) {
        // 1. If target is in [[observationTargets]] slot, call unobserve() with argument target.
        self.unobserve(target);
        // 2. Let observedBox be the value of the box dictionary member of options.
        // 3. Let resizeObservation be new ResizeObservation(target, observedBox): its
        //    lastReportedSizes is [(0,0)].
        // 4. Add the resizeObservation to the [[observationTargets]] slot.
        self.observations.borrow_mut().push(Observation {
            target: Dom::from_ref(target),
            observed_box: options.box_,
            last_reported: (0.0, 0.0),
        });
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserver-unobserve>
    fn Unobserve(&self, _cx: &mut JSContext, target: &Element) {
        // 1. Let observation be ResizeObservation in [[observationTargets]] whose target slot
        //    is target. 2. If observation is not found, return. 3. Remove observation from
        //    [[observationTargets]].
        self.unobserve(target);
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserver-disconnect>
    fn Disconnect(&self, _cx: &mut JSContext) {
        // 1. Clear the [[observationTargets]] list. 2. Clear the [[activeTargets]] list.
        self.observations.borrow_mut().clear();
    }
}

impl ResizeObserver {
    fn unobserve(&self, target: &Element) {
        self.observations.borrow_mut().retain(|o| !std::ptr::eq(&*o.target, target));
    }
}

#[dom_struct]
pub struct ResizeObserverEntry {
    reflector_: Reflector,
    target: Dom<Element>,
    content_rect: Dom<DOMRectReadOnly>,
    /// The frozen array of one ResizeObserverSize, the same for the three box lists (the
    /// boxes coincide without layout, see the module comment).
    sizes: Box<Heap<JSVal>>,
}

impl ResizeObserverEntry {
    /// "Create and populate a ResizeObserverEntry"
    /// (<https://drafts.csswg.org/resize-observer/#create-and-populate-a-resizeobserverentry>).
    fn new(cx: &mut JSContext, window: &Window, target: &Element, (inline, block): (f64, f64)) -> DomRoot<ResizeObserverEntry> {
        // 2–4. borderBoxSize, contentBoxSize, devicePixelContentBoxSize: the target's boxes.
        let size = reflect_dom_object(
            cx,
            Box::new(ResizeObserverSize { reflector_: Reflector::new(), inline_size: inline, block_size: block }),
            window,
        );
        rooted!(&in(cx) let mut array = UndefinedValue());
        vec![size].to_jsval(cx, array.handle_mut());
        rooted!(&in(cx) let object = array.to_object());
        // SAFETY: `object` is the rooted array just made.
        unsafe { mozjs::jsapi::JS_FreezeObject(cx.raw_cx(), object.handle().into()) };
        let sizes = Box::new(Heap::default());
        sizes.set(ObjectValue(object.get()));
        // 5. Set this.contentRect to the logical contentBoxSize (x and y: the padding, 0).
        let content_rect = DOMRectReadOnly::new(cx, window, 0.0, 0.0, inline, block);
        // 6. Set this.target to target.
        let entry = ResizeObserverEntry {
            reflector_: Reflector::new(),
            target: Dom::from_ref(target),
            content_rect: Dom::from_ref(&*content_rect),
            sizes,
        };
        reflect_dom_object(cx, Box::new(entry), window)
    }

    fn sizes(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.sizes.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

impl ResizeObserverEntryMethods for ResizeObserverEntry {
    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-target>
    fn Target(&self, _cx: &mut JSContext) -> DomRoot<Element> {
        self.target.as_rooted()
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-contentrect>
    fn ContentRect(&self, _cx: &mut JSContext) -> DomRoot<DOMRectReadOnly> {
        self.content_rect.as_rooted()
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-borderboxsize>
    fn BorderBoxSize(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        self.sizes(cx, retval)
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-contentboxsize>
    fn ContentBoxSize(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        self.sizes(cx, retval)
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-devicepixelcontentboxsize>
    fn DevicePixelContentBoxSize(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        self.sizes(cx, retval)
    }
}

#[dom_struct]
pub struct ResizeObserverSize {
    reflector_: Reflector,
    #[no_trace]
    inline_size: f64,
    #[no_trace]
    block_size: f64,
}

impl ResizeObserverSizeMethods for ResizeObserverSize {
    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserversize-inlinesize>
    fn InlineSize(&self, _cx: &mut JSContext) -> f64 {
        self.inline_size
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserversize-blocksize>
    fn BlockSize(&self, _cx: &mut JSContext) -> f64 {
        self.block_size
    }
}

/// The rendering update's resize observation steps for `window`
/// (<https://html.spec.whatwg.org/multipage/webappapis.html#update-the-rendering>, step 16):
/// each observer with active observations, in creation order, gets its entries.
/// FIXME: one round, no depth limit: without layout a callback cannot change another
/// element's box, only canvas/img/video attributes, which the next update reports.
pub fn broadcast_active_observations(cx: &mut JSContext, window: &Window) {
    let observers = window.resize_observers();
    if observers.is_empty() {
        return;
    }
    // The entries are made in the window's realm.
    // SAFETY: `cx` is this thread's context and the window's global object is alive.
    let _realm = mozjs::jsapi::JSAutoRealm::new(unsafe { cx.raw_cx() }, window.reflector().get_raw());
    for observer in observers {
        observer.broadcast(cx, window);
        crate::script_runtime::microtask_checkpoint(cx);
    }
}
