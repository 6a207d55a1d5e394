//! `TimeRanges` (<https://html.spec.whatwg.org/multipage/media.html#time-ranges>): a media
//! element's buffered, seekable and played ranges, as a snapshot.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::TimeRangesBinding::TimeRangesMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct TimeRanges {
    reflector_: Reflector,
    /// Disjoint, in ascending order, each start ≤ end (normalized by [`normalize`]).
    #[no_trace]
    ranges: Vec<(f64, f64)>,
}

/// "Normalized TimeRanges objects": sorted, overlapping or touching ranges merged, empty ones
/// dropped.
pub fn normalize(mut ranges: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    ranges.retain(|(s, e)| s.is_finite() && e >= s);
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

impl TimeRanges {
    pub fn new(cx: &mut JSContext, window: &Window, ranges: Vec<(f64, f64)>) -> DomRoot<TimeRanges> {
        let ranges = normalize(ranges);
        reflect_dom_object(cx, Box::new(TimeRanges { reflector_: Reflector::new(), ranges }), window)
    }

    fn range(&self, index: u32) -> Fallible<(f64, f64)> {
        // "If index is greater than or equal to the number of ranges, throw an IndexSizeError."
        self.ranges.get(index as usize).copied().ok_or_else(|| {
            Error::IndexSize(format!(
                "The index provided ({index}) is greater than the maximum bound ({}).",
                self.ranges.len()
            ))
        })
    }
}

impl TimeRangesMethods for TimeRanges {
    /// <https://html.spec.whatwg.org/multipage/media.html#dom-timeranges-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.ranges.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-timeranges-start>
    fn Start(&self, _cx: &mut JSContext, index: u32) -> Fallible<Finite<f64>> {
        self.range(index).map(|r| Finite::<f64>::wrap(r.0))
    }

    /// <https://html.spec.whatwg.org/multipage/media.html#dom-timeranges-end>
    fn End(&self, _cx: &mut JSContext, index: u32) -> Fallible<Finite<f64>> {
        // (An end of +Infinity would not be finite: ranges here end at known times.)
        self.range(index).map(|r| Finite::<f64>::wrap(r.1))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn ranges_are_normalized() {
        assert_eq!(normalize(vec![(2.0, 3.0), (0.0, 1.0), (0.5, 2.0), (5.0, 4.0)]), vec![(0.0, 3.0)]);
        assert_eq!(normalize(vec![(1.0, 1.0), (3.0, 4.0)]), vec![(1.0, 1.0), (3.0, 4.0)]);
    }
}
