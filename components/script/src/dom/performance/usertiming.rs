//! User Timing (<https://w3c.github.io/user-timing/>): `PerformanceMark`, `PerformanceMeasure`
//! and the `mark()`/`measure()` algorithms of `Performance`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::{PerformanceMarkOptions, PerformanceMeasureOptions};
use crate::dom::bindings::codegen::PerformanceMarkBinding::PerformanceMarkMethods;
use crate::dom::bindings::codegen::PerformanceMeasureBinding::PerformanceMeasureMethods;
use crate::dom::bindings::codegen::Unions::StringOrDouble;
use crate::dom::bindings::conversions::{FromJSVal, StringificationBehavior, get_property};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::hrtime::performance::Performance;
use crate::dom::html::structuredclone::structured_clone;
use crate::dom::html::window::Window;
use crate::dom::performance::performanceentry::PerformanceEntry;

/// The read only attributes of the (legacy) `PerformanceTiming` interface: names a mark may not
/// take in a window, and names `measure()` reads as navigation timestamps.
const PERFORMANCE_TIMING_ATTRIBUTES: [&str; 21] = [
    "navigationStart",
    "unloadEventStart",
    "unloadEventEnd",
    "redirectStart",
    "redirectEnd",
    "fetchStart",
    "domainLookupStart",
    "domainLookupEnd",
    "connectStart",
    "connectEnd",
    "secureConnectionStart",
    "requestStart",
    "responseStart",
    "responseEnd",
    "domLoading",
    "domInteractive",
    "domContentLoadedEventStart",
    "domContentLoadedEventEnd",
    "domComplete",
    "loadEventStart",
    "loadEventEnd",
];

#[dom_struct]
pub struct PerformanceMark {
    entry: PerformanceEntry,
    /// <https://w3c.github.io/user-timing/#dom-performancemark-detail>
    detail: Box<Heap<JSVal>>,
}

#[dom_struct]
pub struct PerformanceMeasure {
    entry: PerformanceEntry,
    /// <https://w3c.github.io/user-timing/#dom-performancemeasure-detail>
    detail: Box<Heap<JSVal>>,
}

/// The entry's detail: null for a null or missing detail, else StructuredDeserialize of
/// StructuredSerialize of it in the current realm (a DataCloneError for what cannot be cloned).
fn clone_detail(cx: &mut JSContext, detail: HandleValue) -> Fallible<Box<Heap<JSVal>>> {
    let heap = Box::new(Heap::default());
    if detail.get().is_null_or_undefined() {
        heap.set(NullValue());
        return Ok(heap);
    }
    rooted!(&in(cx) let mut copy = NullValue());
    structured_clone(cx, detail, copy.handle_mut())?;
    heap.set(copy.get());
    Ok(heap)
}

/// Converts `value` to a dictionary whose spec form also has an `any detail` member
/// (<https://webidl.spec.whatwg.org/#es-dictionary>): undefined and null are the defaults,
/// another non-object is a TypeError; `detail` (first in member order) goes to `detail`.
fn convert_with_detail<D: FromJSVal<Config = ()>>(
    cx: &mut JSContext,
    value: HandleValue,
    what: &str,
    mut detail: MutableHandleValue,
) -> Fallible<D> {
    detail.set(mozjs::jsval::UndefinedValue());
    if !value.get().is_null_or_undefined() {
        if !value.get().is_object() {
            return Err(Error::Type(format!("The provided value is not of type '{what}'.")));
        }
        rooted!(&in(cx) let object = value.get().to_object());
        get_property(cx, object.handle(), c"detail", detail.reborrow()).map_err(|_| Error::JSFailed)?;
    }
    match D::from_jsval(cx, value, ()) {
        Ok(Ok(dictionary)) => Ok(dictionary),
        Ok(Err(failure)) => Err(Error::Type(failure.describe(what))),
        Err(()) => Err(Error::JSFailed),
    }
}

/// `(DOMString or PerformanceMeasureOptions) startOrMeasureOptions` after conversion.
pub enum StartOrMeasureOptions {
    String(DOMString),
    Options { options: PerformanceMeasureOptions, has_detail: bool },
}

impl PerformanceMark {
    /// The PerformanceMark constructor steps (<https://w3c.github.io/user-timing/#the-performancemark-constructor>).
    fn create(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        mark_name: DOMString,
        options: HandleValue,
    ) -> Fallible<DomRoot<PerformanceMark>> {
        rooted!(&in(cx) let mut detail = NullValue());
        let options: PerformanceMarkOptions =
            convert_with_detail(cx, options, "PerformanceMarkOptions", detail.handle_mut())?;
        // 1. If the current global object is a Window object and markName uses the same name as
        //    a read only attribute in the PerformanceTiming interface, throw a SyntaxError.
        if !global.is_worker() && PERFORMANCE_TIMING_ATTRIBUTES.contains(&&*mark_name) {
            return Err(Error::Syntax(format!("'{mark_name}' is part of the PerformanceTiming interface")));
        }
        // 4. If markOptions's startTime is present: 1. If markOptions's startTime is negative,
        //    throw a TypeError. 2. Otherwise, set entry's startTime to markOptions's startTime.
        //    Otherwise, set it to the value that would be returned by the Performance object's
        //    now() method.
        let start_time = match options.start_time {
            Some(t) if *t < 0.0 => return Err(Error::Type("startTime cannot be negative".into())),
            Some(t) => *t,
            None => global.performance_now(),
        };
        // 6–7. The detail: null, or a structured clone of markOptions's detail.
        let detail = clone_detail(cx, detail.handle())?;
        // 2–3, 5. name, entryType "mark", duration 0.
        let mark = PerformanceMark {
            entry: PerformanceEntry::new_inherited(mark_name.to_string(), "mark", start_time, 0.0),
            detail,
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(mark), global, proto))
    }
}

