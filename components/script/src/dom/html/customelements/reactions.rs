//! The custom element reactions stack and the backup element queue
//! (<https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-reactions-stack>).
//!
//! Both belong to the similar-origin window agent, which is this script thread (every window
//! and iframe of a page runs here), so they live beside the mutation observer's agent state.
//! `[CEReactions]` members push an element queue before their steps and pop and invoke it after
//! them (the bindings generator emits the two calls); reactions enqueued with no queue on the
//! stack go to the backup element queue, processed in a microtask.

use std::cell::{Cell, RefCell};

use mozjs::context::JSContext;

use crate::dom::bindings::error::Error;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::element::Element;
use crate::script_runtime::{Microtask, enqueue_microtask};

thread_local! {
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#custom-element-reactions-stack>:
    /// a stack of element queues.
    static STACK: RefCell<Vec<Vec<Trusted<Element>>>> = const { RefCell::new(Vec::new()) };
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#backup-element-queue>
    static BACKUP: RefCell<Vec<Trusted<Element>>> = const { RefCell::new(Vec::new()) };
    /// <https://html.spec.whatwg.org/multipage/custom-elements.html#processing-the-backup-element-queue>
    static PROCESSING_BACKUP: Cell<bool> = const { Cell::new(false) };
}

/// Drops the element queues (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&STACK) + crate::script_thread::drain(&BACKUP)
}

/// "Push a new element queue onto this object's relevant agent's custom element reactions stack."
pub fn push_element_queue() {
    STACK.with(|s| s.borrow_mut().push(Vec::new()));
}

/// "Pop the element queue from the custom element reactions stack, and invoke custom element
/// reactions in that queue."
pub fn pop_element_queue(cx: &mut JSContext) {
    let queue = STACK.with(|s| s.borrow_mut().pop()).unwrap_or_default();
    invoke_reactions(cx, queue);
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#enqueue-an-element-on-the-appropriate-element-queue>
pub fn enqueue_element(cx: &mut JSContext, element: &Element) {
    let trusted = Trusted::new(element);
    // 2. "If reactionsStack is empty, then:"
    let on_stack = STACK.with(|s| match s.borrow_mut().last_mut() {
        // 3. "Otherwise, add element to element's relevant agent's current element queue."
        Some(queue) => {
            queue.push(Trusted::new(element));
            true
        }
        None => false,
    });
    if on_stack {
        return;
    }
    // 2.1. "Add element to element's relevant agent's backup element queue."
    BACKUP.with(|b| b.borrow_mut().push(trusted));
    // 2.2. "If element's relevant agent's processing the backup element queue flag is set,
    //    then return." 2.3. "Set [it]." 2.4. "Queue a microtask to perform the following
    //    steps: invoke custom element reactions in the backup element queue; unset the flag."
    if PROCESSING_BACKUP.with(|p| p.replace(true)) {
        return;
    }
    enqueue_microtask(cx, Box::new(ProcessBackupQueue));
}

struct ProcessBackupQueue;

// SAFETY: `trace` below reaches every GC thing a `ProcessBackupQueue` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for ProcessBackupQueue {
    unsafe fn trace(&self, _trc: *mut mozjs::jsapi::JSTracer) {}
}

impl Microtask for ProcessBackupQueue {
    fn run(&self, cx: &mut JSContext) {
        // 1. "Invoke custom element reactions in element's relevant agent's backup element queue."
        let queue = BACKUP.with(|b| std::mem::take(&mut *b.borrow_mut()));
        invoke_reactions(cx, queue);
        // Reactions enqueued while that ran were added to the queue: run them too.
        loop {
            let more = BACKUP.with(|b| std::mem::take(&mut *b.borrow_mut()));
            if more.is_empty() {
                break;
            }
            invoke_reactions(cx, more);
        }
        // 2. "Unset element's relevant agent's processing the backup element queue flag."
        PROCESSING_BACKUP.with(|p| p.set(false));
    }
}

/// <https://html.spec.whatwg.org/multipage/custom-elements.html#invoke-custom-element-reactions>
fn invoke_reactions(cx: &mut JSContext, queue: Vec<Trusted<Element>>) {
    // 1. "While queue is not empty: let element be the result of dequeuing from queue; let
    //    reactions be element's custom element reaction queue; repeat until reactions is empty:
    //    remove the first element of reactions, and let reaction be that element."
    for element in queue.iter().filter_map(|t| t.root()) {
        while let Some(reaction) = element.take_first_custom_element_reaction() {
            super::run_reaction(cx, &element, reaction);
        }
    }
}

/// Reports an exception an upgrade threw (<https://html.spec.whatwg.org/multipage/webappapis.html#report-an-exception>).
/// It runs in `window`'s realm: the parser creates elements, and runs their constructors, with
/// no realm entered, and the exception is reported to (and fires `error` at) that global.
pub(crate) fn report_error(cx: &mut JSContext, window: &crate::dom::html::window::Window, error: Error) {
    crate::script_runtime::in_realm(cx, window, |cx| {
        if !matches!(error, Error::JSFailed) {
            crate::dom::bindings::error::throw_dom_exception(cx, window, error);
        }
        crate::script_runtime::report_pending_exception(cx);
    });
}
