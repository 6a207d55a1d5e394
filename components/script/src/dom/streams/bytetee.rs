//! ReadableByteStreamTee (<https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamtee>):
//! the state the two branches share, and their algorithms. The branches are byte streams; each
//! pull reads from the original with a default reader, or with a BYOB reader into the branch's
//! own BYOB request view when it has one.

use std::cell::Cell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::HandleValue;

use crate::dom::bindings::error::{ErrorResult, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{SourceAlgorithms, heap_value};
use crate::dom::streams::buffers;
use crate::dom::streams::readablebytestreamcontroller::ReadableByteStreamController;
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreambyobreader::{ReadIntoRequest, ReadableStreamBYOBReader};
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};

/// The variables the algorithm's closures share.
#[derive(JSTraceable)]
pub struct ByteTeeState {
    stream: Dom<ReadableStream>,
    /// reader: a default reader or a BYOB reader (exactly one is set).
    default_reader: MutNullableDom<ReadableStreamDefaultReader>,
    byob_reader: MutNullableDom<ReadableStreamBYOBReader>,
    /// Counts reader changes, so that forwardReaderError's "If thisReader is not reader" can
    /// tell an old reader's rejection apart.
    reader_generation: Cell<u32>,
    reading: Cell<bool>,
    read_again_for_branch1: Cell<bool>,
    read_again_for_branch2: Cell<bool>,
    canceled1: Cell<bool>,
    canceled2: Cell<bool>,
    reason1: Box<Heap<JSVal>>,
    reason2: Box<Heap<JSVal>>,
    branch1: MutNullableDom<ReadableStream>,
    branch2: MutNullableDom<ReadableStream>,
    cancel_promise: Rc<Promise>,
}

impl ByteTeeState {
    fn branch(&self, for_branch2: bool) -> DomRoot<ReadableStream> {
        let branch = if for_branch2 { &self.branch2 } else { &self.branch1 };
        branch.get().expect("both branches exist once tee() returns")
    }

    fn controller(&self, for_branch2: bool) -> DomRoot<ReadableByteStreamController> {
        self.branch(for_branch2).byte_controller().expect("a byte tee's branches are byte streams")
    }

    fn canceled(&self, for_branch2: bool) -> bool {
        if for_branch2 { self.canceled2.get() } else { self.canceled1.get() }
    }
}

/// The result of a "!" operation whose failure the algorithm does not expect: a pending
/// exception is cleared rather than left to surface in unrelated script.
fn settle(cx: &mut JSContext, result: ErrorResult) {
    if result.is_err() {
        crate::dom::bindings::error::clear_pending_exception(cx);
    }
}

/// ReadableByteStreamTee(stream).
pub fn readable_byte_stream_tee(
    cx: &mut JSContext,
    stream: &ReadableStream,
) -> Fallible<(DomRoot<ReadableStream>, DomRoot<ReadableStream>)> {
    let global = stream.global();
    // 3. Let reader be ? AcquireReadableStreamDefaultReader(stream).
    let reader = ReadableStreamDefaultReader::acquire(cx, &global, stream)?;
    // 4-13. reading, readAgainForBranch1/2, canceled1/2 false; reason1/2, branch1/2
    // undefined; cancelPromise a new promise.
    let state = Rc::new(ByteTeeState {
        stream: Dom::from_ref(stream),
        default_reader: MutNullableDom::new(Some(&reader)),
        byob_reader: Default::default(),
        reader_generation: Cell::new(0),
        reading: Cell::new(false),
        read_again_for_branch1: Cell::new(false),
        read_again_for_branch2: Cell::new(false),
        canceled1: Cell::new(false),
        canceled2: Cell::new(false),
        reason1: heap_value(UndefinedValue()),
        reason2: heap_value(UndefinedValue()),
        branch1: Default::default(),
        branch2: Default::default(),
        cancel_promise: Promise::new(cx, &global),
    });
    // 23-24. Set branch1 and branch2 to ! CreateReadableByteStream(startAlgorithm,
    // pullNAlgorithm, cancelNAlgorithm).
    let branch1 = ReadableStream::create_byte_stream(
        cx,
        &global,
        RootedTraceableBox::new(SourceAlgorithms::ByteTee { state: state.clone(), branch: 1 }),
    );
    let branch2 = ReadableStream::create_byte_stream(
        cx,
        &global,
        RootedTraceableBox::new(SourceAlgorithms::ByteTee { state: state.clone(), branch: 2 }),
    );
    state.branch1.set(Some(&branch1));
    state.branch2.set(Some(&branch2));
    // 25. Perform forwardReaderError, given reader.
    forward_reader_error(cx, &state, reader.closed_promise());
    // 26. Return « branch1, branch2 ».
    Ok((branch1, branch2))
}

