//! The ArrayBuffer and view operations readable byte streams use
//! (<https://streams.spec.whatwg.org/#misc-abstract-ops>): IsDetachedBuffer, TransferArrayBuffer,
//! CanTransferArrayBuffer, CloneArrayBuffer/CloneAsUint8Array, CopyDataBlockBytes, and the view
//! constructors of the typed array constructors table.
//!
//! Every function takes objects that the caller keeps rooted, and creates new objects in the
//! realm the caller has entered.

use mozjs::context::JSContext;
use mozjs::jsapi::{JSObject, Scalar};
use mozjs::jsval::ObjectValue;
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::error::{Error, Fallible};

/// A pull-into descriptor's view constructor: a typed array constructor or %DataView%.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewType {
    DataView,
    Typed(Scalar::Type),
}

impl ViewType {
    /// The element size of the typed array constructors table (1 for a DataView).
    pub fn element_size(self) -> usize {
        match self {
            ViewType::DataView => 1,
            ViewType::Typed(kind) => match kind {
                Scalar::Type::Int8 | Scalar::Type::Uint8 | Scalar::Type::Uint8Clamped => 1,
                Scalar::Type::Int16 | Scalar::Type::Uint16 | Scalar::Type::Float16 => 2,
                Scalar::Type::Int32 | Scalar::Type::Uint32 | Scalar::Type::Float32 => 4,
                _ => 8,
            },
        }
    }
}

/// What a byte stream needs to know of an ArrayBufferView: `[[ViewedArrayBuffer]]`,
/// `[[ByteOffset]]`, `[[ByteLength]]`, and its type.
pub struct ViewInfo {
    pub buffer: *mut JSObject,
    pub byte_offset: usize,
    pub byte_length: usize,
    pub kind: ViewType,
    /// `[[ArrayLength]]` for a typed array, `[[ByteLength]]` for a DataView.
    pub length: usize,
}

/// The ArrayBufferView `value` is (seen through a cross-compartment wrapper), or `None` for
/// any other value.
pub fn as_view(value: HandleValue) -> Option<*mut JSObject> {
    if !value.get().is_object() {
        return None;
    }
    // SAFETY: `value` is rooted; unwrapping only reads the object graph.
    let object = unsafe { mozjs::jsapi::js::CheckedUnwrapStatic(value.get().to_object()) };
    // SAFETY: `object` is a live object (or null, checked first).
    (!object.is_null() && unsafe { mozjs::jsapi::JS_IsArrayBufferViewObject(object) }).then_some(object)
}

/// The slots of `view` (an unwrapped ArrayBufferView). A view of a detached buffer has byte
/// length and offset 0.
///
/// `view` is a handle: reading the buffer of a typed array whose data is inline allocates the
/// buffer object, and a collection then may move the view (a raw pointer held by the caller
/// would be left pointing at its old place; found under GC zeal).
pub fn view_info(cx: &mut JSContext, view: HandleObject) -> ViewInfo {
    // SAFETY: `view` is a rooted, unwrapped ArrayBufferView, as these functions require.
    unsafe {
        let typed = mozjs::jsapi::JS_IsTypedArrayObject(view.get());
        let kind = if typed {
            ViewType::Typed(mozjs::jsapi::JS_GetArrayBufferViewType(view.get()))
        } else {
            ViewType::DataView
        };
        let byte_length = mozjs::jsapi::JS_GetArrayBufferViewByteLength(view.get());
        let byte_offset = mozjs::jsapi::JS_GetArrayBufferViewByteOffset(view.get());
        let mut shared = false;
        let buffer = mozjs::jsapi::JS_GetArrayBufferViewBuffer(cx.raw_cx(), view.into(), &mut shared);
        let length = if typed { mozjs::jsapi::JS_GetTypedArrayLength(view.get()) } else { byte_length };
        ViewInfo { buffer, byte_offset, byte_length, kind, length }
    }
}

/// Whether `buffer` is a SharedArrayBuffer (which a byte stream cannot transfer).
// FIXME(issue 17): a safe fn that hands a raw pointer to SpiderMonkey; every caller passes a
// live, rooted buffer, but the type does not check it (should take a HandleObject).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn is_shared(buffer: *mut JSObject) -> bool {
    // SAFETY: `buffer` is a live ArrayBuffer or SharedArrayBuffer object.
    unsafe { mozjs::jsapi::IsSharedArrayBufferObject(buffer) }
}

