//! Live ranges (<https://dom.spec.whatwg.org/#concept-live-range>): the `Range` objects of this
//! script thread, held weakly, and the steps the tree mutation algorithms run on them.
//!
//! A page may create a range for every text node and drop it at once (html2canvas, editors), so
//! the list must not keep ranges alive. It holds each range's reflector as a weak pointer that
//! SpiderMonkey updates after every collection (`JS_UpdateWeakPointerAfterGCUnbarriered`, from
//! a weak-pointer callback that runs after marking and before any object is finalized): a
//! range that was not marked leaves the list before its Rust struct is freed, one that moved
//! gets its new address. Between collections every entry is a live object.

use std::cell::RefCell;

use mozjs::jsapi::{JS_AddWeakPointerZonesCallback, JS_UpdateWeakPointerAfterGCUnbarriered, JSObject, JSTracer};

use crate::dom::bindings::reflector::{DomObject, same_object};
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::node::Node;
use crate::dom::ranges::range::Range;

/// One live range: its reflector (the weak pointer) and its struct.
struct Entry {
    object: *mut JSObject,
    range: *const Range,
}

thread_local! {
    /// The live ranges of this script thread, in creation order.
    static LIVE_RANGES: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// Registers the weak-pointer callback on this thread's runtime (once, when it is created).
///
/// # Safety
/// `cx` must be this thread's live context.
pub unsafe fn install(cx: *mut mozjs::jsapi::JSContext) {
    // SAFETY: `cx` is this thread's live context; the callback is a plain function that only
    // touches this thread's list.
    unsafe {
        JS_AddWeakPointerZonesCallback(cx, Some(update_after_gc), std::ptr::null_mut());
    }
}

/// After marking: drop the ranges that were not marked, update the moved ones.
unsafe extern "C" fn update_after_gc(trc: *mut JSTracer, _data: *mut std::ffi::c_void) {
    // No borrow of the list spans an allocation of a GC thing (`register` and `snapshot` only
    // copy pointers), so a collection never finds it borrowed; skipping the update would leave
    // entries of finalized ranges behind.
    let _ = LIVE_RANGES.try_with(|list| {
        list.borrow_mut().retain_mut(|entry| {
            // SAFETY: called by the collector with its tracer, on a pointer to a reflector. It
            // returns whether the object survived (and updates the pointer if it moved); it
            // does not clear the pointer of a dead one.
            let alive = unsafe { JS_UpdateWeakPointerAfterGCUnbarriered(trc, &mut entry.object) };
            alive && !entry.object.is_null()
        });
    });
}

/// Adds a newly reflected range to the list.
pub fn register(range: &Range) {
    let entry = Entry { object: range.reflector().get_raw(), range: range as *const Range };
    LIVE_RANGES.with(|list| list.borrow_mut().push(entry));
}

/// The live ranges, rooted, for one mutation step.
fn snapshot() -> Vec<DomRoot<Range>> {
    LIVE_RANGES.with(|list| {
        let list = list.borrow();
        // SAFETY: an entry is removed by the collector before its object can be finalized, so
        // every struct pointer in the list is a live range.
        list.iter().map(|entry| DomRoot::from_ref(unsafe { &*entry.range })).collect()
    })
}

/// Whether any live range exists (the common case of none costs one check per mutation).
fn any() -> bool {
    LIVE_RANGES.with(|list| !list.borrow().is_empty())
}

fn is(a: &Node, b: &Node) -> bool {
    same_object(a, b)
}

/// <https://dom.spec.whatwg.org/#concept-cd-replace>, steps 8–11, after node's data changed.
pub fn replace_data(node: &Node, offset: u32, count: u32, data_len: u32) {
    if !any() {
        return;
    }
    for range in snapshot() {
        let r = range.abstract_range();
        let mut changed = false;
        // 8. "For each live range whose start node is node and start offset is greater than
        //    offset but less than or equal to offset plus count, set its start offset to offset."
        // 10. "For each live range whose start node is node and start offset is greater than
        //     offset plus count, increase its start offset by data's length and decrease it by
        //     count."
        if is(&r.start_node(), node) {
            let start = r.start_offset();
            if start > offset && start <= offset + count {
                r.set_start_offset(offset);
                changed = true;
            } else if start > offset + count {
                r.set_start_offset(start + data_len - count);
                changed = true;
            }
        }
        // 9, 11. The same for the end.
        if is(&r.end_node(), node) {
            let end = r.end_offset();
            if end > offset && end <= offset + count {
                r.set_end_offset(offset);
                changed = true;
            } else if end > offset + count {
                r.set_end_offset(end + data_len - count);
                changed = true;
            }
        }
        if changed {
            range.boundaries_mutated();
        }
    }
}

/// <https://dom.spec.whatwg.org/#concept-text-split>, steps 7.2–7.5, after `new_node` was
/// inserted into `parent` after `node` (whose index is `node_index`).
pub fn split_text(node: &Node, new_node: &Node, offset: u32, parent: &Node, node_index: u32) {
    if !any() {
        return;
    }
    for range in snapshot() {
        let r = range.abstract_range();
        let mut changed = false;
        // 2. "For each live range whose start node is node and start offset is greater than
        //    offset, set its start node to new node and decrease its start offset by offset."
        if is(&r.start_node(), node) && r.start_offset() > offset {
            r.set_start(new_node, r.start_offset() - offset);
            changed = true;
        }
        // 3. The same for the end.
        if is(&r.end_node(), node) && r.end_offset() > offset {
            r.set_end(new_node, r.end_offset() - offset);
            changed = true;
        }
        // 4. "For each live range whose start node is parent and start offset is equal to the
        //    index of node plus 1, increase its start offset by 1."
        if is(&r.start_node(), parent) && r.start_offset() == node_index + 1 {
            r.set_start_offset(r.start_offset() + 1);
            changed = true;
        }
        // 5. "For each live range whose end node is parent and end offset is equal to the index
        //    of node plus 1, increase its end offset by 1."
        if is(&r.end_node(), parent) && r.end_offset() == node_index + 1 {
            r.set_end_offset(r.end_offset() + 1);
            changed = true;
        }
        if changed {
            range.boundaries_mutated();
        }
    }
}

/// <https://dom.spec.whatwg.org/#concept-node-insert>, step 5, before `count` nodes are
/// inserted into `parent` before the child at `child_index`.
pub fn insert(parent: &Node, child_index: u32, count: u32) {
    if !any() {
        return;
    }
    for range in snapshot() {
        let r = range.abstract_range();
        let mut changed = false;
        // 5.1. "For each live range whose start node is parent and start offset is greater than
        //      child's index, increase its start offset by count."
        if is(&r.start_node(), parent) && r.start_offset() > child_index {
            r.set_start_offset(r.start_offset() + count);
            changed = true;
        }
        // 5.2. "For each live range whose end node is parent and end offset is greater than
        //      child's index, increase its end offset by count."
        if is(&r.end_node(), parent) && r.end_offset() > child_index {
            r.set_end_offset(r.end_offset() + count);
            changed = true;
        }
        if changed {
            range.boundaries_mutated();
        }
    }
}

/// <https://dom.spec.whatwg.org/#concept-node-remove>, steps 4–7, before `node` (at `index` in
/// `parent`) is removed.
pub fn remove(node: &Node, parent: &Node, index: u32) {
    if !any() {
        return;
    }
    for range in snapshot() {
        let r = range.abstract_range();
        let mut changed = false;
        // 4. "For each live range whose start node is an inclusive descendant of node, set its
        //    start to (parent, index)."
        if node.is_inclusive_ancestor_of(&r.start_node()) {
            r.set_start(parent, index);
            changed = true;
        }
        // 5. The same for the end.
        if node.is_inclusive_ancestor_of(&r.end_node()) {
            r.set_end(parent, index);
            changed = true;
        }
        // 6. "For each live range whose start node is parent and start offset is greater than
        //    index, decrease its start offset by 1."
        if is(&r.start_node(), parent) && r.start_offset() > index {
            r.set_start_offset(r.start_offset() - 1);
            changed = true;
        }
        // 7. The same for the end.
        if is(&r.end_node(), parent) && r.end_offset() > index {
            r.set_end_offset(r.end_offset() - 1);
            changed = true;
        }
        if changed {
            range.boundaries_mutated();
        }
    }
}

/// <https://dom.spec.whatwg.org/#dom-node-normalize>, steps 6.1–6.4, for `current` (at
/// `current_index` in `parent`), the next contiguous Text node merged into `node`, whose
/// length before it was `length`.
pub fn normalize(node: &Node, current: &Node, parent: &Node, current_index: u32, length: u32) {
    if !any() {
        return;
    }
    for range in snapshot() {
        let r = range.abstract_range();
        let mut changed = false;
        // 1. "For each live range whose start node is currentNode, add length to its start
        //    offset and set its start node to node."
        if is(&r.start_node(), current) {
            r.set_start(node, r.start_offset() + length);
            changed = true;
        }
        // 2. The same for the end.
        if is(&r.end_node(), current) {
            r.set_end(node, r.end_offset() + length);
            changed = true;
        }
        // 3. "For each live range whose start node is currentNode's parent and start offset is
        //    currentNode's index, set its start node to node and its start offset to length."
        if is(&r.start_node(), parent) && r.start_offset() == current_index {
            r.set_start(node, length);
            changed = true;
        }
        // 4. The same for the end.
        if is(&r.end_node(), parent) && r.end_offset() == current_index {
            r.set_end(node, length);
            changed = true;
        }
        if changed {
            range.boundaries_mutated();
        }
    }
}