impl PerformanceMarkMethods for PerformanceMark {
    /// <https://w3c.github.io/user-timing/#dom-performancemark-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        mark_name: DOMString,
        options: HandleValue,
    ) -> Fallible<DomRoot<PerformanceMark>> {
        PerformanceMark::create(cx, global, proto, mark_name, options)
    }

    /// <https://w3c.github.io/user-timing/#dom-performancemark-detail>
    fn Detail(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.detail.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

impl PerformanceMeasureMethods for PerformanceMeasure {
    /// <https://w3c.github.io/user-timing/#dom-performancemeasure-detail>
    fn Detail(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.detail.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}

/// <https://w3c.github.io/user-timing/#dom-performance-mark>
pub fn mark(
    cx: &mut JSContext,
    performance: &Performance,
    global: &Window,
    mark_name: DOMString,
    options: HandleValue,
) -> Fallible<DomRoot<PerformanceMark>> {
    // 1. Run the PerformanceMark constructor and let entry be the newly created object.
    let entry = PerformanceMark::create(cx, global, None, mark_name, options)?;
    // 2. Queue entry. 3. Add entry to the performance entry buffer.
    performance.queue_entry(entry.upcast::<PerformanceEntry>());
    // 4. Return entry.
    Ok(entry)
}

/// "Convert a mark to a timestamp" (<https://w3c.github.io/user-timing/#convert-a-mark-to-a-timestamp>).
fn mark_to_timestamp(performance: &Performance, global: &Window, mark: &StringOrDouble) -> Fallible<f64> {
    match mark {
        // 1. If mark is a DOMString and it has the same name as a read only attribute in the
        //    PerformanceTiming interface, let end time be the value returned by running the
        //    convert a name to a timestamp algorithm with name set to the value of mark.
        StringOrDouble::String(name) if PERFORMANCE_TIMING_ATTRIBUTES.contains(&&**name) => {
            // "Convert a name to a timestamp": 1. If the global object is not a Window object,
            // throw a TypeError. 2. If name is navigationStart, return 0.
            if global.is_worker() {
                return Err(Error::Type(format!("'{name}' is a navigation timing name, which workers lack")));
            }
            if &**name == "navigationStart" {
                return Ok(0.0);
            }
            // FIXME: Aperture records no navigation timing, so the other attributes read as 0,
            // and "if endTime is 0, throw an InvalidAccessError".
            Err(Error::InvalidAccess(format!("the navigation timing '{name}' is not available")))
        }
        // 2. Otherwise, if mark is a DOMString, let end time be the value of the startTime
        //    attribute from the most recent occurrence of a PerformanceMark object in the
        //    performance entry buffer whose name is mark. If no matching entry is found, throw
        //    a SyntaxError.
        StringOrDouble::String(name) => performance
            .most_recent_mark(name)
            .ok_or_else(|| Error::Syntax(format!("The mark '{name}' does not exist."))),
        // 3. Otherwise, if mark is a DOMHighResTimeStamp: if mark is negative, throw a
        //    TypeError; otherwise, let end time be mark.
        StringOrDouble::Double(t) if **t < 0.0 => Err(Error::Type("a timestamp cannot be negative".into())),
        StringOrDouble::Double(t) => Ok(**t),
    }
}

/// <https://w3c.github.io/user-timing/#dom-performance-measure>
pub fn measure(
    cx: &mut JSContext,
    performance: &Performance,
    global: &Window,
    measure_name: DOMString,
    start_or_options: HandleValue,
    end_mark: Option<DOMString>,
) -> Fallible<DomRoot<PerformanceMeasure>> {
    // The (DOMString or PerformanceMeasureOptions) conversion: undefined, null and objects are
    // the dictionary; anything else is converted to a string.
    rooted!(&in(cx) let mut detail = mozjs::jsval::UndefinedValue());
    let start_or_options = if start_or_options.get().is_null_or_undefined() || start_or_options.get().is_object() {
        let options: PerformanceMeasureOptions =
            convert_with_detail(cx, start_or_options, "PerformanceMeasureOptions", detail.handle_mut())?;
        StartOrMeasureOptions::Options { options, has_detail: !detail.get().is_undefined() }
    } else {
        match DOMString::from_jsval(cx, start_or_options, StringificationBehavior::Default) {
            Ok(Ok(s)) => StartOrMeasureOptions::String(s),
            _ => return Err(Error::JSFailed),
        }
    };
    let (options, has_detail) = match &start_or_options {
        StartOrMeasureOptions::Options { options, has_detail } => (Some(options), *has_detail),
        StartOrMeasureOptions::String(_) => (None, false),
    };
    // 1. If startOrMeasureOptions is a PerformanceMeasureOptions object and at least one of
    //    start, end, duration, and detail exist, run the following checks:
    let non_empty =
        |o: &PerformanceMeasureOptions| o.start.is_some() || o.end.is_some() || o.duration.is_some() || has_detail;
    if let Some(o) = options.filter(|o| non_empty(o)) {
        // 1. If endMark is given, throw a TypeError.
        if end_mark.is_some() {
            return Err(Error::Type("endMark cannot be given with measure options".into()));
        }
        // 2. If startOrMeasureOptions's start and end members are both omitted, throw a TypeError.
        if o.start.is_none() && o.end.is_none() {
            return Err(Error::Type("measure options need a start or an end".into()));
        }
        // 3. If startOrMeasureOptions's start, duration, and end members are all present,
        //    throw a TypeError.
        if o.start.is_some() && o.duration.is_some() && o.end.is_some() {
            return Err(Error::Type("measure options cannot have start, duration and end together".into()));
        }
    }
    let duration = |o: &PerformanceMeasureOptions| o.duration.map(|d| *d);
    // 2. Compute end time as follows:
    let end_time = if let Some(end_mark) = &end_mark {
        // 1. If endMark is given, let end time be the value returned by running the convert a
        //    mark to a timestamp algorithm passing in endMark.
        mark_to_timestamp(performance, global, &StringOrDouble::String(end_mark.clone()))?
    } else if let Some(end) = options.and_then(|o| o.end.as_ref()) {
        // 2. Otherwise, if startOrMeasureOptions is a PerformanceMeasureOptions object, and if
        //    its end member exists, let end time be the value returned by running the convert a
        //    mark to a timestamp algorithm passing in startOrMeasureOptions's end.
        mark_to_timestamp(performance, global, end)?
    } else if let Some((start, d)) = options.and_then(|o| Some((o.start.as_ref()?, duration(o)?))) {
        // 3. Otherwise, if startOrMeasureOptions is a PerformanceMeasureOptions object, and if
        //    its start and duration members both exist: let start be the value returned by
        //    running the convert a mark to a timestamp algorithm passing in start; let duration
        //    be the value returned by running the convert a mark to a timestamp algorithm
        //    passing in duration; let end time be start plus duration.
        let start = mark_to_timestamp(performance, global, start)?;
        let d = mark_to_timestamp(performance, global, &StringOrDouble::Double(Finite::<f64>::wrap(d)))?;
        start + d
    } else {
        // 4. Otherwise, let end time be the value that would be returned by the Performance
        //    object's now() method.
        global.performance_now()
    };
    // 3. Compute start time as follows:
    let start_time = if let Some(start) = options.and_then(|o| o.start.as_ref()) {
        // 1. If startOrMeasureOptions is a PerformanceMeasureOptions object, and if its start
        //    member exists, let start time be the value returned by running the convert a mark
        //    to a timestamp algorithm passing in startOrMeasureOptions's start.
        mark_to_timestamp(performance, global, start)?
    } else if let Some((d, _end)) = options.and_then(|o| Some((duration(o)?, o.end.as_ref()?))) {
        // 2. Otherwise, if startOrMeasureOptions is a PerformanceMeasureOptions object, and if
        //    its duration and end members both exist: let duration be the value returned by
        //    running the convert a mark to a timestamp algorithm passing in duration; let end
        //    be the value returned by running the convert a mark to a timestamp algorithm
        //    passing in end; let start time be end minus duration.
        let d = mark_to_timestamp(performance, global, &StringOrDouble::Double(Finite::<f64>::wrap(d)))?;
        end_time - d
    } else if let StartOrMeasureOptions::String(start) = &start_or_options {
        // 3. Otherwise, if startOrMeasureOptions is a DOMString, let start time be the value
        //    returned by running the convert a mark to a timestamp algorithm passing in
        //    startOrMeasureOptions.
        mark_to_timestamp(performance, global, &StringOrDouble::String(start.clone()))?
    } else {
        // 4. Otherwise, let start time be 0.
        0.0
    };
    // 4–8. A new PerformanceMeasure: name, entryType "measure", startTime, duration (end time
    //    minus start time).
    // 9. If startOrMeasureOptions is a PerformanceMeasureOptions object and its detail member
    //    exists, set entry's detail to a structured clone of it; otherwise null.
    let detail = clone_detail(cx, detail.handle())?;
    let entry = PerformanceMeasure {
        entry: PerformanceEntry::new_inherited(measure_name.to_string(), "measure", start_time, end_time - start_time),
        detail,
    };
    let entry = reflect_dom_object(cx, Box::new(entry), global);
    // 10. Queue entry. 11. Add entry to the performance entry buffer. 12. Return entry.
    performance.queue_entry(entry.upcast::<PerformanceEntry>());
    Ok(entry)
}
