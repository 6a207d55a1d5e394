//! `PerformanceEntry` (<https://w3c.github.io/performance-timeline/#the-performanceentry-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::codegen::PerformanceEntryBinding::PerformanceEntryMethods;
use crate::dom::bindings::conversions::{ToJSVal, new_plain_object, set_dictionary_property};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::str::DOMString;

#[dom_struct]
pub struct PerformanceEntry {
    reflector_: Reflector,
    #[no_trace]
    name: String,
    #[no_trace]
    entry_type: &'static str,
    /// Milliseconds since the time origin.
    #[no_trace]
    start_time: f64,
    #[no_trace]
    duration: f64,
}

impl PerformanceEntry {
    pub fn new_inherited(name: String, entry_type: &'static str, start_time: f64, duration: f64) -> PerformanceEntry {
        PerformanceEntry { reflector_: Reflector::new(), name, entry_type, start_time, duration }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn entry_type(&self) -> &'static str {
        self.entry_type
    }

    pub fn start_time(&self) -> f64 {
        self.start_time
    }
}

impl PerformanceEntryMethods for PerformanceEntry {
    /// <https://w3c.github.io/performance-timeline/#dom-performanceentry-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.clone().into()
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceentry-entrytype>
    fn EntryType(&self, _cx: &mut JSContext) -> DOMString {
        self.entry_type.into()
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceentry-starttime>
    fn StartTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.start_time)
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceentry-duration>
    fn Duration(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.duration)
    }

    /// <https://w3c.github.io/performance-timeline/#dom-performanceentry-tojson>: the default
    /// toJSON steps (the four attributes; the subclasses' `detail` is not included, as in
    /// Chromium).
    fn ToJSON(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        rooted!(&in(cx) let object = new_plain_object(cx));
        rooted!(&in(cx) let mut value = UndefinedValue());
        DOMString::from(self.name.clone()).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"name", value.handle());
        DOMString::from(self.entry_type).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"entryType", value.handle());
        Finite::<f64>::wrap(self.start_time).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"startTime", value.handle());
        Finite::<f64>::wrap(self.duration).to_jsval(cx, value.handle_mut());
        set_dictionary_property(cx, object.handle(), c"duration", value.handle());
        retval.set(ObjectValue(object.get()));
    }
}

/// "Filter buffer by name and type"
/// (<https://w3c.github.io/performance-timeline/#filter-buffer-by-name-and-type>): the entries
/// of `buffer` with that name and type (when given), in chronological order of startTime.
pub fn filter_by_name_and_type<T: std::ops::Deref<Target = PerformanceEntry> + Clone>(
    buffer: &[T],
    name: Option<&str>,
    entry_type: Option<&str>,
) -> Vec<T> {
    let mut result: Vec<T> = buffer
        .iter()
        .filter(|e| name.is_none_or(|n| e.name() == n) && entry_type.is_none_or(|t| e.entry_type() == t))
        .cloned()
        .collect();
    // "Sort results's entries in chronological order with respect to startTime" (stable).
    result.sort_by(|a, b| a.start_time().total_cmp(&b.start_time()));
    result
}
