//! The algorithms a readable stream's controller runs (start, pull, cancel), as one traced
//! enum: the page's underlying source (<https://streams.spec.whatwg.org/#underlying-source-api>),
//! a branch of `tee()`, or an iterator of `ReadableStream.from()`.

use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::{HandleValueArray, Heap, JSObject};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::conversions::{get_property, is_callable};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::RootedTraceableBox;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;
use crate::dom::streams::from::IteratorRecord;
use crate::dom::streams::tee::TeeState;

/// The `UnderlyingSource` dictionary (<https://streams.spec.whatwg.org/#dictdef-underlyingsource>)
/// of a page's source object; the callbacks are plain objects, traced by whoever keeps them.
#[derive(JSTraceable)]
pub struct UnderlyingSource {
    /// The source object itself (the callbacks' `this`).
    pub object: TracedObject,
    pub start: Option<TracedObject>,
    pub pull: Option<TracedObject>,
    pub cancel: Option<TracedObject>,
}

/// Whether the source asked for a byte stream (`type: "bytes"`).
pub enum SourceType {
    Default,
    Bytes,
}

/// Converts `value` to an `UnderlyingSource` (<https://webidl.spec.whatwg.org/#es-dictionary>):
/// a missing source is null (the empty dictionary), another non-object is a TypeError, and the
/// members are read in lexicographic order (`autoAllocateChunkSize`, `cancel`, `pull`, `start`,
/// `type`), each callback checked to be callable.
pub fn convert_underlying_source(
    cx: &mut JSContext,
    value: HandleValue,
) -> Fallible<(RootedTraceableBox<Option<UnderlyingSource>>, SourceType, Option<u64>)> {
    // The argument is `optional object`: only a missing (undefined) source becomes null.
    if value.get().is_undefined() {
        return Ok((RootedTraceableBox::new(None), SourceType::Default, None));
    }
    if !value.get().is_object() {
        return Err(Error::Type("The underlying source is not of type 'UnderlyingSource'.".into()));
    }
    rooted!(&in(cx) let object = value.get().to_object());
    rooted!(&in(cx) let mut member = UndefinedValue());
    // autoAllocateChunkSize: [EnforceRange] unsigned long long; only byte streams use it, but the
    // conversion (and its exceptions) happens for every source.
    get_property(cx, object.handle(), c"autoAllocateChunkSize", member.handle_mut()).map_err(|_| Error::JSFailed)?;
    let mut auto_allocate_chunk_size = None;
    if !member.get().is_undefined() {
        // SAFETY: `member` is rooted.
        let number = unsafe { mozjs::rust::ToNumber(cx, member.handle()) }.map_err(|_| Error::JSFailed)?;
        // [EnforceRange]: a non-finite number, or one outside [0, 2^53 − 1] once truncated, is
        // a TypeError.
        if !number.is_finite() {
            return Err(Error::Type("autoAllocateChunkSize is not a finite number.".into()));
        }
        let number = number.trunc();
        if !(0.0..=9007199254740991.0).contains(&number) {
            return Err(Error::Type("autoAllocateChunkSize is out of range.".into()));
        }
        auto_allocate_chunk_size = Some(number as u64);
    }
    let callback = |cx: &mut JSContext, name: &'static std::ffi::CStr| -> Fallible<Option<*mut JSObject>> {
        rooted!(&in(cx) let mut member = UndefinedValue());
        get_property(cx, object.handle(), name, member.handle_mut()).map_err(|_| Error::JSFailed)?;
        if member.get().is_undefined() {
            return Ok(None);
        }
        if !is_callable(member.handle()) {
            return Err(Error::Type(format!(
                "The underlying source's '{}' member is not a function.",
                name.to_string_lossy()
            )));
        }
        Ok(Some(member.get().to_object()))
    };
    // Each callback is rooted while the later members' getters run.
    rooted!(&in(cx) let mut found = Vec::<JSVal>::new());
    for name in [c"cancel", c"pull", c"start"] {
        let function = callback(cx, name)?;
        found.push(function.map_or(UndefinedValue(), ObjectValue));
    }
    get_property(cx, object.handle(), c"type", member.handle_mut()).map_err(|_| Error::JSFailed)?;
    let kind = if member.get().is_undefined() {
        SourceType::Default
    } else {
        let string =
            crate::dom::bindings::conversions::jsval_to_string(cx, member.handle()).map_err(|_| Error::JSFailed)?;
        if string != "bytes" {
            return Err(Error::Type(format!("'{string}' is not a valid value for ReadableStreamType.")));
        }
        SourceType::Bytes
    };
    let function = |value: JSVal| value.is_object().then(|| TracedObject::new(value.to_object()));
    let source = UnderlyingSource {
        object: TracedObject::new(object.get()),
        cancel: function(found[0]),
        pull: function(found[1]),
        start: function(found[2]),
    };
    // Nothing runs between reading the values out of `found` and rooting them here.
    Ok((RootedTraceableBox::new(Some(source)), kind, auto_allocate_chunk_size))
}

