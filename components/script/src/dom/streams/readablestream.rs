//! `ReadableStream` (<https://streams.spec.whatwg.org/#rs-class>) and the abstract operations
//! on a stream (<https://streams.spec.whatwg.org/#rs-abstract-ops>).

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::asynciterable::AsyncIteratorSteps;
use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Dictionaries::{
    ReadableStreamGetReaderOptions, ReadableStreamIteratorOptions, ReadableWritablePair, StreamPipeOptions,
};
use crate::dom::bindings::codegen::ReadableStreamBinding::ReadableStreamMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::{SourceAlgorithms, SourceType, convert_underlying_source, heap_value};
use crate::dom::streams::queuingstrategy::{QueuingStrategy, convert_queuing_strategy, extract_high_water_mark};
use crate::dom::streams::readablebytestreamcontroller::ReadableByteStreamController;
use crate::dom::streams::readablestreambyobreader::{ReadIntoRequest, ReadableStreamBYOBReader};
use crate::dom::streams::readablestreamdefaultcontroller::{
    ReadableStreamDefaultController, SizeAlgorithm, StartAlgorithm,
};
use crate::dom::streams::readablestreamdefaultreader::{ReadRequest, ReadableStreamDefaultReader};
use crate::dom::streams::writablestream::WritableStream;

/// A stream's [[state]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamState {
    Readable,
    Closed,
    Errored,
}

#[dom_struct]
pub struct ReadableStream {
    reflector_: Reflector,
    /// [[state]]
    #[no_trace]
    state: Cell<StreamState>,
    /// [[storedError]]
    stored_error: Box<Heap<JSVal>>,
    /// [[disturbed]]
    disturbed: Cell<bool>,
    /// [[controller]] of a default stream (set once the stream is set up)
    controller: MutNullableDom<ReadableStreamDefaultController>,
    /// [[controller]] of a readable byte stream
    byte_controller: MutNullableDom<ReadableByteStreamController>,
    /// [[reader]], when it is a default reader
    reader: MutNullableDom<ReadableStreamDefaultReader>,
    /// [[reader]], when it is a BYOB reader
    byob_reader: MutNullableDom<ReadableStreamBYOBReader>,
}

impl ReadableStream {
    /// <https://streams.spec.whatwg.org/#initialize-readable-stream>
    fn new_inherited() -> ReadableStream {
        ReadableStream {
            reflector_: Reflector::new(),
            // "Set stream.[[state]] to "readable". Set stream.[[reader]] and stream.[[storedError]]
            // to undefined. Set stream.[[disturbed]] to false."
            state: Cell::new(StreamState::Readable),
            stored_error: heap_value(UndefinedValue()),
            disturbed: Cell::new(false),
            controller: Default::default(),
            byte_controller: Default::default(),
            reader: Default::default(),
            byob_reader: Default::default(),
        }
    }

    /// <https://streams.spec.whatwg.org/#create-readable-stream>: a stream whose controller runs
    /// `algorithms` (start returns undefined), with the given strategy.
    pub fn create(
        cx: &mut JSContext,
        global: &Window,
        algorithms: RootedTraceableBox<SourceAlgorithms>,
        high_water_mark: f64,
    ) -> DomRoot<ReadableStream> {
        let size = RootedTraceableBox::new(SizeAlgorithm::One);
        Self::create_with(cx, global, StartAlgorithm::Undefined, algorithms, high_water_mark, size)
    }

    /// CreateReadableStream with a start algorithm and a size algorithm.
    pub fn create_with(
        cx: &mut JSContext,
        global: &Window,
        start: StartAlgorithm,
        algorithms: RootedTraceableBox<SourceAlgorithms>,
        high_water_mark: f64,
        size: RootedTraceableBox<SizeAlgorithm>,
    ) -> DomRoot<ReadableStream> {
        let stream = reflect_dom_object(cx, Box::new(ReadableStream::new_inherited()), global);
        ReadableStreamDefaultController::set_up(cx, &stream, start, algorithms, high_water_mark, size)
            .expect("these start algorithms cannot throw");
        stream
    }