/// forwardReaderError, given the current reader's closed promise.
fn forward_reader_error(cx: &mut JSContext, state: &Rc<ByteTeeState>, closed: Rc<Promise>) {
    let generation = state.reader_generation.get();
    // 1. Upon rejection of thisReader.[[closedPromise]] with reason r:
    react(
        cx,
        closed.promise_obj(),
        (state.clone(), generation),
        |_, _, _| {},
        |cx, (state, generation), r| {
            // 1.1. If thisReader is not reader, return.
            if state.reader_generation.get() != *generation {
                return;
            }
            // 1.2-3. Error both branches' controllers with r.
            state.controller(false).error(cx, r);
            state.controller(true).error(cx, r);
            // 1.4. If canceled1 is false or canceled2 is false, resolve cancelPromise with undefined.
            if !state.canceled1.get() || !state.canceled2.get() {
                state.cancel_promise.resolve_native(cx, &());
            }
        },
    );
}

/// pullWithDefaultReader.
fn pull_with_default_reader(cx: &mut JSContext, state: &Rc<ByteTeeState>) {
    let global = state.stream.global();
    // 1. If reader implements ReadableStreamBYOBReader:
    if let Some(byob) = state.byob_reader.get() {
        // 1.2. Perform ! ReadableStreamBYOBReaderRelease(reader).
        byob.release(cx);
        state.byob_reader.set(None);
        // 1.3. Set reader to ! AcquireReadableStreamDefaultReader(stream).
        let Ok(reader) = ReadableStreamDefaultReader::acquire(cx, &global, &state.stream) else { return };
        state.default_reader.set(Some(&reader));
        state.reader_generation.set(state.reader_generation.get() + 1);
        // 1.4. Perform forwardReaderError, given reader.
        forward_reader_error(cx, state, reader.closed_promise());
    }
    // 3. Perform ! ReadableStreamDefaultReaderRead(reader, readRequest).
    if let Some(reader) = state.default_reader.get() {
        reader.read(cx, ReadRequest::ByteTee(state.clone()));
    }
}

/// pullWithBYOBReader, given view and forBranch2.
fn pull_with_byob_reader(cx: &mut JSContext, state: &Rc<ByteTeeState>, view: HandleValue, for_branch2: bool) {
    let global = state.stream.global();
    // 1. If reader implements ReadableStreamDefaultReader:
    if let Some(reader) = state.default_reader.get() {
        // 1.2. Perform ! ReadableStreamDefaultReaderRelease(reader).
        reader.release(cx);
        state.default_reader.set(None);
        // 1.3. Set reader to ! AcquireReadableStreamBYOBReader(stream).
        let Ok(byob) = ReadableStreamBYOBReader::acquire(cx, &global, &state.stream) else { return };
        state.byob_reader.set(Some(&byob));
        state.reader_generation.set(state.reader_generation.get() + 1);
        // 1.4. Perform forwardReaderError, given reader.
        forward_reader_error(cx, state, byob.closed_promise());
    }
    // 6. Perform ! ReadableStreamBYOBReaderRead(reader, view, 1, readIntoRequest).
    let Some(view) = buffers::as_view(view) else { return };
    if let Some(reader) = state.byob_reader.get() {
        reader.read(cx, view, 1, ReadIntoRequest::Tee(state.clone(), for_branch2));
    }
}

