//! ReadableStreamPipeTo (<https://streams.spec.whatwg.org/#readable-stream-pipe-to>), behind
//! `pipeTo()` and `pipeThrough()`.
//!
//! The loop waits for the writer's ready promise, reads one chunk and writes it, so it never
//! reads while the destination applies backpressure. The four propagation rules watch the
//! reader's and writer's closed promises; "shutdown" first waits for every write already started.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::error::{Error, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::root::Dom;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::abortsignal::AbortSignal;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::heap_value;
use crate::dom::streams::readablestream::{ReadableStream, StreamState};
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};
use crate::dom::streams::writablestream::{WritableState, WritableStream};
use crate::dom::streams::writablestreamdefaultwriter::WritableStreamDefaultWriter;

/// What "shutdown with an action" runs before finalizing.
#[derive(JSTraceable)]
enum Action {
    /// Plain "shutdown".
    None,
    /// ! WritableStreamAbort(dest, error).
    AbortDest,
    /// ! ReadableStreamCancel(source, error).
    CancelSource,
    /// ! WritableStreamDefaultWriterCloseWithErrorPropagation(writer).
    CloseDest,
    /// The signal's abort algorithm: abort dest and/or cancel source, waiting for both.
    AbortBoth { abort_dest: bool, cancel_source: bool },
}

/// The variables ReadableStreamPipeTo's steps share.
#[derive(JSTraceable)]
pub struct PipeState {
    source: Dom<ReadableStream>,
    dest: Dom<WritableStream>,
    reader: Dom<ReadableStreamDefaultReader>,
    writer: Dom<WritableStreamDefaultWriter>,
    prevent_close: bool,
    prevent_abort: bool,
    prevent_cancel: bool,
    shutting_down: Cell<bool>,
    promise: Rc<Promise>,
    /// The promise of the last write started (settled when it is done).
    current_write: RefCell<Rc<Promise>>,
    /// The action and error of the shutdown under way.
    action: RefCell<Option<(Action, Option<Box<Heap<JSVal>>>)>>,
}

/// ReadableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal).
#[allow(clippy::too_many_arguments)]
pub fn readable_stream_pipe_to(
    cx: &mut JSContext,
    source: &ReadableStream,
    dest: &WritableStream,
    prevent_close: bool,
    prevent_abort: bool,
    prevent_cancel: bool,
    signal: Option<&AbortSignal>,
) -> Rc<Promise> {
    let global = source.global();
    // 6. Let reader be ! AcquireReadableStreamDefaultReader(source).
    let reader = ReadableStreamDefaultReader::acquire(cx, &global, source).expect("the caller checked the lock");
    // 7. Let writer be ! AcquireWritableStreamDefaultWriter(dest).
    let writer = WritableStreamDefaultWriter::acquire(cx, &global, dest).expect("the caller checked the lock");
    // 8. Set source.[[disturbed]] to true.
    source.set_disturbed();
    // 9-10. Let shuttingDown be false; let promise be a new promise.
    let promise = Promise::new(cx, &global);
    let state = Rc::new(PipeState {
        source: Dom::from_ref(source),
        dest: Dom::from_ref(dest),
        reader: Dom::from_ref(&*reader),
        writer: Dom::from_ref(&*writer),
        prevent_close,
        prevent_abort,
        prevent_cancel,
        shutting_down: Cell::new(false),
        promise: promise.clone(),
        current_write: RefCell::new(Promise::new_resolved(cx, &global, &())),
        action: RefCell::new(None),
    });
    // 11. If signal is given: its abort algorithm shuts down with the abort and cancel actions
    // the prevent flags allow, and signal.[[abortReason]] as the error.
    if let Some(signal) = signal {
        if signal.is_aborted() {
            // "If signal is aborted, perform abortAlgorithm and return promise."
            rooted!(&in(cx) let reason = signal.reason());
            abort_algorithm(cx, &state, reason.handle());
            return promise;
        }
        // Finalize cannot remove the algorithm: once shutting down, it does nothing.
        let for_signal = state.clone();
        signal.add_abort_algorithm(Box::new(move |cx, reason| abort_algorithm(cx, &for_signal, reason)));
    }
    // 12. The propagation rules.
    // Errors must be propagated forward: source is or becomes errored.
    if source.state() == StreamState::Errored {
        rooted!(&in(cx) let mut error = UndefinedValue());
        source.stored_error(error.handle_mut());
        source_errored(cx, &state, error.handle());
    } else {
        react(cx, reader.closed_promise().promise_obj(), state.clone(), |_, _, _| {}, source_errored);
    }
    // Errors must be propagated backward: dest is or becomes errored.
    if dest.state() == WritableState::Errored {
        rooted!(&in(cx) let mut error = UndefinedValue());
        dest.stored_error(error.handle_mut());
        dest_errored(cx, &state, error.handle());
    } else {
        react(cx, writer.closed_promise().promise_obj(), state.clone(), |_, _, _| {}, dest_errored);
    }
    // Closing must be propagated forward: source is or becomes closed.
    if source.state() == StreamState::Closed {
        source_closed(cx, &state);
    } else {
        react(
            cx,
            reader.closed_promise().promise_obj(),
            state.clone(),
            |cx, state, _| source_closed(cx, state),
            |_, _, _| {},
        );
    }
    // Closing must be propagated backward: dest's close is queued or in flight, or it is closed.
    if dest.close_queued_or_in_flight() || dest.state() == WritableState::Closed {
        rooted!(&in(cx) let mut dest_closed = UndefinedValue());
        error_to_jsval(
            cx,
            &global,
            Error::Type("The destination writable stream closed before all data could be piped to it.".into()),
            dest_closed.handle_mut(),
        );
        let action = if state.prevent_cancel { Action::None } else { Action::CancelSource };
        shutdown(cx, &state, action, Some(dest_closed.handle()));
    }
    pipe_step(cx, &state);
    // 13. Return promise.
    promise
}