/// IsDetachedBuffer(O).
// FIXME(issue 17): a safe fn that hands a raw pointer to SpiderMonkey; every caller passes a
// live, rooted buffer, but the type does not check it (should take a HandleObject).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn is_detached(buffer: *mut JSObject) -> bool {
    // SAFETY: `buffer` is a live ArrayBuffer object; a SharedArrayBuffer is never detached.
    !is_shared(buffer) && unsafe { mozjs::jsapi::IsDetachedArrayBufferObject(buffer) }
}

/// `[[ArrayBufferByteLength]]`.
// FIXME(issue 17): a safe fn that hands a raw pointer to SpiderMonkey; every caller passes a
// live, rooted buffer, but the type does not check it (should take a HandleObject).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn byte_length(buffer: *mut JSObject) -> usize {
    // SAFETY: `buffer` is a live ArrayBuffer object.
    unsafe { mozjs::jsapi::GetArrayBufferByteLength(buffer) }
}

/// <https://streams.spec.whatwg.org/#can-transfer-array-buffer>
pub fn can_transfer(cx: &mut JSContext, buffer: *mut JSObject) -> bool {
    // 3. If ! IsDetachedBuffer(O) is true, return false.
    if is_shared(buffer) || is_detached(buffer) {
        return false;
    }
    // 4. If SameValue(O.[[ArrayBufferDetachKey]], undefined) is false, return false.
    rooted!(&in(cx) let buffer = buffer);
    let mut defined = false;
    // SAFETY: `buffer` is a rooted ArrayBuffer.
    let ok = unsafe { mozjs::jsapi::HasDefinedArrayBufferDetachKey(cx.raw_cx(), buffer.handle().into(), &mut defined) };
    ok && !defined
}

/// <https://streams.spec.whatwg.org/#transfer-array-buffer>: a new ArrayBuffer holding `buffer`'s
/// data, with `buffer` detached. Throws a TypeError for a buffer that cannot be detached (a
/// SharedArrayBuffer, a WebAssembly memory's buffer).
pub fn transfer(cx: &mut JSContext, buffer: *mut JSObject) -> Fallible<*mut JSObject> {
    // 1. Assert: ! IsDetachedBuffer(O) is false. (Callers check; a detached buffer is a
    // TypeError here rather than an assertion.)
    if !can_transfer(cx, buffer) {
        return Err(Error::Type("The ArrayBuffer cannot be transferred.".into()));
    }
    rooted!(&in(cx) let buffer = buffer);
    // 2-3. Let arrayBufferData and arrayBufferByteLength be O's.
    let length = byte_length(buffer.get());
    // 4. Perform ? DetachArrayBuffer(O). (Stealing the contents detaches the buffer.)
    // SAFETY: `buffer` is a rooted, detachable ArrayBuffer; the stolen contents are handed to
    // the new buffer, which owns them from then on.
    unsafe {
        let contents = mozjs::jsapi::StealArrayBufferContents(cx.raw_cx(), buffer.handle().into());
        if contents.is_null() {
            return Err(Error::JSFailed);
        }
        // 5. Return a new ArrayBuffer in the current realm whose data is arrayBufferData.
        let new = mozjs::jsapi::NewArrayBufferWithContents(cx.raw_cx(), length, contents);
        if new.is_null() {
            return Err(Error::JSFailed);
        }
        Ok(new)
    }
}

/// A new ArrayBuffer of `length` zeroed bytes (Construct(%ArrayBuffer%, « length »)); a length
/// the engine cannot allocate is a RangeError, left pending as `Error::JSFailed`.
pub fn allocate(cx: &mut JSContext, length: usize) -> Fallible<*mut JSObject> {
    // SAFETY: allocating an ArrayBuffer has no precondition beyond a realm, which callers enter.
    let buffer = unsafe { mozjs::jsapi::NewArrayBuffer(cx.raw_cx(), length) };
    if buffer.is_null() { Err(Error::JSFailed) } else { Ok(buffer) }
}

/// CloneArrayBuffer(srcBuffer, srcByteOffset, srcLength, %ArrayBuffer%): a new ArrayBuffer
/// holding a copy of the bytes.
pub fn clone_range(cx: &mut JSContext, buffer: *mut JSObject, offset: usize, length: usize) -> Fallible<*mut JSObject> {
    rooted!(&in(cx) let source = buffer);
    rooted!(&in(cx) let clone = allocate(cx, length)?);
    copy(cx, clone.get(), 0, source.get(), offset, length)?;
    Ok(clone.get())
}

