//! Queuing strategies (<https://streams.spec.whatwg.org/#qs>): `ByteLengthQueuingStrategy`,
//! `CountQueuingStrategy`, the `QueuingStrategy` dictionary a stream constructor takes, and the
//! abstract operations ExtractHighWaterMark and ExtractSizeAlgorithm.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{CallArgs, Heap, JSContext as RawJSContext, JSObject, Value};
use mozjs::jsval::{Int32Value, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::callback::CallbackFunction;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::ByteLengthQueuingStrategyBinding::ByteLengthQueuingStrategyMethods;
use crate::dom::bindings::codegen::CountQueuingStrategyBinding::CountQueuingStrategyMethods;
use crate::dom::bindings::codegen::Dictionaries::QueuingStrategyInit;
use crate::dom::bindings::conversions::get_property;
use crate::dom::bindings::error::{Error, Fallible, throw_type_error_raw};
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{DomRoot, RootedTraceableBox};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// The `QueuingStrategy` dictionary (<https://streams.spec.whatwg.org/#dictdef-queuingstrategy>),
/// converted by hand: `highWaterMark` (unrestricted double) and `size` (a callback).
#[derive(JSTraceable)]
pub struct QueuingStrategy {
    pub high_water_mark: Option<f64>,
    pub size: Option<CallbackFunction>,
}

/// Converts `value` to a `QueuingStrategy` (<https://webidl.spec.whatwg.org/#es-dictionary>):
/// undefined and null give the empty dictionary, another non-object is a TypeError, and the
/// members are read in order (`highWaterMark`, then `size`). The result is rooted.
pub fn convert_queuing_strategy(
    cx: &mut JSContext,
    value: HandleValue,
) -> Fallible<RootedTraceableBox<QueuingStrategy>> {
    let mut strategy = QueuingStrategy { high_water_mark: None, size: None };
    if value.get().is_null_or_undefined() {
        return Ok(RootedTraceableBox::new(strategy));
    }
    if !value.get().is_object() {
        return Err(Error::Type("The strategy is not of type 'QueuingStrategy'.".into()));
    }
    rooted!(&in(cx) let object = value.get().to_object());
    rooted!(&in(cx) let mut member = UndefinedValue());
    get_property(cx, object.handle(), c"highWaterMark", member.handle_mut()).map_err(|_| Error::JSFailed)?;
    if !member.get().is_undefined() {
        // SAFETY: `member` is rooted; ToNumber may run script, which is allowed here.
        let number = unsafe { mozjs::rust::ToNumber(cx, member.handle()) }.map_err(|_| Error::JSFailed)?;
        strategy.high_water_mark = Some(number);
    }
    get_property(cx, object.handle(), c"size", member.handle_mut()).map_err(|_| Error::JSFailed)?;
    if !member.get().is_undefined() {
        if !crate::dom::bindings::conversions::is_callable(member.handle()) {
            return Err(Error::Type("The strategy's 'size' member is not a function.".into()));
        }
        strategy.size = Some(CallbackFunction::new(member.get().to_object()));
    }
    // Nothing runs between reading `size` and rooting it.
    Ok(RootedTraceableBox::new(strategy))
}

/// <https://streams.spec.whatwg.org/#validate-and-normalize-high-water-mark>
pub fn extract_high_water_mark(strategy: &QueuingStrategy, default: f64) -> Fallible<f64> {
    // 1. If strategy["highWaterMark"] does not exist, return defaultHWM.
    let Some(hwm) = strategy.high_water_mark else { return Ok(default) };
    // 3. If highWaterMark is NaN or highWaterMark < 0, throw a RangeError exception.
    if hwm.is_nan() || hwm < 0.0 {
        return Err(Error::Range("The high water mark must be a non-negative number.".into()));
    }
    Ok(hwm)
}

/// The per-realm `size` functions of the two strategies: "the same function object for every
/// instance in a realm" (<https://streams.spec.whatwg.org/#blqs-internal-slots>). Kept on the
/// Window, created on first use.
#[derive(Default, JSTraceable)]
pub struct SizeFunctions {
    byte_length: Box<Heap<*mut JSObject>>,
    count: Box<Heap<*mut JSObject>>,
}

/// <https://streams.spec.whatwg.org/#byte-length-queuing-strategy-size-function>:
/// "Return ? GetV(chunk, "byteLength")."
unsafe extern "C" fn byte_length_size(raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: SpiderMonkey calls a native with a valid vp/argc and the current context.
    let args = unsafe { CallArgs::from_vp(vp, argc) };
    let chunk = if argc > 0 { args.get(0).get() } else { UndefinedValue() };
    if chunk.is_null_or_undefined() {
        unsafe { throw_type_error_raw(raw, "Cannot read property 'byteLength' of the chunk.") };
        return false;
    }
    let mut cx = unsafe { JSContext::from_ptr(std::ptr::NonNull::new_unchecked(raw)) };
    rooted!(&in(&mut cx) let chunk = chunk);
    rooted!(&in(&mut cx) let mut object = std::ptr::null_mut::<JSObject>());
    // GetV: ToObject(chunk), then [[Get]] with chunk as the receiver.
    if !unsafe { mozjs::jsapi::JS_ValueToObject(raw, chunk.handle().into(), object.handle_mut().into()) } {
        return false;
    }
    // SAFETY: `object` is rooted and the return value slot is the call's own.
    unsafe { mozjs::jsapi::JS_GetProperty(raw, object.handle().into(), c"byteLength".as_ptr(), args.rval()) }
}

/// <https://streams.spec.whatwg.org/#count-queuing-strategy-size-function>: "Return 1."
unsafe extern "C" fn count_size(_raw: *mut RawJSContext, argc: u32, vp: *mut Value) -> bool {
    // SAFETY: as above.
    let args = unsafe { CallArgs::from_vp(vp, argc) };
    args.rval().set(Int32Value(1));
    true
}

impl SizeFunctions {
    fn get(
        cx: &mut JSContext,
        window: &Window,
        slot: fn(&SizeFunctions) -> &Heap<*mut JSObject>,
        native: unsafe extern "C" fn(*mut RawJSContext, u32, *mut Value) -> bool,
        length: u32,
    ) -> *mut JSObject {
        let cached = slot(window.streams_size_functions()).get();
        if !cached.is_null() {
            return cached;
        }
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
        // "Let F be ! CreateBuiltinFunction(steps, length (1 for byte length, 0 for count), "size", « », globalObject's relevant Realm)."
        let fun = unsafe { mozjs::jsapi::JS_NewFunction(cx.raw_cx(), Some(native), length, 0, c"size".as_ptr()) };
        assert!(!fun.is_null(), "out of memory creating a size function");
        let obj = unsafe { mozjs::jsapi::JS_GetFunctionObject(fun) };
        slot(window.streams_size_functions()).set(obj);
        obj
    }
}

/// <https://streams.spec.whatwg.org/#bytelengthqueuingstrategy>
#[dom_struct]
pub struct ByteLengthQueuingStrategy {
    reflector_: Reflector,
    /// [[highWaterMark]]
    high_water_mark: f64,
}

impl ByteLengthQueuingStrategyMethods for ByteLengthQueuingStrategy {
    /// <https://streams.spec.whatwg.org/#blqs-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &QueuingStrategyInit,
    ) -> Fallible<DomRoot<ByteLengthQueuingStrategy>> {
        // "Set this.[[highWaterMark]] to init["highWaterMark"]."
        let strategy =
            ByteLengthQueuingStrategy { reflector_: Reflector::new(), high_water_mark: init.high_water_mark };
        Ok(reflect_dom_object_with_proto(cx, Box::new(strategy), global, proto))
    }

    /// <https://streams.spec.whatwg.org/#blqs-high-water-mark>
    fn HighWaterMark(&self, _cx: &mut JSContext) -> f64 {
        self.high_water_mark
    }

    /// <https://streams.spec.whatwg.org/#blqs-size>: "Return this's relevant global object's
    /// byte length queuing strategy size function."
    fn Size(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(ObjectValue(SizeFunctions::get(cx, &self.global(), |f| &f.byte_length, byte_length_size, 1)));
    }
}

/// <https://streams.spec.whatwg.org/#countqueuingstrategy>
#[dom_struct]
pub struct CountQueuingStrategy {
    reflector_: Reflector,
    /// [[highWaterMark]]
    high_water_mark: f64,
}

impl CountQueuingStrategyMethods for CountQueuingStrategy {
    /// <https://streams.spec.whatwg.org/#cqs-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &QueuingStrategyInit,
    ) -> Fallible<DomRoot<CountQueuingStrategy>> {
        // "Set this.[[highWaterMark]] to init["highWaterMark"]."
        let strategy = CountQueuingStrategy { reflector_: Reflector::new(), high_water_mark: init.high_water_mark };
        Ok(reflect_dom_object_with_proto(cx, Box::new(strategy), global, proto))
    }

    /// <https://streams.spec.whatwg.org/#cqs-high-water-mark>
    fn HighWaterMark(&self, _cx: &mut JSContext) -> f64 {
        self.high_water_mark
    }

    /// <https://streams.spec.whatwg.org/#cqs-size>: "Return this's relevant global object's count
    /// queuing strategy size function."
    fn Size(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(ObjectValue(SizeFunctions::get(cx, &self.global(), |f| &f.count, count_size, 0)));
    }
}