fn source_errored(cx: &mut JSContext, state: &Rc<PipeState>, error: HandleValue) {
    // "If preventAbort is false, shutdown with an action of ! WritableStreamAbort(dest,
    // source.[[storedError]]) and with source.[[storedError]]. Otherwise, shutdown with it."
    let action = if state.prevent_abort { Action::None } else { Action::AbortDest };
    shutdown(cx, state, action, Some(error));
}

fn dest_errored(cx: &mut JSContext, state: &Rc<PipeState>, error: HandleValue) {
    // "If preventCancel is false, shutdown with an action of ! ReadableStreamCancel(source,
    // dest.[[storedError]]) and with dest.[[storedError]]. Otherwise, shutdown with it."
    let action = if state.prevent_cancel { Action::None } else { Action::CancelSource };
    shutdown(cx, state, action, Some(error));
}

fn source_closed(cx: &mut JSContext, state: &Rc<PipeState>) {
    // "If preventClose is false, shutdown with an action of
    // ! WritableStreamDefaultWriterCloseWithErrorPropagation(writer). Otherwise, shutdown."
    let action = if state.prevent_close { Action::None } else { Action::CloseDest };
    shutdown(cx, state, action, None);
}

/// The signal's abort algorithm (step 11.1).
fn abort_algorithm(cx: &mut JSContext, state: &Rc<PipeState>, reason: HandleValue) {
    if state.shutting_down.get() {
        return;
    }
    // "Let error be signal's abort reason." The actions: abort dest unless preventAbort, cancel
    // source unless preventCancel; "shutdown with an action consisting of getting a promise to
    // wait for all of the actions in actions, and with error."
    let action = Action::AbortBoth { abort_dest: !state.prevent_abort, cancel_source: !state.prevent_cancel };
    shutdown(cx, state, action, Some(reason));
}

/// One step of the loop: wait for the writer to be ready, then read a chunk and write it.
fn pipe_step(cx: &mut JSContext, state: &Rc<PipeState>) {
    if state.shutting_down.get() {
        return;
    }
    let ready = state.writer.ready_promise();
    react(
        cx,
        ready.promise_obj(),
        state.clone(),
        |cx, state, _| {
            if state.shutting_down.get() {
                return;
            }
            state.reader.read(cx, ReadRequest::Pipe(state.clone()));
        },
        |_, _, _| {},
    );
}

/// The read request's chunk steps: in a microtask (so that `enqueue()` never runs the sink's
/// write algorithm synchronously), write the chunk; then go on. The write is remembered at once
/// (as a promise that follows it), so a shutdown in between still waits for it.
pub fn chunk_steps(cx: &mut JSContext, state: &Rc<PipeState>, chunk: HandleValue) {
    let global = state.source.global();
    let write = Promise::new(cx, &global);
    *state.current_write.borrow_mut() = write.clone();
    let tick = Promise::new_resolved(cx, &global, &());
    react(
        cx,
        tick.promise_obj(),
        (state.clone(), (write, heap_value(chunk.get()))),
        |cx, (state, (placeholder, chunk)), _| {
            // Finalized already (a shutdown without action or wait): nothing to write to.
            if state.writer.stream().is_none() {
                placeholder.resolve_native(cx, &());
                return;
            }
            rooted!(&in(cx) let chunk = chunk.get());
            let write = state.writer.write(cx, chunk.handle());
            write.mark_handled(cx);
            rooted!(&in(cx) let written = mozjs::jsval::ObjectValue(write.promise_obj().get()));
            placeholder.resolve(cx, written.handle());
            placeholder.mark_handled(cx);
            pipe_step(cx, state);
        },
        |_, _, _| {},
    );
}