/// Runs `steps` in a microtask ("Queue a microtask to perform the following steps"): a
/// reaction to a resolved promise is exactly one microtask.
fn queue_microtask(
    cx: &mut JSContext,
    state: &Rc<ByteTeeState>,
    chunk: HandleValue,
    for_branch2: bool,
    steps: fn(&mut JSContext, &Rc<ByteTeeState>, HandleValue, bool),
) {
    let global = state.stream.global();
    let tick = Promise::new_resolved(cx, &global, &());
    #[derive(JSTraceable)]
    struct Data {
        state: Rc<ByteTeeState>,
        chunk: Box<Heap<JSVal>>,
        for_branch2: bool,
        #[no_trace]
        steps: fn(&mut JSContext, &Rc<ByteTeeState>, HandleValue, bool),
    }
    react(
        cx,
        tick.promise_obj(),
        Data { state: state.clone(), chunk: heap_value(chunk.get()), for_branch2, steps },
        |cx, data, _| {
            rooted!(&in(cx) let chunk = data.chunk.get());
            (data.steps)(cx, &data.state, chunk.handle(), data.for_branch2)
        },
        |_, _, _| {},
    );
}

/// Clones `chunk` (CloneAsUint8Array); on failure, errors both branches, resolves
/// cancelPromise with the original's cancellation, and returns `None`.
fn clone_or_cancel(cx: &mut JSContext, state: &Rc<ByteTeeState>, chunk: HandleValue) -> Option<Box<Heap<JSVal>>> {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, state.stream.reflector().get_raw());
    rooted!(&in(cx) let mut clone = UndefinedValue());
    let result = match buffers::as_view(chunk) {
        Some(view) => buffers::clone_as_uint8_array(cx, view, clone.handle_mut()),
        None => Err(crate::dom::bindings::error::Error::Type("The chunk is not a view.".into())),
    };
    match result {
        Ok(()) => Some(heap_value(clone.get())),
        Err(error) => {
            // "Perform ! ReadableByteStreamControllerError(branch1.[[controller]],
            // cloneResult.[[Value]]) (and branch2's). Resolve cancelPromise with !
            // ReadableStreamCancel(stream, cloneResult.[[Value]]). Return."
            rooted!(&in(cx) let mut e = UndefinedValue());
            error_to_jsval(cx, &state.stream.global(), error, e.handle_mut());
            state.controller(false).error(cx, e.handle());
            state.controller(true).error(cx, e.handle());
            let cancel = state.stream.cancel(cx, e.handle());
            rooted!(&in(cx) let cancel = ObjectValue(cancel.promise_obj().get()));
            state.cancel_promise.resolve(cx, cancel.handle());
            None
        }
    }
}

/// The end of a chunk's steps: "Set reading to false. If readAgainForBranch1 is true, perform
/// pull1Algorithm. Otherwise, if readAgainForBranch2 is true, perform pull2Algorithm."
fn read_done(cx: &mut JSContext, state: &Rc<ByteTeeState>) {
    state.reading.set(false);
    if state.read_again_for_branch1.get() {
        let _ = pull(cx, state, 1);
    } else if state.read_again_for_branch2.get() {
        let _ = pull(cx, state, 2);
    }
}

/// readRequest's chunk steps (pullWithDefaultReader).
pub fn default_chunk_steps(cx: &mut JSContext, state: &Rc<ByteTeeState>, chunk: HandleValue) {
    queue_microtask(cx, state, chunk, false, |cx, state, chunk, _| {
        // 1-2. Set readAgainForBranch1 and readAgainForBranch2 to false.
        state.read_again_for_branch1.set(false);
        state.read_again_for_branch2.set(false);
        // 3. Let chunk1 and chunk2 be chunk.
        rooted!(&in(cx) let mut chunk2 = chunk.get());
        // 4. If canceled1 is false and canceled2 is false: chunk2 is a clone of chunk.
        if !state.canceled1.get() && !state.canceled2.get() {
            let Some(clone) = clone_or_cancel(cx, state, chunk) else { return };
            chunk2.set(clone.get());
        }
        // 5-6. If canceledN is false, perform ! ReadableByteStreamControllerEnqueue(branchN's
        // controller, chunkN).
        // (Each chunk is read from its root when it is used: enqueueing the first may collect.)
        if !state.canceled1.get()
            && let Some(view) = buffers::as_view(chunk)
        {
            let result = state.controller(false).enqueue(cx, view);
            settle(cx, result);
        }
        if !state.canceled2.get()
            && let Some(view) = buffers::as_view(chunk2.handle())
        {
            let result = state.controller(true).enqueue(cx, view);
            settle(cx, result);
        }
        // 7-9. reading false; pull again if asked.
        read_done(cx, state);
    });
}