/// CopyDataBlockBytes(to, toIndex, from, fromIndex, count), after CanCopyDataBlockBytes (a
/// failed check is a TypeError instead of a crash).
pub fn copy(
    cx: &mut JSContext,
    to: *mut JSObject,
    to_index: usize,
    from: *mut JSObject,
    from_index: usize,
    count: usize,
) -> Fallible<()> {
    if count == 0 {
        return Ok(());
    }
    if is_detached(to)
        || is_detached(from)
        || to_index + count > byte_length(to)
        || from_index + count > byte_length(from)
    {
        return Err(Error::Type("The bytes cannot be copied between these buffers.".into()));
    }
    rooted!(&in(cx) let to = to);
    rooted!(&in(cx) let from = from);
    // SAFETY: both buffers are rooted, attached, and the ranges were checked above.
    let ok = unsafe {
        mozjs::jsapi::ArrayBufferCopyData(
            cx.raw_cx(),
            to.handle().into(),
            to_index,
            from.handle().into(),
            from_index,
            count,
        )
    };
    if ok { Ok(()) } else { Err(Error::JSFailed) }
}

/// Construct(ctor, « buffer, byteOffset, length »): a view of type `kind` on `buffer`
/// (`length` in elements; in bytes for a DataView).
pub fn construct_view(
    cx: &mut JSContext,
    kind: ViewType,
    buffer: *mut JSObject,
    byte_offset: usize,
    length: usize,
    mut rval: MutableHandleValue,
) -> Fallible<()> {
    rooted!(&in(cx) let buffer = buffer);
    let handle: HandleObject = buffer.handle();
    let length_i64 = length as i64;
    // SAFETY: `buffer` is a rooted ArrayBuffer; each constructor checks the range and throws
    // (returning null) when it does not fit.
    let view = unsafe {
        let cx = cx.raw_cx();
        let b = handle.into();
        use mozjs::jsapi::*;
        match kind {
            ViewType::DataView => JS_NewDataView(cx, b, byte_offset, length),
            ViewType::Typed(t) => match t {
                Scalar::Type::Int8 => JS_NewInt8ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Uint8 => JS_NewUint8ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Uint8Clamped => JS_NewUint8ClampedArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Int16 => JS_NewInt16ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Uint16 => JS_NewUint16ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Float16 => JS_NewFloat16ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Int32 => JS_NewInt32ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Uint32 => JS_NewUint32ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Float32 => JS_NewFloat32ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::Float64 => JS_NewFloat64ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::BigInt64 => JS_NewBigInt64ArrayWithBuffer(cx, b, byte_offset, length_i64),
                Scalar::Type::BigUint64 => JS_NewBigUint64ArrayWithBuffer(cx, b, byte_offset, length_i64),
                _ => ::std::ptr::null_mut(),
            },
        }
    };
    if view.is_null() {
        return Err(Error::JSFailed);
    }
    rval.set(ObjectValue(view));
    Ok(())
}

/// A `Uint8Array` on `buffer` (Construct(%Uint8Array%, « buffer, byteOffset, byteLength »)).
pub fn uint8_view(
    cx: &mut JSContext,
    buffer: *mut JSObject,
    byte_offset: usize,
    byte_length: usize,
    rval: MutableHandleValue,
) -> Fallible<()> {
    construct_view(cx, ViewType::Typed(Scalar::Type::Uint8), buffer, byte_offset, byte_length, rval)
}

/// <https://streams.spec.whatwg.org/#abstract-opdef-cloneasuint8array>
pub fn clone_as_uint8_array(cx: &mut JSContext, view: *mut JSObject, rval: MutableHandleValue) -> Fallible<()> {
    rooted!(&in(cx) let view = view);
    let info = view_info(cx, view.handle());
    // 4. Let buffer be ? CloneArrayBuffer(O.[[ViewedArrayBuffer]], O.[[ByteOffset]],
    // O.[[ByteLength]], %ArrayBuffer%).
    rooted!(&in(cx) let buffer = clone_range(cx, info.buffer, info.byte_offset, info.byte_length)?);
    // 5. Let array be ! Construct(%Uint8Array%, « buffer »).
    uint8_view(cx, buffer.get(), 0, info.byte_length, rval)
}