    /// <https://streams.spec.whatwg.org/#abstract-opdef-createreadablebytestream> with
    /// startAlgorithm "return undefined": a byte stream (high water mark 0, no automatic
    /// allocation) whose controller runs `algorithms`.
    pub fn create_byte_stream(
        cx: &mut JSContext,
        global: &Window,
        algorithms: RootedTraceableBox<SourceAlgorithms>,
    ) -> DomRoot<ReadableStream> {
        // 1-2. Let stream be a new ReadableStream; InitializeReadableStream(stream).
        let stream = reflect_dom_object(cx, Box::new(ReadableStream::new_inherited()), global);
        // 3-4. Let controller be a new ReadableByteStreamController; perform !
        // SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm,
        // cancelAlgorithm, 0, undefined).
        ReadableByteStreamController::set_up(cx, &stream, StartAlgorithm::Undefined, algorithms, 0.0, None)
            .expect("a start algorithm returning undefined cannot throw");
        stream
    }

    pub fn state(&self) -> StreamState {
        self.state.get()
    }

    pub fn stored_error(&self, mut rval: MutableHandleValue) {
        rval.set(self.stored_error.get());
    }

    /// [[disturbed]]
    pub fn is_disturbed(&self) -> bool {
        self.disturbed.get()
    }

    pub fn set_disturbed(&self) {
        self.disturbed.set(true);
    }

    /// The default controller of a stream that is not a byte stream.
    pub fn controller(&self) -> DomRoot<ReadableStreamDefaultController> {
        self.controller.get().expect("a set-up default stream has a default controller")
    }

    /// The controller of a readable byte stream (`None` for a default stream).
    pub fn byte_controller(&self) -> Option<DomRoot<ReadableByteStreamController>> {
        self.byte_controller.get()
    }

    pub fn set_byte_controller(&self, controller: &ReadableByteStreamController) {
        self.byte_controller.set(Some(controller));
    }

    /// stream.[[controller]].[[PullSteps]](readRequest), for whichever controller it has.
    pub fn controller_pull_steps(&self, cx: &mut JSContext, request: ReadRequest) {
        match self.byte_controller.get() {
            Some(controller) => controller.pull_steps(cx, request),
            None => self.controller().pull_steps(cx, request),
        }
    }

    /// stream.[[controller]].[[CancelSteps]](reason).
    fn controller_cancel_steps(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        match self.byte_controller.get() {
            Some(controller) => controller.cancel_steps(cx, reason),
            None => self.controller().cancel_steps(cx, reason),
        }
    }

    /// stream.[[controller]].[[ReleaseSteps]]() (nothing for a default controller).
    pub fn controller_release_steps(&self) {
        if let Some(controller) = self.byte_controller.get() {
            controller.release_steps();
        }
    }

    pub fn set_controller(&self, controller: &ReadableStreamDefaultController) {
        self.controller.set(Some(controller));
    }

    pub fn reader(&self) -> Option<DomRoot<ReadableStreamDefaultReader>> {
        self.reader.get()
    }

    pub fn set_reader(&self, reader: Option<&ReadableStreamDefaultReader>) {
        self.reader.set(reader);
    }

    pub fn set_byob_reader(&self, reader: Option<&ReadableStreamBYOBReader>) {
        self.byob_reader.set(reader);
    }

    /// "Set stream.[[reader]] to undefined."
    pub fn clear_reader(&self) {
        self.reader.set(None);
        self.byob_reader.set(None);
    }

