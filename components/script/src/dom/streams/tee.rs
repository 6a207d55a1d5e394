//! ReadableStreamDefaultTee (<https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaulttee>)
//! with cloneForBranch2 false: the state the two branches share, and their algorithms.

use std::cell::Cell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::streams::algorithms::{SourceAlgorithms, heap_value};
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};

/// The variables the tee algorithm's closures share.
#[derive(JSTraceable)]
pub struct TeeState {
    stream: Dom<ReadableStream>,
    reader: Dom<ReadableStreamDefaultReader>,
    reading: Cell<bool>,
    read_again: Cell<bool>,
    canceled1: Cell<bool>,
    canceled2: Cell<bool>,
    reason1: Box<Heap<JSVal>>,
    reason2: Box<Heap<JSVal>>,
    branch1: MutNullableDom<ReadableStream>,
    branch2: MutNullableDom<ReadableStream>,
    cancel_promise: Rc<Promise>,
}

impl TeeState {
    fn branch(&self, which: u8) -> DomRoot<ReadableStream> {
        let branch = if which == 1 { &self.branch1 } else { &self.branch2 };
        branch.get().expect("both branches exist once tee() returns")
    }
}

/// ReadableStreamDefaultTee(stream, false).
pub fn readable_stream_default_tee(
    cx: &mut JSContext,
    stream: &ReadableStream,
) -> Fallible<(DomRoot<ReadableStream>, DomRoot<ReadableStream>)> {
    let global = stream.global();
    // 3. Let reader be ? AcquireReadableStreamDefaultReader(stream).
    let reader = ReadableStreamDefaultReader::acquire(cx, &global, stream)?;
    // 4-12. reading, readAgain, canceled1, canceled2 false; reason1, reason2, branch1, branch2;
    // cancelPromise a new promise.
    let state = Rc::new(TeeState {
        stream: Dom::from_ref(stream),
        reader: Dom::from_ref(&*reader),
        reading: Cell::new(false),
        read_again: Cell::new(false),
        canceled1: Cell::new(false),
        canceled2: Cell::new(false),
        reason1: heap_value(UndefinedValue()),
        reason2: heap_value(UndefinedValue()),
        branch1: Default::default(),
        branch2: Default::default(),
        cancel_promise: Promise::new(cx, &global),
    });
    // 16-17. "Set branch1 to ! CreateReadableStream(startAlgorithm, pullAlgorithm,
    // cancel1Algorithm)", and branch2 likewise with cancel2Algorithm.
    let branch1 = ReadableStream::create(
        cx,
        &global,
        RootedTraceableBox::new(SourceAlgorithms::Tee { state: state.clone(), branch: 1 }),
        1.0,
    );
    let branch2 = ReadableStream::create(
        cx,
        &global,
        RootedTraceableBox::new(SourceAlgorithms::Tee { state: state.clone(), branch: 2 }),
        1.0,
    );
    state.branch1.set(Some(&branch1));
    state.branch2.set(Some(&branch2));
    // 18. Upon rejection of reader.[[closedPromise]] with reason r: error both branches'
    // controllers with r, and if canceled1 or canceled2 is false, resolve cancelPromise with
    // undefined.
    let closed = reader.closed_promise();
    react(
        cx,
        closed.promise_obj(),
        state.clone(),
        |_, _, _| {},
        |cx, state, r| {
            state.branch(1).controller().error(cx, r);
            state.branch(2).controller().error(cx, r);
            if !state.canceled1.get() || !state.canceled2.get() {
                state.cancel_promise.resolve_native(cx, &());
            }
        },
    );
    // 19. Return « branch1, branch2 ».
    Ok((branch1, branch2))
}

/// The pull algorithm (step 13).
pub fn pull(cx: &mut JSContext, state: &Rc<TeeState>) -> Rc<Promise> {
    let global = state.stream.global();
    // 13.1. If reading is true: set readAgain to true and return a promise resolved with undefined.
    if state.reading.get() {
        state.read_again.set(true);
        return Promise::new_resolved(cx, &global, &());
    }
    // 13.2. Set reading to true.
    state.reading.set(true);
    // 13.3-4. Perform ! ReadableStreamDefaultReaderRead(reader, readRequest).
    state.reader.read(cx, ReadRequest::Tee(state.clone()));
    // 13.5. Return a promise resolved with undefined.
    Promise::new_resolved(cx, &global, &())
}