/// A controller's pull and cancel algorithms (start runs once, at set-up). `Cleared` is the
/// state after ReadableStreamDefaultControllerClearAlgorithms.
#[derive(JSTraceable)]
pub enum SourceAlgorithms {
    /// No source object: pull and cancel "return a promise resolved with undefined".
    Empty,
    Source(UnderlyingSource),
    Tee {
        state: Rc<TeeState>,
        branch: u8,
    },
    /// A branch of ReadableByteStreamTee (a byte stream).
    ByteTee {
        state: Rc<crate::dom::streams::bytetee::ByteTeeState>,
        branch: u8,
    },
    Iterable(Rc<IteratorRecord>),
    /// Bytes in memory (`Blob.stream()`, a body's stream).
    Bytes(Rc<crate::dom::streams::bytesource::BytesSource>),
    /// The readable side of a TransformStream.
    Transform(crate::dom::bindings::root::Dom<crate::dom::streams::transformstream::TransformStream>),
    /// Another standard's source (<https://streams.spec.whatwg.org/#readablestream-set-up>).
    Native(Rc<dyn NativeSource>),
    Cleared,
}

/// The pull and cancel algorithms another standard gives when it sets up a ReadableStream
/// (<https://streams.spec.whatwg.org/#readablestream-set-up>): a `MediaStreamTrackProcessor`.
pub trait NativeSource: JSTraceable {
    /// pullAlgorithm (it may enqueue through `controller`).
    fn pull(
        &self,
        cx: &mut JSContext,
        controller: &crate::dom::streams::readablestreamdefaultcontroller::ReadableStreamDefaultController,
    ) -> Rc<Promise>;
    /// cancelAlgorithm, given reason.
    fn cancel(&self, cx: &mut JSContext, reason: HandleValue) -> Rc<Promise>;
}

/// Calls `function` with `this` and `args` in the function's realm; `Err` leaves the exception
/// pending on `cx`.
pub fn call_function(
    cx: &mut JSContext,
    function: HandleObject,
    this: HandleValue,
    args: &[JSVal],
    rval: MutableHandleValue,
) -> Result<(), ()> {
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, function.get());
    rooted!(&in(cx) let fval = ObjectValue(function.get()));
    rooted!(&in(cx) let argv = args.to_vec());
    let array = HandleValueArray::from(&argv);
    // SAFETY: every value the call reads is rooted above. JS::Call passes `this` as it is (a
    // primitive too, as ECMAScript's Call does).
    let ok = unsafe { mozjs::jsapi::JS::Call(cx.raw_cx(), this.into(), fval.handle().into(), &array, rval.into()) };
    if ok { Ok(()) } else { Err(()) }
}

/// The pending exception, taken off `cx` (undefined if there is none).
pub fn take_exception(cx: &mut JSContext, global: &Window, rval: MutableHandleValue) {
    crate::dom::bindings::error::error_to_jsval(cx, global, Error::JSFailed, rval);
}

/// Sets `value` as the pending exception and returns the error that reports it ("throw e").
pub fn throw_value(cx: &mut JSContext, value: HandleValue) -> Error {
    // SAFETY: `value` is rooted; setting the pending exception has no other precondition.
    unsafe {
        mozjs::jsapi::JS_SetPendingException(cx.raw_cx(), value.into(), mozjs::jsapi::ExceptionStackBehavior::Capture)
    };
    Error::JSFailed
}

/// "Invoke" a callback whose WebIDL return type is a promise: its result becomes "a promise
/// resolved with" it, and an exception a promise rejected with it.
pub fn invoke_promise_callback(
    cx: &mut JSContext,
    global: &Window,
    function: HandleObject,
    this: HandleValue,
    args: &[JSVal],
) -> Rc<Promise> {
    rooted!(&in(cx) let mut result = UndefinedValue());
    if call_function(cx, function, this, args, result.handle_mut()).is_err() {
        take_exception(cx, global, result.handle_mut());
        let promise = Promise::new(cx, global);
        promise.reject(cx, result.handle());
        return promise;
    }
    resolved_with(cx, global, result.handle())
}

/// "A promise resolved with" `value` (<https://webidl.spec.whatwg.org/#a-promise-resolved-with>).
pub fn resolved_with(cx: &mut JSContext, global: &Window, value: HandleValue) -> Rc<Promise> {
    let promise = Promise::new(cx, global);
    promise.resolve(cx, value);
    promise
}

/// "A promise rejected with" `reason`.
pub fn rejected_with(cx: &mut JSContext, global: &Window, reason: HandleValue) -> Rc<Promise> {
    let promise = Promise::new(cx, global);
    promise.reject(cx, reason);
    promise
}

/// A traced JS value in a box (for reaction data and queues).
pub fn heap_value(value: JSVal) -> Box<Heap<JSVal>> {
    let heap = Box::new(Heap::default());
    heap.set(value);
    heap
}
