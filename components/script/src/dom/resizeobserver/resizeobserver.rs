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
use crate::dom::geometry::domrect::DOMRectReadOnly;
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

/// A target's boxes as Resize Observer reports them (horizontal writing mode, device pixel
/// ratio 1): inline and block sizes, and the content box's offset in the border box (the
/// left and top padding and border).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct BoxSizes {
    content: (f64, f64),
    border: (f64, f64),
    content_offset: (f64, f64),
}

/// <https://drafts.csswg.org/resize-observer/#calculate-box-size>: the target's boxes from
/// layout; a target without a box, or a non-replaced inline box, is 0×0 (FIXME: an SVG
/// graphics element's bounding box is not computed: it has no CSS box).
fn box_sizes(cx: &mut JSContext, target: &Element) -> BoxSizes {
    let Some(b) = crate::dom::layout::queries::element_box(cx, target) else { return BoxSizes::default() };
    let g = b.geometry;
    if g.inline {
        return BoxSizes::default();
    }
    let content = g.content_box();
    BoxSizes {
        content: (content.width, content.height),
        border: (g.border_box.width, g.border_box.height),
        content_offset: (g.padding[3], g.padding[0]),
    }
}

/// The size of the observed box: "If observedBox is "border-box"… the border area; if
/// "content-box"… the content area; if "device-pixel-content-box"… the content area in device
/// pixels" (ratio 1).
fn observed(sizes: &BoxSizes, observed_box: ResizeObserverBoxOptions) -> (f64, f64) {
    match observed_box {
        ResizeObserverBoxOptions::BorderBox => sizes.border,
        _ => sizes.content,
    }
}

impl ResizeObserver {
    /// Whether an observation's size differs from the last one reported ("is active").
    pub fn has_active_observations(&self, cx: &mut JSContext) -> bool {
        let targets: Vec<(DomRoot<Element>, ResizeObserverBoxOptions, (f64, f64))> = self
            .observations
            .borrow()
            .iter()
            .map(|o| (o.target.as_rooted(), o.observed_box, o.last_reported))
            .collect();
        targets.iter().any(|(t, b, last)| observed(&box_sizes(cx, t), *b) != *last)
    }

    /// Broadcasts this observer's active observations
    /// (<https://drafts.csswg.org/resize-observer/#broadcast-active-resize-observations>):
    /// one entry per active observation, the sizes recorded as reported, then the callback is
    /// invoked with the entries and the observer ("report" the exception).
    pub fn broadcast(&self, cx: &mut JSContext, window: &Window) {
        // 2.1 If observer.[[activeTargets]] slot is empty, continue.
        // 2.2 Let entries be an empty list of ResizeObserverEntries.
        // 2.3 For each observation in [[activeTargets]] perform these steps:
        // Layout runs script-free, but the observations are not borrowed across it.
        let targets: Vec<(DomRoot<Element>, ResizeObserverBoxOptions)> =
            self.observations.borrow().iter().map(|o| (o.target.as_rooted(), o.observed_box)).collect();
        let sizes: Vec<BoxSizes> = targets.iter().map(|(t, _)| box_sizes(cx, t)).collect();
        let mut active = Vec::new();
        for (observation, sizes) in self.observations.borrow_mut().iter_mut().zip(sizes) {
            let size = observed(&sizes, observation.observed_box);
            if size != observation.last_reported {
                // 2.3.3 Set observation.lastReportedSizes to the matching entry sizes.
                observation.last_reported = size;
                active.push((observation.target.as_rooted(), sizes));
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
    /// The frozen arrays of one ResizeObserverSize each: border box, content box, device-pixel
    /// content box.
    border_sizes: Box<Heap<JSVal>>,
    content_sizes: Box<Heap<JSVal>>,
    device_sizes: Box<Heap<JSVal>>,
}

/// A frozen array holding one `ResizeObserverSize`.
fn frozen_sizes(cx: &mut JSContext, window: &Window, (inline, block): (f64, f64)) -> Box<Heap<JSVal>> {
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
    sizes
}

impl ResizeObserverEntry {
    /// "Create and populate a ResizeObserverEntry"
    /// (<https://drafts.csswg.org/resize-observer/#create-and-populate-a-resizeobserverentry>).
    fn new(cx: &mut JSContext, window: &Window, target: &Element, sizes: BoxSizes) -> DomRoot<ResizeObserverEntry> {
        // 2. "Set this.borderBoxSize slot to result of computing size given target and
        //    observedBox of "border-box"." 3. "Set this.contentBoxSize slot to result of
        //    computing size given target and observedBox of "content-box"." 4. "Set
        //    this.devicePixelContentBoxSize slot to result of computing size given target and
        //    observedBox of "device-pixel-content-box"" (device pixel ratio 1).
        let border_sizes = frozen_sizes(cx, window, sizes.border);
        let content_sizes = frozen_sizes(cx, window, sizes.content);
        let device_sizes = frozen_sizes(cx, window, sizes.content);
        // 5. "Set this.contentRect to logical this.contentBoxSize given target and observedBox
        //    of "content-box"." 6. "If target is not an SVG element or target is an SVG element
        //    with an associated CSS layout box do these steps: Set this.contentRect.top to
        //    target.padding top. Set this.contentRect.left to target.padding left."
        let (x, y) = sizes.content_offset;
        let content_rect = DOMRectReadOnly::new(cx, window, x, y, sizes.content.0, sizes.content.1);
        // 8. "Set this.target to target."
        let entry = ResizeObserverEntry {
            reflector_: Reflector::new(),
            target: Dom::from_ref(target),
            content_rect: Dom::from_ref(&*content_rect),
            border_sizes,
            content_sizes,
            device_sizes,
        };
        reflect_dom_object(cx, Box::new(entry), window)
    }

    fn sizes(cx: &mut JSContext, sizes: &Heap<JSVal>, mut retval: MutableHandleValue) {
        retval.set(sizes.get());
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
        Self::sizes(cx, &self.border_sizes, retval)
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-contentboxsize>
    fn ContentBoxSize(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        Self::sizes(cx, &self.content_sizes, retval)
    }

    /// <https://drafts.csswg.org/resize-observer/#dom-resizeobserverentry-devicepixelcontentboxsize>
    fn DevicePixelContentBoxSize(&self, cx: &mut JSContext, retval: MutableHandleValue) {
        Self::sizes(cx, &self.device_sizes, retval)
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
/// FIXME: one round per rendering update, no depth limit: a callback's changes to sizes are
/// reported at the next update (the specification gathers and broadcasts again, deeper each
/// round, within the same update).
pub fn broadcast_active_observations(cx: &mut JSContext, window: &Window) {
    let observers = window.resize_observers();
    if observers.is_empty() {
        return;
    }
    // The entries are made in the window's realm.
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
    for observer in observers {
        observer.broadcast(cx, window);
        crate::script_runtime::microtask_checkpoint(cx);
    }
}
