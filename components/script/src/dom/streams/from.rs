//! ReadableStreamFromIterable (<https://streams.spec.whatwg.org/#readable-stream-from-iterable>),
//! behind `ReadableStream.from()`.
//!
//! GetIterator(asyncIterable, async) uses `@@asyncIterator`, or else `@@iterator` through
//! CreateAsyncFromSyncIterator (<https://tc39.es/ecma262/#sec-createasyncfromsynciterator>),
//! whose `next()` awaits the value and whose `return()` becomes a resolved iterator result when
//! the iterator has no `return` method; both are done here directly on the sync iterator.

use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, SymbolCode};
use mozjs::jsval::{JSVal, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::callback::TracedObject;
use crate::dom::bindings::error::{Error, Fallible, error_to_jsval};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reaction::react;
use crate::dom::bindings::root::{Dom, DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::streams::algorithms::{
    SourceAlgorithms, call_function, heap_value, rejected_with, resolved_with, take_exception,
};
use crate::dom::streams::readablestream::ReadableStream;
use crate::dom::streams::readablestreamdefaultcontroller::ReadableStreamDefaultController;

/// An Iterator Record (<https://tc39.es/ecma262/#sec-iterator-records>).
#[derive(JSTraceable)]
pub struct IteratorRecord {
    iterator: TracedObject,
    next_method: Box<Heap<JSVal>>,
    /// False when `iterator` is a sync iterator wrapped by CreateAsyncFromSyncIterator.
    #[no_trace]
    is_async: bool,
}

/// GetMethod(value, @@symbol): undefined or null give `Ok(None)`, a non-callable a TypeError.
fn get_symbol_method(
    cx: &mut JSContext,
    object: HandleObject,
    code: SymbolCode,
    rval: MutableHandleValue,
) -> Fallible<bool> {
    // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call. Well-known
    // symbols are permanent, and the result is rooted at once.
    rooted!(&in(cx) let symbol = unsafe { mozjs::jsapi::GetWellKnownSymbol(cx.raw_cx(), code) });
    rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
    // SAFETY: `symbol` is rooted; the id is written into a rooted location.
    unsafe { mozjs::glue::RUST_SYMBOL_TO_JSID(symbol.get(), id.handle_mut().into()) };
    get_method_by_id(cx, object, id.handle(), rval)
}

fn get_method_by_id(
    cx: &mut JSContext,
    object: HandleObject,
    id: mozjs::rust::HandleId,
    mut rval: MutableHandleValue,
) -> Fallible<bool> {
    // SAFETY: `object`, `id` and `rval` are rooted handles; `cx` is this thread's live context; its raw pointer goes straight into the call.
    if !unsafe { mozjs::jsapi::JS_GetPropertyById(cx.raw_cx(), object.into(), id.into(), rval.reborrow().into()) } {
        return Err(Error::JSFailed);
    }
    if rval.get().is_null_or_undefined() {
        return Ok(false);
    }
    if !crate::dom::bindings::conversions::is_callable(rval.reborrow().handle()) {
        return Err(Error::Type("The iterator method is not a function.".into()));
    }
    Ok(true)
}

/// GetIterator(obj, async) (<https://tc39.es/ecma262/#sec-getiterator>).
fn get_async_iterator(cx: &mut JSContext, value: HandleValue) -> Fallible<IteratorRecord> {
    // GetMethod does ToObject on primitives (strings are iterable); null and undefined throw.
    if value.get().is_null_or_undefined() {
        return Err(Error::Type("ReadableStream.from() needs an iterable.".into()));
    }
    rooted!(&in(cx) let mut object = std::ptr::null_mut::<mozjs::jsapi::JSObject>());
    // SAFETY: `value` and `object` are rooted.
    if !unsafe { mozjs::jsapi::JS_ValueToObject(cx.raw_cx(), value.into(), object.handle_mut().into()) } {
        return Err(Error::JSFailed);
    }
    rooted!(&in(cx) let mut method = UndefinedValue());
    // 1.a. Let method be ? GetMethod(obj, @@asyncIterator).
    let mut is_async = get_symbol_method(cx, object.handle(), SymbolCode::asyncIterator, method.handle_mut())?;
    if !is_async {
        // 1.b. If method is undefined: let syncMethod be ? GetMethod(obj, @@iterator); if it is
        // undefined, throw a TypeError.
        if !get_symbol_method(cx, object.handle(), SymbolCode::iterator, method.handle_mut())? {
            return Err(Error::Type("ReadableStream.from() needs an iterable or async iterable.".into()));
        }
        is_async = false;
    }
    // GetIteratorFromMethod: "Let iterator be ? Call(method, obj). If iterator is not an
    // Object, throw a TypeError. Let nextMethod be ? Get(iterator, "next")."
    rooted!(&in(cx) let callable = method.get().to_object());
    rooted!(&in(cx) let mut iterator = UndefinedValue());
    call_function(cx, callable.handle(), value, &[], iterator.handle_mut()).map_err(|_| Error::JSFailed)?;
    if !iterator.get().is_object() {
        return Err(Error::Type("The iterator method did not return an object.".into()));
    }
    rooted!(&in(cx) let iterator = iterator.get().to_object());
    rooted!(&in(cx) let mut next = UndefinedValue());
    crate::dom::bindings::conversions::get_property(cx, iterator.handle(), c"next", next.handle_mut())
        .map_err(|_| Error::JSFailed)?;
    Ok(IteratorRecord { iterator: TracedObject::new(iterator.get()), next_method: heap_value(next.get()), is_async })
}

/// ReadableStreamFromIterable(asyncIterable).
pub fn readable_stream_from_iterable(
    cx: &mut JSContext,
    global: &Window,
    async_iterable: HandleValue,
) -> Fallible<DomRoot<ReadableStream>> {
    // 2. Let iteratorRecord be ? GetIterator(asyncIterable, async).
    // (Rooted as soon as it is returned: nothing runs in between.)
    let record = RootedTraceableBox::new(SourceAlgorithms::Iterable(Rc::new(get_async_iterator(cx, async_iterable)?)));
    // 3-8. Set stream to ! CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, 0).
    Ok(ReadableStream::create(cx, global, record, 0.0))
}

/// Rejects with the pending exception.
fn rejected_with_exception(cx: &mut JSContext, global: &Window) -> Rc<Promise> {
    rooted!(&in(cx) let mut error = UndefinedValue());
    take_exception(cx, global, error.handle_mut());
    rejected_with(cx, global, error.handle())
}

/// Rejects with a new TypeError.
fn rejected_with_type_error(cx: &mut JSContext, global: &Window, message: &str) -> Rc<Promise> {
    Promise::new_rejected(cx, global, Error::Type(message.into()))
}

/// IteratorNext: calls `next` on the iterator.
fn iterator_next(cx: &mut JSContext, record: &IteratorRecord, rval: MutableHandleValue) -> Result<(), ()> {
    rooted!(&in(cx) let next = record.next_method.get());
    if !crate::dom::bindings::conversions::is_callable(next.handle()) {
        crate::dom::bindings::error::throw_type_error(cx, "The iterator's next method is not a function.");
        return Err(());
    }
    rooted!(&in(cx) let next = next.get().to_object());
    rooted!(&in(cx) let this = ObjectValue(record.iterator.get()));
    call_function(cx, next.handle(), this.handle(), &[], rval)
}

/// The pull algorithm (step 5).
pub fn pull(
    cx: &mut JSContext,
    global: &Window,
    record: &Rc<IteratorRecord>,
    controller: &ReadableStreamDefaultController,
) -> Rc<Promise> {
    // 5.1. Let nextResult be IteratorNext(iteratorRecord).
    rooted!(&in(cx) let mut next_result = UndefinedValue());
    // 5.2. If nextResult is an abrupt completion, return a promise rejected with nextResult.[[Value]].
    if iterator_next(cx, record, next_result.handle_mut()).is_err() {
        return rejected_with_exception(cx, global);
    }
    let pull_promise = Promise::new(cx, global);
    if !record.is_async {
        // CreateAsyncFromSyncIterator's next(): the sync result's object check, `done` and
        // `value` are read now, and the value awaited (AsyncFromSyncIteratorContinuation).
        if !next_result.get().is_object() {
            return rejected_with_type_error(cx, global, "The iterator result is not an object.");
        }
        rooted!(&in(cx) let result = next_result.get().to_object());
        rooted!(&in(cx) let mut done = UndefinedValue());
        rooted!(&in(cx) let mut value = UndefinedValue());
        let gets = crate::dom::bindings::conversions::get_property(cx, result.handle(), c"done", done.handle_mut())
            .and_then(|_| {
                crate::dom::bindings::conversions::get_property(cx, result.handle(), c"value", value.handle_mut())
            });
        if gets.is_err() {
            return rejected_with_exception(cx, global);
        }
        // SAFETY: `done` is rooted; ToBoolean cannot run script or GC.
        let done = unsafe { mozjs::rust::ToBoolean(done.handle()) };
        let value_promise = resolved_with(cx, global, value.handle());
        react(
            cx,
            value_promise.promise_obj(),
            (Dom::from_ref(controller), pull_promise.clone(), done),
            |cx, (controller, pull_promise, done), value| {
                settle_step(cx, controller, *done, value);
                pull_promise.resolve_native(cx, &());
            },
            |cx, (_, pull_promise, _), reason| pull_promise.reject(cx, reason),
        );
        return pull_promise;
    }
    // 5.3. Let nextPromise be a promise resolved with nextResult.[[Value]].
    let next_promise = resolved_with(cx, global, next_result.handle());
    // 5.4. Return the result of reacting to nextPromise with fulfillment steps given iterResult:
    react(
        cx,
        next_promise.promise_obj(),
        (Dom::from_ref(controller), pull_promise.clone(), false),
        |cx, (controller, pull_promise, _), iter_result| {
            // 5.4.1. If iterResult is not an Object, throw a TypeError.
            if !iter_result.get().is_object() {
                let global = controller.global();
                rooted!(&in(cx) let mut error = UndefinedValue());
                error_to_jsval(
                    cx,
                    &global,
                    Error::Type("The iterator result is not an object.".into()),
                    error.handle_mut(),
                );
                pull_promise.reject(cx, error.handle());
                return;
            }
            // 5.4.2. Let done be ? IteratorComplete(iterResult).
            rooted!(&in(cx) let result = iter_result.get().to_object());
            rooted!(&in(cx) let mut done = UndefinedValue());
            rooted!(&in(cx) let mut value = UndefinedValue());
            if crate::dom::bindings::conversions::get_property(cx, result.handle(), c"done", done.handle_mut()).is_err()
            {
                reject_with_exception(cx, controller, pull_promise);
                return;
            }
            // SAFETY: `done` is rooted; ToBoolean cannot run script or GC.
            let done = unsafe { mozjs::rust::ToBoolean(done.handle()) };
            // 5.4.4.1. Let value be ? IteratorValue(iterResult).
            if !done
                && crate::dom::bindings::conversions::get_property(cx, result.handle(), c"value", value.handle_mut())
                    .is_err()
            {
                reject_with_exception(cx, controller, pull_promise);
                return;
            }
            settle_step(cx, controller, done, value.handle());
            pull_promise.resolve_native(cx, &());
        },
        |cx, (_, pull_promise, _), reason| pull_promise.reject(cx, reason),
    );
    pull_promise
}

fn reject_with_exception(cx: &mut JSContext, controller: &ReadableStreamDefaultController, promise: &Promise) {
    rooted!(&in(cx) let mut error = UndefinedValue());
    take_exception(cx, &controller.global(), error.handle_mut());
    promise.reject(cx, error.handle());
}

/// 5.4.3-4: "If done is true: perform ! ReadableStreamDefaultControllerClose(stream.[[controller]]).
/// Otherwise: perform ! ReadableStreamDefaultControllerEnqueue(stream.[[controller]], value)."
fn settle_step(cx: &mut JSContext, controller: &ReadableStreamDefaultController, done: bool, value: HandleValue) {
    if done {
        controller.close(cx);
    } else {
        // The size algorithm returns 1, so enqueueing cannot fail.
        let _ = controller.enqueue(cx, value);
    }
}

/// The cancel algorithm (step 6).
pub fn cancel(cx: &mut JSContext, global: &Window, record: &Rc<IteratorRecord>, reason: HandleValue) -> Rc<Promise> {
    // 6.1. Let iterator be iteratorRecord.[[Iterator]].
    rooted!(&in(cx) let iterator = record.iterator.get());
    // 6.2. Let returnMethod be GetMethod(iterator, "return"). 6.3. If abrupt, reject with it.
    rooted!(&in(cx) let mut method = UndefinedValue());
    if crate::dom::bindings::conversions::get_property(cx, iterator.handle(), c"return", method.handle_mut()).is_err() {
        return rejected_with_exception(cx, global);
    }
    // 6.4. If returnMethod.[[Value]] is undefined, return a promise resolved with undefined.
    if method.get().is_null_or_undefined() {
        return Promise::new_resolved(cx, global, &());
    }
    if !crate::dom::bindings::conversions::is_callable(method.handle()) {
        return rejected_with_type_error(cx, global, "The iterator's return method is not a function.");
    }
    // 6.5. Let returnResult be Call(returnMethod.[[Value]], iterator, « reason »).
    // 6.6. If returnResult is an abrupt completion, return a promise rejected with it.
    rooted!(&in(cx) let callable = method.get().to_object());
    rooted!(&in(cx) let this = ObjectValue(iterator.get()));
    rooted!(&in(cx) let mut result = UndefinedValue());
    if call_function(cx, callable.handle(), this.handle(), &[reason.get()], result.handle_mut()).is_err() {
        return rejected_with_exception(cx, global);
    }
    if !record.is_async {
        // CreateAsyncFromSyncIterator's return(): a non-object result is a TypeError.
        if !result.get().is_object() {
            return rejected_with_type_error(cx, global, "The iterator result is not an object.");
        }
        return Promise::new_resolved(cx, global, &());
    }
    // 6.7. Let returnPromise be a promise resolved with returnResult.[[Value]].
    let return_promise = resolved_with(cx, global, result.handle());
    // 6.8. React: "If iterResult is not an Object, throw a TypeError. Return undefined."
    let promise = Promise::new(cx, global);
    react(
        cx,
        return_promise.promise_obj(),
        promise.clone(),
        |cx, promise, iter_result| {
            if iter_result.get().is_object() {
                promise.resolve_native(cx, &());
            } else {
                promise.reject_error(cx, Error::Type("The iterator result is not an object.".into()));
            }
        },
        |cx, promise, reason| promise.reject(cx, reason),
    );
    promise
}