    /// <https://streams.spec.whatwg.org/#is-readable-stream-locked>: "If stream.[[reader]] is
    /// undefined, return false. Return true."
    pub fn is_locked(&self) -> bool {
        self.reader.is_some() || self.byob_reader.is_some()
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-has-default-reader>
    pub fn has_default_reader(&self) -> bool {
        self.reader.is_some()
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-has-byob-reader>
    pub fn has_byob_reader(&self) -> bool {
        self.byob_reader.is_some()
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-get-num-read-requests>
    pub fn num_read_requests(&self) -> usize {
        self.reader.get().map_or(0, |reader| reader.num_read_requests())
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-get-num-read-into-requests>
    pub fn num_read_into_requests(&self) -> usize {
        self.byob_reader.get().map_or(0, |reader| reader.num_read_into_requests())
    }

    /// Removes and returns the default reader's first read request.
    pub fn shift_read_request(&self) -> Option<ReadRequest> {
        self.reader.get().and_then(|reader| reader.shift_read_request())
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-add-read-into-request>
    pub fn add_read_into_request(&self, request: ReadIntoRequest) {
        // "Append readRequest to stream.[[reader]].[[readIntoRequests]]."
        if let Some(reader) = self.byob_reader.get() {
            reader.push_read_into_request(request);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-fulfill-read-into-request>
    pub fn fulfill_read_into_request(&self, cx: &mut JSContext, chunk: HandleValue, done: bool) {
        // 2-5. Let readIntoRequest be reader.[[readIntoRequests]][0]; remove it.
        let Some(request) = self.byob_reader.get().and_then(|reader| reader.shift_read_into_request()) else {
            return;
        };
        // 6-7. If done is true, perform its close steps given chunk; otherwise its chunk steps.
        if done { request.close_steps(cx, chunk) } else { request.chunk_steps(cx, chunk) }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-add-read-request>
    pub fn add_read_request(&self, request: ReadRequest) {
        // "Append readRequest to stream.[[reader]].[[readRequests]]."
        self.reader.get().expect("a stream with a read request has a reader").push_read_request(request);
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-fulfill-read-request>
    pub fn fulfill_read_request(&self, cx: &mut JSContext, chunk: HandleValue, done: bool) {
        // "Let readRequest be reader.[[readRequests]][0]. Remove readRequest from reader.[[readRequests]]."
        let Some(request) = self.shift_read_request() else { return };
        // "If done is true, perform readRequest's close steps. Otherwise, perform readRequest's
        // chunk steps, given chunk."
        if done { request.close_steps(cx) } else { request.chunk_steps(cx, chunk) }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-close>
    pub fn close(&self, cx: &mut JSContext) {
        // 1. Assert: stream.[[state]] is "readable". 2. Set stream.[[state]] to "closed".
        debug_assert_eq!(self.state.get(), StreamState::Readable);
        self.state.set(StreamState::Closed);
        // 3. Let reader be stream.[[reader]]. 4. If reader is undefined, return.
        if let Some(reader) = self.byob_reader.get() {
            // 5. Resolve reader.[[closedPromise]] with undefined.
            reader.closed_promise().resolve_native(cx, &());
            return;
        }
        let Some(reader) = self.reader.get() else { return };
        // 5. Resolve reader.[[closedPromise]] with undefined.
        reader.closed_promise().resolve_native(cx, &());
        // 6. If reader implements ReadableStreamDefaultReader: empty its [[readRequests]] and
        // perform each request's close steps.
        for request in reader.take_read_requests() {
            request.close_steps(cx);
        }
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-error>
    pub fn error(&self, cx: &mut JSContext, e: HandleValue) {
        // 1. Assert: stream.[[state]] is "readable". 2. Set stream.[[state]] to "errored".
        debug_assert_eq!(self.state.get(), StreamState::Readable);
        self.state.set(StreamState::Errored);
        // 3. Set stream.[[storedError]] to e.
        self.stored_error.set(e.get());
        // 4. Let reader be stream.[[reader]]. 5. If reader is undefined, return.
        if let Some(reader) = self.byob_reader.get() {
            // 6-7. Reject reader.[[closedPromise]] with e, marked as handled.
            let closed = reader.closed_promise();
            closed.reject(cx, e);
            closed.mark_handled(cx);
            // 9. Otherwise (a BYOB reader): ! ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e).
            reader.error_read_into_requests(cx, e);
            return;
        }
        let Some(reader) = self.reader.get() else { return };
        // 6. Reject reader.[[closedPromise]] with e. 7. Set its [[PromiseIsHandled]] to true.
        let closed = reader.closed_promise();
        closed.reject(cx, e);
        closed.mark_handled(cx);
        // 8. If reader implements ReadableStreamDefaultReader, perform
        // ! ReadableStreamDefaultReaderErrorReadRequests(reader, e).
        reader.error_read_requests(cx, e);
    }

    /// <https://streams.spec.whatwg.org/#readable-stream-cancel>
    pub fn cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        let global = self.global();
        // 1. Set stream.[[disturbed]] to true.
        self.disturbed.set(true);
        match self.state.get() {
            // 2. If stream.[[state]] is "closed", return a promise resolved with undefined.
            StreamState::Closed => return Promise::new_resolved(cx, &global, &()),
            // 3. If stream.[[state]] is "errored", return a promise rejected with stream.[[storedError]].
            StreamState::Errored => {
                rooted!(&in(cx) let error = self.stored_error.get());
                let promise = Promise::new(cx, &global);
                promise.reject(cx, error.handle());
                return promise;
            }
            StreamState::Readable => {}
        }
        // 4. Perform ! ReadableStreamClose(stream).
        self.close(cx);
        // 5-6. If reader is a BYOB reader: empty its [[readIntoRequests]] and perform each
        // request's close steps, given undefined.
        if let Some(reader) = self.byob_reader.get() {
            rooted!(&in(cx) let undefined = UndefinedValue());
            for request in reader.take_read_into_requests() {
                request.close_steps(cx, undefined.handle());
            }
        }
        // 7. Let sourceCancelPromise be ! stream.[[controller]].[[CancelSteps]](reason).
        let source_cancel = self.controller_cancel_steps(cx, reason);
        // 8. Return the result of reacting to sourceCancelPromise with a fulfillment step that
        // returns undefined.
        let promise = Promise::new(cx, &global);
        react(
            cx,
            source_cancel.promise_obj(),
            promise.clone(),
            |cx, promise, _| promise.resolve_native(cx, &()),
            |cx, promise, reason| promise.reject(cx, reason),
        );
        promise
    }
}

impl ReadableStreamMethods for ReadableStream {
    /// <https://streams.spec.whatwg.org/#rs-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        underlying_source: HandleValue,
        strategy: HandleValue,
    ) -> Fallible<DomRoot<ReadableStream>> {
        // The strategy argument is converted (as an IDL dictionary) before the steps run.
        let strategy = convert_queuing_strategy(cx, strategy)?;
        // 1-2. "If underlyingSource is missing, set it to null. Let underlyingSourceDict be
        // underlyingSource, converted to an IDL value of type UnderlyingSource."
        let (source, kind, auto_allocate_chunk_size) = convert_underlying_source(cx, underlying_source)?;
        // 3. Perform ! InitializeReadableStream(this).
        let stream = reflect_dom_object_with_proto(cx, Box::new(ReadableStream::new_inherited()), global, proto);
        // 4. If underlyingSourceDict["type"] is "bytes": …
        if let SourceType::Bytes = kind {
            // 4.1. If strategy["size"] exists, throw a RangeError exception.
            if strategy.size.is_some() {
                return Err(Error::Range("A byte stream's strategy cannot have a size function.".into()));
            }
            // 4.2. Let highWaterMark be ? ExtractHighWaterMark(strategy, 0).
            let high_water_mark = extract_high_water_mark(&strategy, 0.0)?;
            // 4.3. Perform ? SetUpReadableByteStreamControllerFromUnderlyingSource(this,
            // underlyingSource, underlyingSourceDict, highWaterMark).
            // (SetUpReadableByteStreamControllerFromUnderlyingSource step 9: "If
            // autoAllocateChunkSize is 0, then throw a TypeError exception.")
            if auto_allocate_chunk_size == Some(0) {
                return Err(Error::Type("autoAllocateChunkSize must be positive.".into()));
            }
            let start = source.as_ref().and_then(|s| s.start.as_ref().map(|f| f.get()));
            rooted!(&in(cx) let start = start.unwrap_or(std::ptr::null_mut()));
            rooted!(&in(cx) let this_source = underlying_source.get());
            let algorithms = RootedTraceableBox::new(match source.into_inner() {
                Some(source) => SourceAlgorithms::Source(source),
                None => SourceAlgorithms::Empty,
            });
            let start = if start.get().is_null() {
                StartAlgorithm::Undefined
            } else {
                StartAlgorithm::Call(start.handle(), this_source.handle())
            };
            ReadableByteStreamController::set_up(
                cx,
                &stream,
                start,
                algorithms,
                high_water_mark,
                auto_allocate_chunk_size,
            )?;
            return Ok(stream);
        }
        // 5.3. Let highWaterMark be ? ExtractHighWaterMark(strategy, 1). (Step 5.2 cannot throw,
        // so running it second changes nothing.)
        let high_water_mark = extract_high_water_mark(&strategy, 1.0)?;
        // 5.2. Let sizeAlgorithm be ! ExtractSizeAlgorithm(strategy).
        let QueuingStrategy { size, .. } = strategy.into_inner();
        let size = RootedTraceableBox::new(match size {
            Some(function) => SizeAlgorithm::Function(function),
            None => SizeAlgorithm::One,
        });
        // 5.4. Perform ? SetUpReadableStreamDefaultControllerFromUnderlyingSource(this,
        // underlyingSource, underlyingSourceDict, highWaterMark, sizeAlgorithm).
        let start = source.as_ref().and_then(|s| s.start.as_ref().map(|f| f.get()));
        rooted!(&in(cx) let start = start.unwrap_or(std::ptr::null_mut()));
        rooted!(&in(cx) let this_source = underlying_source.get());
        let algorithms = RootedTraceableBox::new(match source.into_inner() {
            Some(source) => SourceAlgorithms::Source(source),
            None => SourceAlgorithms::Empty,
        });
        let start = if start.get().is_null() {
            StartAlgorithm::Undefined
        } else {
            StartAlgorithm::Call(start.handle(), this_source.handle())
        };
        ReadableStreamDefaultController::set_up(cx, &stream, start, algorithms, high_water_mark, size)?;
        Ok(stream)
    }

    /// <https://streams.spec.whatwg.org/#rs-from>: "Return ? ReadableStreamFromIterable(asyncIterable)."
    fn From(cx: &mut JSContext, global: &Window, async_iterable: HandleValue) -> Fallible<DomRoot<ReadableStream>> {
        crate::dom::streams::from::readable_stream_from_iterable(cx, global, async_iterable)
    }

    /// <https://streams.spec.whatwg.org/#rs-locked>: "Return ! IsReadableStreamLocked(this)."
    fn Locked(&self, _cx: &mut JSContext) -> bool {
        self.is_locked()
    }

    /// <https://streams.spec.whatwg.org/#rs-cancel>
    fn Cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise> {
        // 1. If ! IsReadableStreamLocked(this) is true, return a promise rejected with a TypeError.
        if self.is_locked() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is locked.".into()));
        }
        // 2. Return ! ReadableStreamCancel(this, reason).
        self.cancel(cx, reason)
    }

    /// <https://streams.spec.whatwg.org/#rs-get-reader>
    fn GetReader(
        &self,
        cx: &mut JSContext,
        options: &ReadableStreamGetReaderOptions,
        mut retval: MutableHandleValue,
    ) -> Fallible<()> {
        // 1. If options["mode"] does not exist, return ? AcquireReadableStreamDefaultReader(this).
        let reader = if options.mode.is_none() {
            ReadableStreamDefaultReader::acquire(cx, &self.global(), self)?.reflector().get_raw()
        } else {
            // 2. Assert: options["mode"] is "byob".
            // 3. Return ? AcquireReadableStreamBYOBReader(this).
            ReadableStreamBYOBReader::acquire(cx, &self.global(), self)?.reflector().get_raw()
        };
        retval.set(ObjectValue(reader));
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#rs-pipe-through>
    fn PipeThrough(
        &self,
        cx: &mut JSContext,
        transform: &ReadableWritablePair,
        options: &StreamPipeOptions,
    ) -> Fallible<DomRoot<ReadableStream>> {
        // 1. If ! IsReadableStreamLocked(this) is true, throw a TypeError exception.
        if self.is_locked() {
            return Err(Error::Type("The stream is locked.".into()));
        }
        // 2. If ! IsWritableStreamLocked(transform["writable"]) is true, throw a TypeError exception.
        if transform.writable.is_locked() {
            return Err(Error::Type("The transform's writable side is locked.".into()));
        }
        // 3-4. Let promise be ! ReadableStreamPipeTo(this, transform["writable"], the options'
        // flags, signal).
        let promise = crate::dom::streams::pipe::readable_stream_pipe_to(
            cx,
            self,
            &transform.writable,
            options.prevent_close,
            options.prevent_abort,
            options.prevent_cancel,
            options.signal.as_deref(),
        );
        // 5. Set promise.[[PromiseIsHandled]] to true.
        promise.mark_handled(cx);
        // 6. Return transform["readable"].
        Ok(transform.readable.clone())
    }

    /// <https://streams.spec.whatwg.org/#rs-pipe-to>
    fn PipeTo(&self, cx: &mut JSContext, destination: &WritableStream, options: &StreamPipeOptions) -> Rc<Promise> {
        // 1. If ! IsReadableStreamLocked(this) is true, return a promise rejected with a TypeError.
        if self.is_locked() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The stream is locked.".into()));
        }
        // 2. If ! IsWritableStreamLocked(destination) is true, return a promise rejected with a TypeError.
        if destination.is_locked() {
            return Promise::new_rejected(cx, &self.global(), Error::Type("The destination is locked.".into()));
        }
        // 3-4. Return ! ReadableStreamPipeTo(this, destination, the options' flags, signal).
        crate::dom::streams::pipe::readable_stream_pipe_to(
            cx,
            self,
            destination,
            options.prevent_close,
            options.prevent_abort,
            options.prevent_cancel,
            options.signal.as_deref(),
        )
    }

    /// <https://streams.spec.whatwg.org/#rs-tee>: "Return ? ReadableStreamTee(this, false)."
    fn Tee(&self, cx: &mut JSContext, retval: MutableHandleValue) -> Fallible<()> {
        // ReadableStreamTee: "If stream.[[controller]] implements ReadableByteStreamController,
        // return ? ReadableByteStreamTee(stream). Return ? ReadableStreamDefaultTee(stream,
        // cloneForBranch2)."
        let (branch1, branch2) = if self.byte_controller.get().is_some() {
            crate::dom::streams::bytetee::readable_byte_stream_tee(cx, self)?
        } else {
            crate::dom::streams::tee::readable_stream_default_tee(cx, self)?
        };
        crate::dom::streams::tee::branches_to_array(cx, &branch1, &branch2, retval);
        Ok(())
    }

    /// <https://streams.spec.whatwg.org/#ref-for-asynchronous-iterator-initialization-steps>
    fn AsyncIteratorInit(
        &self,
        cx: &mut JSContext,
        options: &ReadableStreamIteratorOptions,
    ) -> Fallible<Box<dyn AsyncIteratorSteps>> {
        // 1. Let reader be ? AcquireReadableStreamDefaultReader(stream).
        let reader = ReadableStreamDefaultReader::acquire(cx, &self.global(), self)?;
        // 2-4. Set iterator's reader to reader, and its prevent cancel to args[0]["preventCancel"].
        Ok(Box::new(crate::dom::streams::asynciterator::ReadableStreamAsyncIterator::new(
            &reader,
            options.prevent_cancel,
        )))
    }
}