/// "Shutdown with an action" (or plain "shutdown" for `Action::None`) with an optional error.
fn shutdown(cx: &mut JSContext, state: &Rc<PipeState>, action: Action, error: Option<HandleValue>) {
    // 1-2. If shuttingDown is true, abort these substeps; set it to true.
    if state.shutting_down.replace(true) {
        return;
    }
    *state.action.borrow_mut() = Some((action, error.map(|e| heap_value(e.get()))));
    // 3. If dest.[[state]] is "writable" and its close is not queued or in flight: wait until
    // every chunk that has been read has been written.
    if state.dest.state() == WritableState::Writable && !state.dest.close_queued_or_in_flight() {
        wait_for_writes(cx, state);
    } else {
        after_writes(cx, state);
    }
}

/// Waits for the current write, again while a newer one started meanwhile.
fn wait_for_writes(cx: &mut JSContext, state: &Rc<PipeState>) {
    let current = state.current_write.borrow().clone();
    let settled = |cx: &mut JSContext, (state, waited): &(Rc<PipeState>, Rc<Promise>), _: HandleValue| {
        if Rc::ptr_eq(&state.current_write.borrow(), waited) {
            after_writes(cx, state);
        } else {
            wait_for_writes(cx, state);
        }
    };
    react(cx, current.promise_obj(), (state.clone(), current.clone()), settled, settled);
}

/// 4-5. "Let p be the result of performing action. Upon fulfillment of p, finalize, passing
/// along originalError if it was given. Upon rejection of p with reason newError, finalize
/// with newError."
fn after_writes(cx: &mut JSContext, state: &Rc<PipeState>) {
    let (action, error) = state.action.borrow_mut().take().expect("a shutdown is under way");
    rooted!(&in(cx) let error_value = error.as_ref().map_or(UndefinedValue(), |e| e.get()));
    let global = state.source.global();
    let promise = match action {
        Action::None => {
            finalize(cx, state, error.is_some().then(|| error_value.handle()));
            return;
        }
        Action::AbortDest => state.dest.abort(cx, error_value.handle()),
        Action::CancelSource => state.source.cancel(cx, error_value.handle()),
        Action::CloseDest => state.writer.close_with_error_propagation(cx),
        Action::AbortBoth { abort_dest, cancel_source } => {
            let mut actions = Vec::new();
            if abort_dest {
                actions.push(if state.dest.state() == WritableState::Writable {
                    state.dest.abort(cx, error_value.handle())
                } else {
                    Promise::new_resolved(cx, &global, &())
                });
            }
            if cancel_source {
                actions.push(if state.source.state() == StreamState::Readable {
                    state.source.cancel(cx, error_value.handle())
                } else {
                    Promise::new_resolved(cx, &global, &())
                });
            }
            wait_for_all(cx, &global, actions)
        }
    };
    react(
        cx,
        promise.promise_obj(),
        (state.clone(), error),
        |cx, (state, error), _| {
            rooted!(&in(cx) let value = error.as_ref().map_or(UndefinedValue(), |e| e.get()));
            finalize(cx, state, error.is_some().then(|| value.handle()));
        },
        |cx, (state, _), new_error| finalize(cx, state, Some(new_error)),
    );
}

/// <https://webidl.spec.whatwg.org/#wait-for-all>, settling a promise: fulfilled when every
/// promise is, rejected with the first rejection.
fn wait_for_all(
    cx: &mut JSContext,
    global: &crate::dom::html::window::Window,
    promises: Vec<Rc<Promise>>,
) -> Rc<Promise> {
    let all = Promise::new(cx, global);
    if promises.is_empty() {
        all.resolve_native(cx, &());
        return all;
    }
    let remaining = Rc::new(Cell::new(promises.len()));
    for promise in promises {
        react(
            cx,
            promise.promise_obj(),
            (all.clone(), remaining.clone()),
            |cx, (all, remaining), _| {
                remaining.set(remaining.get() - 1);
                if remaining.get() == 0 {
                    all.resolve_native(cx, &());
                }
            },
            |cx, (all, _), reason| all.reject(cx, reason),
        );
    }
    all
}

/// "Finalize": release the writer and the reader, then settle the pipe's promise.
fn finalize(cx: &mut JSContext, state: &Rc<PipeState>, error: Option<HandleValue>) {
    // 1. Perform ! WritableStreamDefaultWriterRelease(writer).
    state.writer.release(cx);
    // 2-3. Perform ! ReadableStreamDefaultReaderRelease(reader).
    state.reader.release(cx);
    // 4. (The signal's abort algorithm stays, and does nothing once shutting down.)
    // 5-6. Reject promise with error if given; otherwise resolve it with undefined.
    match error {
        Some(error) => state.promise.reject(cx, error),
        None => state.promise.resolve_native(cx, &()),
    }
}