/// The read request's chunk steps: "Queue a microtask to perform the following steps."
pub fn chunk_steps(cx: &mut JSContext, state: &Rc<TeeState>, chunk: HandleValue) {
    // A promise reaction is a microtask; reacting to a resolved promise queues exactly one.
    let global = state.stream.global();
    let tick = Promise::new_resolved(cx, &global, &());
    react(
        cx,
        tick.promise_obj(),
        (state.clone(), heap_value(chunk.get())),
        |cx, (state, chunk), _| {
            // 1. Set readAgain to false. 2-3. chunk1 and chunk2 are chunk.
            state.read_again.set(false);
            rooted!(&in(cx) let chunk = chunk.get());
            // 5-6. If canceled1 (canceled2) is false, enqueue chunk into branch1 (branch2).
            // Enqueueing cannot fail with the branches' size algorithm (every chunk is 1).
            for (which, canceled) in [(1, &state.canceled1), (2, &state.canceled2)] {
                if !canceled.get() {
                    let _ = state.branch(which).controller().enqueue(cx, chunk.handle());
                }
            }
            // 7. Set reading to false. 8. If readAgain is true, perform pullAlgorithm.
            state.reading.set(false);
            if state.read_again.get() {
                let _ = pull(cx, state);
            }
        },
        |_, _, _| {},
    );
}

/// The read request's close steps.
pub fn close_steps(cx: &mut JSContext, state: &Rc<TeeState>) {
    // 1. Set reading to false.
    state.reading.set(false);
    // 2-3. If canceled1 (canceled2) is false, close branch1 (branch2)'s controller.
    if !state.canceled1.get() {
        state.branch(1).controller().close(cx);
    }
    if !state.canceled2.get() {
        state.branch(2).controller().close(cx);
    }
    // 4. If canceled1 is false or canceled2 is false, resolve cancelPromise with undefined.
    if !state.canceled1.get() || !state.canceled2.get() {
        state.cancel_promise.resolve_native(cx, &());
    }
}

/// The read request's error steps: "Set reading to false."
pub fn error_steps(state: &Rc<TeeState>) {
    state.reading.set(false);
}

/// cancel1Algorithm and cancel2Algorithm (steps 14 and 15).
pub fn cancel(cx: &mut JSContext, state: &Rc<TeeState>, branch: u8, reason: HandleValue) -> Rc<Promise> {
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
        rooted!(&in(cx) let mut composite = UndefinedValue());
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, state.stream.reflector().get_raw());
        rooted!(&in(cx) let values = vec![state.reason1.get(), state.reason2.get()]);
        let array =
            // SAFETY: `values` is rooted for the call; `cx` is this thread's live context; its raw pointer goes straight into the call.
            unsafe { mozjs::jsapi::NewArrayObject(cx.raw_cx(), &mozjs::jsapi::HandleValueArray::from(&values)) };
        assert!(!array.is_null(), "out of memory creating an array");
        composite.set(ObjectValue(array));
        // 3.2. Let cancelResult be ! ReadableStreamCancel(stream, compositeReason).
        let cancel_result = state.stream.cancel(cx, composite.handle());
        // 3.3. Resolve cancelPromise with cancelResult.
        rooted!(&in(cx) let result = ObjectValue(cancel_result.promise_obj().get()));
        state.cancel_promise.resolve(cx, result.handle());
    }
    // 4. Return cancelPromise.
    state.cancel_promise.clone()
}

/// The « branch1, branch2 » list as a JS Array.
pub fn branches_to_array(
    cx: &mut JSContext,
    branch1: &ReadableStream,
    branch2: &ReadableStream,
    mut rval: MutableHandleValue,
) {
    rooted!(&in(cx) let values =
        vec![ObjectValue(branch1.reflector().get_raw()), ObjectValue(branch2.reflector().get_raw())]);
    // SAFETY: `values` is rooted for the call; `cx` is this thread's live context; its raw pointer goes straight into the call.
    let array = unsafe { mozjs::jsapi::NewArrayObject(cx.raw_cx(), &mozjs::jsapi::HandleValueArray::from(&values)) };
    assert!(!array.is_null(), "out of memory creating an array");
    rval.set(ObjectValue(array));
}