/// readRequest's close steps (pullWithDefaultReader).
pub fn default_close_steps(cx: &mut JSContext, state: &Rc<ByteTeeState>) {
    // 1. Set reading to false.
    state.reading.set(false);
    // 2-3. If canceledN is false, perform ! ReadableByteStreamControllerClose(branchN's controller).
    for for_branch2 in [false, true] {
        if !state.canceled(for_branch2) {
            let result = state.controller(for_branch2).close(cx);
            settle(cx, result);
        }
    }
    // 4-5. If branchN's controller has pending pull-intos, perform !
    // ReadableByteStreamControllerRespond(its controller, 0).
    for for_branch2 in [false, true] {
        let controller = state.controller(for_branch2);
        if controller.has_pending_pull_intos() {
            let result = controller.respond(cx, 0);
            settle(cx, result);
        }
    }
    // 6. If canceled1 is false or canceled2 is false, resolve cancelPromise with undefined.
    if !state.canceled1.get() || !state.canceled2.get() {
        state.cancel_promise.resolve_native(cx, &());
    }
}

/// The error steps of both kinds of request: "Set reading to false."
pub fn error_steps(state: &Rc<ByteTeeState>) {
    state.reading.set(false);
}

/// readIntoRequest's chunk steps (pullWithBYOBReader).
pub fn byob_chunk_steps(cx: &mut JSContext, state: &Rc<ByteTeeState>, for_branch2: bool, chunk: HandleValue) {
    queue_microtask(cx, state, chunk, for_branch2, |cx, state, chunk, for_branch2| {
        // 1-2. Set readAgainForBranch1 and readAgainForBranch2 to false.
        state.read_again_for_branch1.set(false);
        state.read_again_for_branch2.set(false);
        // 3-4. byobCanceled and otherCanceled.
        let byob_canceled = state.canceled(for_branch2);
        let other_canceled = state.canceled(!for_branch2);
        let Some(view) = buffers::as_view(chunk) else { return read_done(cx, state) };
        // 5. If otherCanceled is false:
        if !other_canceled {
            // 5.1-3. Let clonedChunk be CloneAsUint8Array(chunk) (on failure, error both and cancel).
            let Some(clone) = clone_or_cancel(cx, state, chunk) else { return };
            rooted!(&in(cx) let clone = clone.get());
            // 5.4. If byobCanceled is false, perform !
            // ReadableByteStreamControllerRespondWithNewView(byobBranch's controller, chunk).
            if !byob_canceled {
                let result = state.controller(for_branch2).respond_with_new_view(cx, view);
                settle(cx, result);
            }
            // 5.5. Perform ! ReadableByteStreamControllerEnqueue(otherBranch's controller, clonedChunk).
            if let Some(clone) = buffers::as_view(clone.handle()) {
                let result = state.controller(!for_branch2).enqueue(cx, clone);
                settle(cx, result);
            }
        } else if !byob_canceled {
            // 6. Otherwise, if byobCanceled is false, respond with chunk as the new view.
            let result = state.controller(for_branch2).respond_with_new_view(cx, view);
            settle(cx, result);
        }
        // 7-9. reading false; pull again if asked.
        read_done(cx, state);
    });
}

/// readIntoRequest's close steps (pullWithBYOBReader), given chunk.
pub fn byob_close_steps(cx: &mut JSContext, state: &Rc<ByteTeeState>, for_branch2: bool, chunk: HandleValue) {
    // 1. Set reading to false.
    state.reading.set(false);
    // 2-3. byobCanceled and otherCanceled.
    let byob_canceled = state.canceled(for_branch2);
    let other_canceled = state.canceled(!for_branch2);
    // 4-5. Close each branch that is not canceled.
    if !byob_canceled {
        let result = state.controller(for_branch2).close(cx);
        settle(cx, result);
    }
    if !other_canceled {
        let result = state.controller(!for_branch2).close(cx);
        settle(cx, result);
    }
    // 6. If chunk is not undefined (an empty view):
    if !chunk.get().is_undefined() {
        // 6.2. If byobCanceled is false, respond to byobBranch with chunk as the new view.
        if !byob_canceled && let Some(view) = buffers::as_view(chunk) {
            let result = state.controller(for_branch2).respond_with_new_view(cx, view);
            settle(cx, result);
        }
        // 6.3. If otherCanceled is false and otherBranch has pending pull-intos, respond with 0.
        let other = state.controller(!for_branch2);
        if !other_canceled && other.has_pending_pull_intos() {
            let result = other.respond(cx, 0);
            settle(cx, result);
        }
    }
    // 7. If byobCanceled is false or otherCanceled is false, resolve cancelPromise with undefined.
    if !byob_canceled || !other_canceled {
        state.cancel_promise.resolve_native(cx, &());
    }
}

/// pull1Algorithm (branch 1) and pull2Algorithm (branch 2).
pub fn pull(cx: &mut JSContext, state: &Rc<ByteTeeState>, branch: u8) -> Rc<Promise> {
    let global = state.stream.global();
    let for_branch2 = branch == 2;
    // 1. If reading is true: set readAgainForBranchN to true and return a promise resolved
    // with undefined.
    if state.reading.get() {
        if for_branch2 {
            state.read_again_for_branch2.set(true);
        } else {
            state.read_again_for_branch1.set(true);
        }
        return Promise::new_resolved(cx, &global, &());
    }
    // 2. Set reading to true.
    state.reading.set(true);
    // 3. Let byobRequest be ! ReadableByteStreamControllerGetBYOBRequest(branchN's controller).
    let request = state.controller(for_branch2).get_byob_request(cx);
    match request {
        // 4. If byobRequest is null, perform pullWithDefaultReader.
        None => pull_with_default_reader(cx, state),
        // 5. Otherwise, perform pullWithBYOBReader, given byobRequest.[[view]] and forBranch2.
        Some(request) => {
            rooted!(&in(cx) let view = request.view());
            pull_with_byob_reader(cx, state, view.handle(), for_branch2);
        }
    }
    // 6. Return a promise resolved with undefined.
    Promise::new_resolved(cx, &global, &())
}

/// cancel1Algorithm and cancel2Algorithm.
pub fn cancel(cx: &mut JSContext, state: &Rc<ByteTeeState>, branch: u8, reason: HandleValue) -> Rc<Promise> {
    // 1-2. Set canceledN to true; set reasonN to reason.
    let (canceled, other_canceled) = if branch == 1 {
        state.reason1.set(reason.get());
        (&state.canceled1, &state.canceled2)
    } else {
        state.reason2.set(reason.get());
        (&state.canceled2, &state.canceled1)
    };
    canceled.set(true);
    // 3. If the other branch is canceled too:
    if other_canceled.get() {
        // 3.1. Let compositeReason be ! CreateArrayFromList(« reason1, reason2 »).
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, state.stream.reflector().get_raw());
        rooted!(&in(cx) let values = vec![state.reason1.get(), state.reason2.get()]);
        // SAFETY: the values are rooted; the array is created in the stream's realm.
        let array =
            unsafe { mozjs::jsapi::NewArrayObject(cx.raw_cx(), &mozjs::jsapi::HandleValueArray::from(&values)) };
        assert!(!array.is_null(), "out of memory creating an array");
        rooted!(&in(cx) let composite = ObjectValue(array));
        // 3.2. Let cancelResult be ! ReadableStreamCancel(stream, compositeReason).
        let cancel_result = state.stream.cancel(cx, composite.handle());
        // 3.3. Resolve cancelPromise with cancelResult.
        rooted!(&in(cx) let result = ObjectValue(cancel_result.promise_obj().get()));
        state.cancel_promise.resolve(cx, result.handle());
    }
    // 4. Return cancelPromise.
    state.cancel_promise.clone()
}
