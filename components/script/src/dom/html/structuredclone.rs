//! `structuredClone()` (<https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone>)
//! on SpiderMonkey's structured clone algorithm: primitives, plain objects, arrays, Date, RegExp,
//! Map, Set, ArrayBuffer and views, Error objects and wrapper objects are cloned by the engine;
//! Aperture's read/write hooks add the serializable platform objects (`[Serializable]`):
//! `DOMPoint(ReadOnly)`, `DOMRect(ReadOnly)`, `DOMQuad`, `DOMMatrix(ReadOnly)`, `Blob`, `File`,
//! `ImageData` and `ImageBitmap` (its pixels shared, not copied). Everything else (functions,
//! symbols, other DOM objects) is a "DataCloneError" DOMException.
//!
//! FIXME: the `transfer` option (StructuredSerializeOptions) is not supported; the second
//! argument is not declared.

// FIXME(issue 17): some unsafe blocks and `unsafe fn`s of this module still lack their
// `// SAFETY:` comment or `# Safety` section; the lints are allowed here until they are written.
#![allow(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

use std::ffi::CStr;
use std::os::raw::{c_char, c_void};

use mozjs::context::JSContext;
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::inheritance::Castable;

use crate::dom::bindings::error::{Error, ErrorResult};

/// The closure of one clone: where the error hook leaves SpiderMonkey's message, and the
/// ImageBitmap pixels passed from the write hook to the read hook (same process, same call).
struct CloneError {
    message: Option<String>,
    bitmaps: Vec<base::VideoFrame>,
    /// The MessagePorts of the transfer list: inside the message they are written by index.
    ports: Vec<*mut mozjs::jsapi::JSObject>,
    /// The new ports that replace them at the receiving side, same indices.
    new_ports: Vec<*mut mozjs::jsapi::JSObject>,
    /// The OffscreenCanvases of the transfer list: inside the message they are written by
    /// index.
    canvases: Vec<*mut mozjs::jsapi::JSObject>,
    /// What each of them carries to the receiving side, same indices.
    received_canvases: Vec<crate::dom::canvas::placeholder::TransferredCanvas>,
    /// The VideoFrames in the message (serialized or transferred): their data, pixels shared.
    frames: Vec<crate::dom::webcodecs::videoframe::FrameData>,
    /// The transferred streams: reflector, kind, and the index in `ports`/`new_ports` of the
    /// port that carries each (a TransformStream's writable side is at the next index).
    streams: Vec<(*mut mozjs::jsapi::JSObject, u32, u32)>,
    /// The MediaStreamTracks of the transfer list: inside the message they are written by index.
    tracks: Vec<*mut mozjs::jsapi::JSObject>,
    /// Same thread: the tracks that replace them at the receiving side, same indices.
    new_tracks: Vec<*mut mozjs::jsapi::JSObject>,
    /// Another thread: what each of them carries, same indices (taken when read).
    received_tracks: Vec<Option<crate::dom::mediacapture::mediastreamtrack::TransferredTrack>>,
}

impl CloneError {
    fn new() -> CloneError {
        CloneError {
            message: None,
            bitmaps: Vec::new(),
            ports: Vec::new(),
            new_ports: Vec::new(),
            canvases: Vec::new(),
            received_canvases: Vec::new(),
            frames: Vec::new(),
            streams: Vec::new(),
            tracks: Vec::new(),
            new_tracks: Vec::new(),
            received_tracks: Vec::new(),
        }
    }
}

/// The reflectors of `objects` (for the write hook's identity checks).
fn reflectors<T: crate::dom::bindings::reflector::DomObject>(
    objects: &[crate::dom::bindings::root::DomRoot<T>],
) -> Vec<*mut mozjs::jsapi::JSObject> {
    objects.iter().map(|o| o.reflector().get_raw()).collect()
}

/// The `reportError` hook: records the message instead of throwing SpiderMonkey's own error,
/// so the caller throws the DOMException the HTML Standard names.
unsafe extern "C" fn report_error(
    _cx: *mut mozjs::jsapi::JSContext,
    _id: u32,
    closure: *mut c_void,
    message: *const c_char,
) {
    // SAFETY: `closure` is the `CloneError` that `structured_clone` passes for this call, alive
    // until JS_StructuredClone returns; `message` is null or a C string owned by SpiderMonkey.
    unsafe {
        let error = &mut *(closure as *mut CloneError);
        error.message = Some(if message.is_null() {
            String::new()
        } else {
            CStr::from_ptr(message).to_string_lossy().into_owned()
        });
    }
}

static CALLBACKS: mozjs::jsapi::JSStructuredCloneCallbacks = mozjs::jsapi::JSStructuredCloneCallbacks {
    read: Some(read_platform_object),
    write: Some(write_platform_object),
    reportError: Some(report_error),
    readTransfer: None,
    writeTransfer: None,
    freeTransfer: None,
    canTransfer: None,
    sabCloned: None,
};

/// StructuredSerialize then StructuredDeserialize of `value` in the current realm.
pub fn structured_clone(cx: &mut JSContext, value: HandleValue, rval: MutableHandleValue) -> ErrorResult {
    let mut closure = CloneError::new();
    clone_with(cx, value, rval, &mut closure, "structuredClone")
}

/// The objects of a transfer list, by kind, in list order.
struct TransferList {
    buffers: Vec<*mut mozjs::jsapi::JSObject>,
    bitmaps: Vec<crate::dom::bindings::root::DomRoot<crate::dom::images::imagebitmap::ImageBitmap>>,
    ports: Vec<crate::dom::bindings::root::DomRoot<crate::dom::webmessaging::messageport::MessagePort>>,
    canvases: Vec<crate::dom::bindings::root::DomRoot<crate::dom::canvas::offscreencanvas::OffscreenCanvas>>,
    frames: Vec<crate::dom::bindings::root::DomRoot<crate::dom::webcodecs::videoframe::VideoFrame>>,
    tracks: Vec<crate::dom::bindings::root::DomRoot<crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack>>,
    /// Streams (reflectors) and their kind, in list order.
    streams: Vec<(*mut mozjs::jsapi::JSObject, u32)>,
    /// How many of `ports` the page listed (the rest carry transferred streams and are not
    /// exposed in `MessageEvent.ports`).
    user_ports: usize,
}

/// Runs the transfer steps of the streams in `list` (each becomes a port that joins the
/// transferred ports) and returns, for the clone hooks, each stream's reflector, kind and port
/// index.
fn transfer_streams(
    cx: &mut JSContext,
    list: &mut TransferList,
) -> Result<Vec<(*mut mozjs::jsapi::JSObject, u32, u32)>, Error> {
    use crate::dom::bindings::conversions::root_from_object;
    use crate::dom::streams::readablestream::ReadableStream;
    use crate::dom::streams::transfer::{transfer_readable, transfer_writable};
    use crate::dom::streams::transformstream::TransformStream;
    use crate::dom::streams::writablestream::WritableStream;
    let mut out = Vec::new();
    // Each stream's transfer steps check its lock again: an earlier entry (a TransformStream)
    // may have locked a later one (its own readable or writable side) by piping it.
    let locked = || Error::DataClone("A locked stream cannot be transferred.".into());
    for &(object, kind) in &list.streams.clone() {
        let index = list.ports.len() as u32;
        // SAFETY: `object` is a live, rooted member of the caller's transfer list, of `kind`.
        unsafe {
            match kind {
                tag::READABLE_STREAM => {
                    if let Some(stream) = root_from_object::<ReadableStream>(object) {
                        if stream.is_locked() {
                            return Err(locked());
                        }
                        list.ports.push(transfer_readable(cx, &stream));
                    }
                }
                tag::WRITABLE_STREAM => {
                    if let Some(stream) = root_from_object::<WritableStream>(object) {
                        if stream.is_locked() {
                            return Err(locked());
                        }
                        list.ports.push(transfer_writable(cx, &stream));
                    }
                }
                _ => {
                    // TransformStream's transfer steps: its readable, then its writable.
                    if let Some(stream) = root_from_object::<TransformStream>(object) {
                        if stream.readable().is_locked() || stream.writable().is_locked() {
                            return Err(locked());
                        }
                        list.ports.push(transfer_readable(cx, &stream.readable()));
                        list.ports.push(transfer_writable(cx, &stream.writable()));
                    }
                }
            }
        }
        out.push((object, kind, index));
    }
    Ok(out)
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializewithtransfer>
/// step 2, "for each transferable of transferList", and the checks of each interface's transfer
/// steps that must pass before anything moves (both the same-thread and the cross-thread path).
fn check_transfer_list(transfer: &[*mut mozjs::jsapi::JSObject]) -> Result<TransferList, Error> {
    use crate::dom::bindings::conversions::root_from_object;
    let mut list = TransferList {
        buffers: Vec::new(),
        bitmaps: Vec::new(),
        ports: Vec::new(),
        canvases: Vec::new(),
        frames: Vec::new(),
        tracks: Vec::new(),
        streams: Vec::new(),
        user_ports: 0,
    };
    for (index, &object) in transfer.iter().enumerate() {
        // 2.3 If memory[transferable] exists, then throw a "DataCloneError" DOMException.
        if transfer[..index].contains(&object) {
            return Err(Error::DataClone("The transfer list contains the same object twice.".into()));
        }
        // SAFETY: `object` is a live object of the caller's converted transfer list; unwrapping
        // checks its class.
        if unsafe { mozjs::jsapi::IsArrayBufferObject(object) } {
            // 2.4 A detached ArrayBuffer is a DataCloneError.
            // SAFETY: `object` is an ArrayBuffer.
            if unsafe { mozjs::jsapi::IsDetachedArrayBufferObject(object) } {
                return Err(Error::DataClone("A detached ArrayBuffer cannot be transferred.".into()));
            }
            list.buffers.push(object);
        } else if let Some(bitmap) = unsafe { root_from_object::<crate::dom::images::imagebitmap::ImageBitmap>(object) }
        {
            // ImageBitmap's transfer steps: 1. If value's origin-clean flag is not set, then
            // throw a "DataCloneError" DOMException. (A detached one fails step 2.4.) Its clone
            // shares the pixels; the original is detached afterwards.
            if bitmap.is_detached() {
                return Err(Error::DataClone("A closed ImageBitmap cannot be transferred.".into()));
            }
            if !bitmap.origin_clean() {
                return Err(Error::DataClone("An ImageBitmap that is not origin-clean cannot be transferred.".into()));
            }
            list.bitmaps.push(bitmap);
        } else if let Some(port) =
            unsafe { root_from_object::<crate::dom::webmessaging::messageport::MessagePort>(object) }
        {
            // 2.4 If transferable has a [[Detached]] internal slot and it is true (a closed or
            //     already transferred port), then throw a "DataCloneError" DOMException.
            if port.is_closed() {
                return Err(Error::DataClone(
                    "A closed or already transferred MessagePort cannot be transferred.".into(),
                ));
            }
            list.ports.push(port);
            list.user_ports = list.ports.len();
        } else if let Some(canvas) =
            unsafe { root_from_object::<crate::dom::canvas::offscreencanvas::OffscreenCanvas>(object) }
        {
            canvas.check_transferable()?;
            list.canvases.push(canvas);
        } else if let Some(frame) = unsafe { root_from_object::<crate::dom::webcodecs::videoframe::VideoFrame>(object) }
        {
            // VideoFrame's transfer steps: 1. If value's [[Detached]] is true, throw a
            // "DataCloneError" DOMException. (The frame is closed once it has been serialized.)
            if frame.is_detached() {
                return Err(Error::DataClone("A closed VideoFrame cannot be transferred.".into()));
            }
            list.frames.push(frame);
        } else if let Some(track) =
            unsafe { root_from_object::<crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack>(object) }
        {
            // MediaStreamTrack's transfer steps
            // (<https://w3c.github.io/mediacapture-extensions/#transferable-mediastreamtrack>):
            // 1. If value.[[IsDetached]] is true, throw a "DataCloneError" DOMException.
            if track.is_detached() {
                return Err(Error::DataClone("A MediaStreamTrack that was transferred cannot be transferred.".into()));
            }
            list.tracks.push(track);
        } else if let Some(stream) =
            unsafe { root_from_object::<crate::dom::streams::readablestream::ReadableStream>(object) }
        {
            // ReadableStream's transfer steps: 1. If ! IsReadableStreamLocked(value) is true,
            // throw a "DataCloneError" DOMException.
            if stream.is_locked() {
                return Err(Error::DataClone("A locked ReadableStream cannot be transferred.".into()));
            }
            list.streams.push((object, tag::READABLE_STREAM));
        } else if let Some(stream) =
            unsafe { root_from_object::<crate::dom::streams::writablestream::WritableStream>(object) }
        {
            // WritableStream's transfer steps: 1. If ! IsWritableStreamLocked(value) is true,
            // throw a "DataCloneError" DOMException.
            if stream.is_locked() {
                return Err(Error::DataClone("A locked WritableStream cannot be transferred.".into()));
            }
            list.streams.push((object, tag::WRITABLE_STREAM));
        } else if let Some(stream) =
            unsafe { root_from_object::<crate::dom::streams::transformstream::TransformStream>(object) }
        {
            // TransformStream's transfer steps: 3–4. If either side is locked, throw a
            // "DataCloneError" DOMException.
            if stream.readable().is_locked() || stream.writable().is_locked() {
                return Err(Error::DataClone("A TransformStream with a locked side cannot be transferred.".into()));
            }
            list.streams.push((object, tag::TRANSFORM_STREAM));
        } else {
            // 2.1 Neither an [[ArrayBufferData]] nor a [[Detached]] internal slot: not
            //     transferable.
            return Err(Error::DataClone("The transfer list contains an object that is not transferable.".into()));
        }
    }
    Ok(list)
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializewithtransfer>
/// followed at once by StructuredDeserializeWithTransfer in `realm`'s realm (every realm of an
/// engine is on this thread): `rval` gets the clone; the transferred MessagePorts are returned
/// (they keep their identity), and the transferred ArrayBuffers and ImageBitmaps are detached.
pub fn serialize_with_transfer(
    cx: &mut JSContext,
    realm: &crate::dom::html::window::Window,
    value: HandleValue,
    transfer: &[*mut mozjs::jsapi::JSObject],
    rval: MutableHandleValue,
) -> Result<Vec<crate::dom::bindings::root::DomRoot<crate::dom::webmessaging::messageport::MessagePort>>, Error> {
    use crate::dom::webmessaging::messageport::MessagePort;
    let mut list = check_transfer_list(transfer)?;
    let streams = transfer_streams(cx, &mut list)?;
    let user_ports = list.user_ports;
    let TransferList { buffers, bitmaps, ports, canvases, frames, tracks, .. } = list;
    // The transfer-receiving steps of MessagePort make a new port in the receiving realm that
    // takes over the old one's entanglement and queued messages; the old one is detached.
    let new_ports: Vec<_> = ports.iter().map(|_| MessagePort::new_in(cx, realm)).collect();
    // MediaStreamTrack's transfer-receiving steps: a track with the same id and state on the
    // same source (made first, so the source always has a track).
    let new_tracks: Vec<_> = tracks.iter().map(|t| t.transferred_here(cx, realm)).collect();
    let mut closure = CloneError {
        ports: reflectors(&ports),
        new_ports: reflectors(&new_ports),
        canvases: reflectors(&canvases),
        received_canvases: canvases.iter().map(|c| c.transfer_data()).collect(),
        streams,
        tracks: reflectors(&tracks),
        new_tracks: reflectors(&new_tracks),
        ..CloneError::new()
    };
    let cloned = {
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, realm.global_object().get());
        clone_with(cx, value, rval, &mut closure, "postMessage")
    };
    if let Err(e) = cloned {
        // A failed serialization leaves the tracks as they were.
        for track in &new_tracks {
            track.discard();
        }
        return Err(e);
    }
    // MediaStreamTrack's transfer steps, last: "set value.[[IsDetached]] to true".
    for track in tracks {
        track.detach_for_transfer(cx);
    }
    for (old, new) in ports.iter().zip(&new_ports) {
        old.transfer_to(new);
    }
    // Transfer: the OffscreenCanvases are detached (their clones took their size and
    // placeholder).
    for canvas in canvases {
        canvas.detach(cx);
    }
    // Transfer: the VideoFrames are closed ("Run the Close VideoFrame algorithm with value");
    // their clones hold the same media resource.
    for frame in frames {
        frame.close_frame();
    }
    // Transfer: the ImageBitmaps' pixels now belong to their clones; the originals are
    // detached ("set value's [[Detached]] internal slot to true" in the transfer steps).
    for bitmap in bitmaps {
        bitmap.detach();
    }
    // Transfer: the ArrayBuffers' contents now live in the clone; the originals are detached.
    for buffer in buffers {
        rooted!(&in(cx) let buffer = buffer);
        // SAFETY: `buffer` is a rooted, non-detached ArrayBuffer.
        unsafe { mozjs::jsapi::DetachArrayBuffer(cx.raw_cx(), buffer.handle().into()) };
    }
    // The ports that carry transferred streams are internal: not in the event's `ports`.
    let mut new_ports = new_ports;
    new_ports.truncate(user_ports);
    Ok(new_ports)
}

/// A message serialized for another thread's realm (a worker's, or a worker's owner's):
/// SpiderMonkey's clone buffer as plain bytes (`DifferentProcess` scope, so no pointer is in
/// it: a transferred ArrayBuffer's contents are copied into it and the original is detached)
/// and the shared pixels of the ImageBitmaps in it (never copied).
pub struct SerializedMessage {
    data: Vec<u8>,
    bitmaps: Vec<base::VideoFrame>,
    /// The transferred MessagePorts' sides, in transfer-list order (the receiver's new ports
    /// adopt them).
    ports: Vec<crate::dom::webmessaging::portchannel::Endpoint>,
    /// The transferred OffscreenCanvases' sizes and placeholders, in transfer-list order.
    canvases: Vec<crate::dom::canvas::placeholder::TransferredCanvas>,
    /// The VideoFrames in it (their pixels shared, never copied).
    frames: Vec<crate::dom::webcodecs::videoframe::FrameData>,
    /// How many of `ports` the page listed (the rest carry transferred streams).
    user_ports: usize,
    /// The transferred MediaStreamTracks, in transfer-list order.
    tracks: Vec<crate::dom::mediacapture::mediastreamtrack::TransferredTrack>,
}

impl SerializedMessage {
    /// A second copy of a message that transfers nothing (a BroadcastChannel message goes to
    /// each destination); `None` for one that carries ports or canvases, which move once.
    pub fn try_clone(&self) -> Option<SerializedMessage> {
        if !self.ports.is_empty() || !self.canvases.is_empty() || !self.tracks.is_empty() {
            return None;
        }
        Some(SerializedMessage {
            data: self.data.clone(),
            bitmaps: self.bitmaps.clone(),
            ports: Vec::new(),
            canvases: Vec::new(),
            frames: self.frames.clone(),
            user_ports: 0,
            tracks: Vec::new(),
        })
    }
}

/// Which operation serializes, for DataCloneError messages ("Failed to execute 'postMessage'
/// on 'Worker': …").
#[derive(Clone, Copy)]
pub struct CloneCaller {
    pub operation: &'static str,
    pub interface: &'static str,
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializewithtransfer>
/// for a message that crosses threads. `transfer` may hold ArrayBuffers (their contents move,
/// the originals are detached), ImageBitmaps (their pixels are shared, not copied, and the
/// originals are detached) and MessagePorts (their sides move with the message, the originals
/// are detached).
pub fn serialize_for_thread(
    cx: &mut JSContext,
    value: HandleValue,
    transfer: &[*mut mozjs::jsapi::JSObject],
    caller: CloneCaller,
) -> Result<SerializedMessage, Error> {
    let mut list = check_transfer_list(transfer)?;
    let streams = transfer_streams(cx, &mut list)?;
    let user_ports = list.user_ports;
    let TransferList { buffers, bitmaps, ports, canvases, frames, tracks, .. } = list;
    // MediaStreamTrack's transfer steps: the track's state and its source travel (a source
    // that exists on this thread only cannot).
    let mut transferred_tracks = Vec::with_capacity(tracks.len());
    for track in &tracks {
        match track.transfer_data() {
            Some(data) => transferred_tracks.push(data),
            None => {
                return Err(Error::DataClone(format!(
                    "Failed to execute '{}' on '{}': this MediaStreamTrack's source cannot leave its thread.",
                    caller.operation, caller.interface
                )));
            }
        }
    }
    rooted!(&in(cx) let mut transferables = mozjs::jsval::UndefinedValue());
    if !buffers.is_empty() {
        // SAFETY: a new array in the current realm, filled with the rooted list's buffers.
        unsafe {
            rooted!(&in(cx) let array = mozjs::jsapi::NewArrayObject1(cx.raw_cx(), buffers.len()));
            if array.get().is_null() {
                return Err(Error::JSFailed);
            }
            for (i, &buffer) in buffers.iter().enumerate() {
                rooted!(&in(cx) let item = mozjs::jsval::ObjectValue(buffer));
                if !mozjs::jsapi::JS_SetElement(cx.raw_cx(), array.handle().into(), i as u32, item.handle().into()) {
                    return Err(Error::JSFailed);
                }
            }
            transferables.set(mozjs::jsval::ObjectValue(array.get()));
        }
    }
    let mut closure = CloneError {
        ports: reflectors(&ports),
        canvases: reflectors(&canvases),
        streams,
        tracks: reflectors(&tracks),
        ..CloneError::new()
    };
    let policy = mozjs::jsapi::JS::CloneDataPolicy {
        allowIntraClusterClonableSharedObjects_: false,
        allowSharedMemoryObjects_: false,
    };
    // SAFETY: the buffer is created and deleted here; `value` and `transferables` are rooted;
    // the callbacks are static and the closure outlives the call.
    let (ok, data) = unsafe {
        let buffer = mozjs::glue::NewJSAutoStructuredCloneBuffer(
            mozjs::jsapi::JS::StructuredCloneScope::DifferentProcess,
            &CALLBACKS,
        );
        let scdata = &mut (*buffer).data_;
        let ok = mozjs::jsapi::JS_WriteStructuredClone(
            cx.raw_cx(),
            value.into(),
            scdata,
            mozjs::jsapi::JS::StructuredCloneScope::DifferentProcess,
            &policy,
            &CALLBACKS,
            &mut closure as *mut CloneError as *mut c_void,
            transferables.handle().into(),
        );
        let mut data = Vec::new();
        if ok {
            let length = mozjs::glue::GetLengthOfJSStructuredCloneData(scdata);
            data.resize(length, 0u8);
            mozjs::glue::CopyJSStructuredCloneData(scdata, data.as_mut_ptr());
        }
        mozjs::glue::DeleteJSAutoStructuredCloneBuffer(buffer);
        (ok, data)
    };
    if !ok {
        if closure.message.is_none() && crate::dom::bindings::error::is_exception_pending(cx) {
            return Err(Error::JSFailed);
        }
        crate::dom::bindings::error::clear_pending_exception(cx);
        let message =
            closure.message.take().filter(|m| !m.is_empty()).unwrap_or_else(|| "The value could not be cloned.".into());
        return Err(Error::DataClone(format!(
            "Failed to execute '{}' on '{}': {message}",
            caller.operation, caller.interface
        )));
    }
    // The transferred ImageBitmaps are detached; their pixels live on in the message.
    for bitmap in bitmaps {
        use crate::dom::bindings::codegen::ImageBitmapBinding::ImageBitmapMethods;
        bitmap.Close(cx);
    }
    // The transferred MessagePorts are detached; their sides travel with the message.
    let ports = ports.iter().map(|port| port.take_endpoint(cx)).collect();
    // The transferred OffscreenCanvases are detached; their size and placeholder travel.
    let canvases = canvases
        .iter()
        .map(|canvas| {
            let data = canvas.transfer_data();
            canvas.detach(cx);
            data
        })
        .collect();
    // The transferred VideoFrames are closed; their data travels in the message.
    for frame in frames {
        frame.close_frame();
    }
    // The transferred MediaStreamTracks are detached (ended, without an event).
    for track in tracks {
        track.detach_for_transfer(cx);
    }
    Ok(SerializedMessage {
        data,
        bitmaps: closure.bitmaps,
        ports,
        canvases,
        frames: closure.frames,
        user_ports,
        tracks: transferred_tracks,
    })
}

/// <https://html.spec.whatwg.org/multipage/structured-data.html#structureddeserializewithtransfer>
/// of a message from another thread, in the current realm. Returns the new MessagePorts
/// that received the transferred ones ("newPorts"), in transfer-list order.
pub fn deserialize_from_thread(
    cx: &mut JSContext,
    message: SerializedMessage,
    rval: MutableHandleValue,
) -> Result<Vec<crate::dom::bindings::root::DomRoot<crate::dom::webmessaging::messageport::MessagePort>>, Error> {
    let SerializedMessage { data, bitmaps, ports, canvases, frames, user_ports, tracks } = message;
    let new_ports: Vec<_> = if ports.is_empty() {
        Vec::new()
    } else {
        let window = crate::dom::html::window::Window::current(cx);
        ports
            .into_iter()
            .map(|endpoint| crate::dom::webmessaging::messageport::MessagePort::adopting(cx, &window, endpoint))
            .collect()
    };
    let mut closure = CloneError {
        bitmaps,
        new_ports: reflectors(&new_ports),
        received_canvases: canvases,
        frames,
        received_tracks: tracks.into_iter().map(Some).collect(),
        ..CloneError::new()
    };
    let policy = mozjs::jsapi::JS::CloneDataPolicy {
        allowIntraClusterClonableSharedObjects_: false,
        allowSharedMemoryObjects_: false,
    };
    // SAFETY: the buffer is created, filled with the message's bytes (plain data written by
    // `serialize_for_thread`) and deleted here; `rval` is rooted.
    let ok = unsafe {
        let buffer = mozjs::glue::NewJSAutoStructuredCloneBuffer(
            mozjs::jsapi::JS::StructuredCloneScope::DifferentProcess,
            &CALLBACKS,
        );
        let scdata = &mut (*buffer).data_;
        let written = mozjs::glue::WriteBytesToJSStructuredCloneData(data.as_ptr(), data.len(), scdata);
        let ok = written
            && mozjs::jsapi::JS_ReadStructuredClone(
                cx.raw_cx(),
                scdata,
                mozjs::jsapi::JS_STRUCTURED_CLONE_VERSION,
                mozjs::jsapi::JS::StructuredCloneScope::DifferentProcess,
                rval.into(),
                &policy,
                &CALLBACKS,
                &mut closure as *mut CloneError as *mut c_void,
            );
        mozjs::glue::DeleteJSAutoStructuredCloneBuffer(buffer);
        ok
    };
    if ok {
        // The ports that carry transferred streams are internal: not in the event's `ports`.
        let mut new_ports = new_ports;
        new_ports.truncate(user_ports);
        return Ok(new_ports);
    }
    crate::dom::bindings::error::clear_pending_exception(cx);
    // The ports that came with a message nobody receives are closed (their partners get
    // `close` events).
    for port in &new_ports {
        use crate::dom::bindings::codegen::MessagePortBinding::MessagePortMethods;
        port.Close(cx);
    }
    Err(Error::DataClone(closure.message.unwrap_or_else(|| "The message could not be deserialized.".into())))
}

fn clone_with(
    cx: &mut JSContext,
    value: HandleValue,
    rval: MutableHandleValue,
    closure: &mut CloneError,
    what: &str,
) -> ErrorResult {
    // SAFETY: `value` and `rval` are rooted handles; the callbacks are static and the closure
    // outlives the call.
    let ok = unsafe {
        mozjs::jsapi::JS_StructuredClone(
            cx.raw_cx(),
            value.into(),
            rval.into(),
            &CALLBACKS,
            closure as *mut CloneError as *mut c_void,
        )
    };
    if ok {
        return Ok(());
    }
    // An exception thrown by a getter while serializing propagates as it is.
    if closure.message.is_none() && crate::dom::bindings::error::is_exception_pending(cx) {
        return Err(Error::JSFailed);
    }
    crate::dom::bindings::error::clear_pending_exception(cx);
    let message =
        closure.message.take().filter(|m| !m.is_empty()).unwrap_or_else(|| "The value could not be cloned.".into());
    Err(Error::DataClone(format!("Failed to execute '{what}' on 'Window': {message}")))
}

/// The tags of Aperture's serializable platform objects (above `JS_SCTAG_USER_MIN`).
mod tag {
    const BASE: u32 = 0xFFFF_8000;
    pub const DOM_POINT_READ_ONLY: u32 = BASE + 1;
    pub const DOM_POINT: u32 = BASE + 2;
    pub const DOM_RECT_READ_ONLY: u32 = BASE + 3;
    pub const DOM_RECT: u32 = BASE + 4;
    pub const DOM_QUAD: u32 = BASE + 5;
    pub const DOM_MATRIX_READ_ONLY: u32 = BASE + 6;
    pub const DOM_MATRIX: u32 = BASE + 7;
    pub const BLOB: u32 = BASE + 8;
    pub const FILE: u32 = BASE + 9;
    pub const IMAGE_DATA: u32 = BASE + 10;
    pub const IMAGE_BITMAP: u32 = BASE + 11;
    pub const MESSAGE_PORT: u32 = BASE + 12;
    pub const OFFSCREEN_CANVAS: u32 = BASE + 13;
    pub const VIDEO_FRAME: u32 = BASE + 14;
    pub const READABLE_STREAM: u32 = BASE + 15;
    pub const WRITABLE_STREAM: u32 = BASE + 16;
    pub const TRANSFORM_STREAM: u32 = BASE + 17;
    pub const DOM_EXCEPTION: u32 = BASE + 18;
    pub const ENCODED_VIDEO_CHUNK: u32 = BASE + 19;
    pub const MEDIA_STREAM_TRACK: u32 = BASE + 20;
}

/// Writes into a SpiderMonkey clone buffer.
struct Writer(*mut mozjs::jsapi::JSStructuredCloneWriter);

impl Writer {
    fn header(&self, tag: u32, data: u32) -> bool {
        // SAFETY: the writer is the one SpiderMonkey passed to the hook, valid during it.
        unsafe { mozjs::jsapi::JS_WriteUint32PairUnchecked(self.0, tag, data) }
    }
    fn doubles(&self, values: &[f64]) -> bool {
        // SAFETY: as above.
        values.iter().all(|v| unsafe { mozjs::jsapi::JS_WriteDouble(self.0, *v) })
    }
    fn bytes(&self, bytes: &[u8]) -> bool {
        let length = bytes.len() as u64;
        // SAFETY: as above; `bytes` is valid for its length.
        self.header((length >> 32) as u32, length as u32)
            && unsafe { mozjs::jsapi::JS_WriteBytes(self.0, bytes.as_ptr() as *const c_void, bytes.len()) }
    }
}

/// Reads from a SpiderMonkey clone buffer.
struct Reader(*mut mozjs::jsapi::JSStructuredCloneReader);

impl Reader {
    fn pair(&self) -> Option<(u32, u32)> {
        let (mut a, mut b) = (0, 0);
        // SAFETY: the reader is the one SpiderMonkey passed to the hook, valid during it.
        unsafe { mozjs::jsapi::JS_ReadUint32Pair(self.0, &mut a, &mut b) }.then_some((a, b))
    }
    fn doubles<const N: usize>(&self) -> Option<[f64; N]> {
        let mut out = [0.0; N];
        for v in &mut out {
            // SAFETY: as above.
            if !unsafe { mozjs::jsapi::JS_ReadDouble(self.0, v) } {
                return None;
            }
        }
        Some(out)
    }
    fn bytes(&self) -> Option<Vec<u8>> {
        let (high, low) = self.pair()?;
        let length = usize::try_from((u64::from(high) << 32) | u64::from(low)).ok()?;
        let mut out = vec![0u8; length];
        // SAFETY: `out` has room for `length` bytes.
        unsafe { mozjs::jsapi::JS_ReadBytes(self.0, out.as_mut_ptr() as *mut c_void, length) }.then_some(out)
    }
    fn string(&self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }
}

/// The write hook: <https://html.spec.whatwg.org/multipage/structured-data.html#serializable-objects>,
/// each interface's serialization steps. An object of another kind, a detached or
/// cross-origin ImageBitmap, is a DataCloneError.
unsafe extern "C" fn write_platform_object(
    cx: *mut mozjs::jsapi::JSContext,
    w: *mut mozjs::jsapi::JSStructuredCloneWriter,
    obj: mozjs::jsapi::HandleObject,
    _same_process_scope_required: *mut bool,
    closure: *mut c_void,
) -> bool {
    use crate::dom::bindings::conversions::root_from_object;
    use crate::dom::types::*;
    // SAFETY: SpiderMonkey passes a live handle, a writer valid for the call and the closure
    // `structured_clone` gave it.
    let (object, closure) =
        unsafe { (mozjs::rust::HandleObject::from_raw(obj).get(), &mut *(closure as *mut CloneError)) };
    let w = Writer(w);
    // SAFETY: `object` is a live object; unwrapping checks its class.
    unsafe {
        if let Some(point) = root_from_object::<DOMPoint>(object) {
            let (x, y, z, p) = point.coordinates();
            return w.header(tag::DOM_POINT, 0) && w.doubles(&[x, y, z, p]);
        }
        if let Some(point) = root_from_object::<DOMPointReadOnly>(object) {
            let (x, y, z, p) = point.coordinates();
            return w.header(tag::DOM_POINT_READ_ONLY, 0) && w.doubles(&[x, y, z, p]);
        }
        if let Some(rect) = root_from_object::<DOMRect>(object) {
            let (x, y, width, height) = rect.upcast::<DOMRectReadOnly>().values();
            return w.header(tag::DOM_RECT, 0) && w.doubles(&[x, y, width, height]);
        }
        if let Some(rect) = root_from_object::<DOMRectReadOnly>(object) {
            let (x, y, width, height) = rect.values();
            return w.header(tag::DOM_RECT_READ_ONLY, 0) && w.doubles(&[x, y, width, height]);
        }
        if let Some(quad) = root_from_object::<DOMQuad>(object) {
            let points = quad.points();
            let flat: Vec<f64> = points.iter().flat_map(|&(x, y, z, p)| [x, y, z, p]).collect();
            return w.header(tag::DOM_QUAD, 0) && w.doubles(&flat);
        }
        if let Some(matrix) = root_from_object::<DOMMatrixReadOnly>(object) {
            let (m, is_2d) = matrix.matrix();
            let kind = if root_from_object::<DOMMatrix>(object).is_some() {
                tag::DOM_MATRIX
            } else {
                tag::DOM_MATRIX_READ_ONLY
            };
            return w.header(kind, u32::from(is_2d)) && w.doubles(&crate::dom::geometry::matrix::elements(&m));
        }
        if let Some(file) = root_from_object::<File>(object) {
            let blob = file.upcast::<Blob>();
            return w.header(tag::FILE, 0)
                && w.bytes(blob.type_string().as_bytes())
                && w.bytes(file.name().as_bytes())
                && w.doubles(&[file.last_modified() as f64])
                && w.bytes(blob.bytes());
        }
        if let Some(blob) = root_from_object::<Blob>(object) {
            return w.header(tag::BLOB, 0) && w.bytes(blob.type_string().as_bytes()) && w.bytes(blob.bytes());
        }
        if let Some(image) = root_from_object::<ImageData>(object) {
            let size = image.size();
            let Some(bytes) = image.copy_bytes() else {
                closure.message = Some("An ImageData whose buffer was detached could not be cloned.".into());
                report_clone_error(cx, closure);
                return false;
            };
            return w.header(tag::IMAGE_DATA, 0)
                && w.doubles(&[f64::from(size.width), f64::from(size.height)])
                && w.bytes(&bytes);
        }
        if let Some(&(_, kind, index)) = closure.streams.iter().find(|(s, _, _)| *s == object) {
            // A stream of the transfer list: its port travels; the receiver sets up a
            // cross-realm stream on it.
            return w.header(kind, index);
        }
        if let Some(index) = closure.canvases.iter().position(|c| *c == object) {
            // An OffscreenCanvas of the transfer list: the receiver gets a new one.
            return w.header(tag::OFFSCREEN_CANVAS, index as u32);
        }
        if let Some(index) = closure.tracks.iter().position(|t| *t == object) {
            // A MediaStreamTrack of the transfer list (a track is transferable, not
            // serializable: one outside the list falls through to the DataCloneError below).
            return w.header(tag::MEDIA_STREAM_TRACK, index as u32);
        }
        if let Some(index) = closure.ports.iter().position(|p| *p == object) {
            // A MessagePort of the transfer list: the receiver gets the same port.
            return w.header(tag::MESSAGE_PORT, index as u32);
        }
        if let Some(exception) = root_from_object::<crate::dom::dom::domexception::DOMException>(object) {
            // DOMException's serialization steps (<https://webidl.spec.whatwg.org/#idl-DOMException>):
            // its name and message.
            return w.header(tag::DOM_EXCEPTION, 0)
                && w.bytes(exception.name_str().as_bytes())
                && w.bytes(exception.message_str().as_bytes());
        }
        if let Some(chunk) = root_from_object::<crate::dom::webcodecs::encodedvideochunk::EncodedVideoChunk>(object) {
            // EncodedVideoChunk's serialization steps (<https://w3c.github.io/webcodecs/#encodedvideochunk-serialization>):
            // 1. (forStorage is never true here.) 2. Every internal slot into a field.
            let c = chunk.data();
            let duration = c.duration.map_or(-1.0, |d| d as f64);
            return w.header(tag::ENCODED_VIDEO_CHUNK, c.key as u32)
                && w.doubles(&[c.timestamp as f64, duration])
                && w.bytes(&c.data);
        }
        if let Some(frame) = root_from_object::<crate::dom::webcodecs::videoframe::VideoFrame>(object) {
            // VideoFrame's serialization steps: 1. If value's [[Detached]] is true, throw a
            // "DataCloneError". 3–6. A new reference to the media resource and every other slot
            // (a transferred frame is serialized the same way and closed afterwards).
            let Some(data) = frame.data() else {
                closure.message = Some("A closed VideoFrame could not be cloned.".into());
                report_clone_error(cx, closure);
                return false;
            };
            closure.frames.push(data);
            return w.header(tag::VIDEO_FRAME, (closure.frames.len() - 1) as u32);
        }
        if let Some(bitmap) = root_from_object::<ImageBitmap>(object) {
            // ImageBitmap serialization steps: 1. If value's origin-clean flag is not set, then
            // throw a "DataCloneError". 2. (Detached) likewise. 3. The bitmap data is shared.
            let frame = match bitmap.frame() {
                Some(frame) if bitmap.origin_clean() => frame,
                _ => {
                    closure.message =
                        Some("An ImageBitmap that is detached or not origin-clean could not be cloned.".into());
                    report_clone_error(cx, closure);
                    return false;
                }
            };
            closure.bitmaps.push(frame);
            return w.header(tag::IMAGE_BITMAP, (closure.bitmaps.len() - 1) as u32);
        }
    }
    closure.message = Some("The object could not be cloned.".into());
    report_clone_error(cx, closure);
    false
}

/// Fails the clone with a DataCloneError: SpiderMonkey's error hook records the message.
fn report_clone_error(_cx: *mut mozjs::jsapi::JSContext, closure: &mut CloneError) {
    if closure.message.is_none() {
        closure.message = Some("The object could not be cloned.".into());
    }
}

/// The read hook: each interface's deserialization steps, in the current realm.
unsafe extern "C" fn read_platform_object(
    cx: *mut mozjs::jsapi::JSContext,
    r: *mut mozjs::jsapi::JSStructuredCloneReader,
    _policy: *const mozjs::jsapi::JS::CloneDataPolicy,
    tag: u32,
    data: u32,
    closure: *mut c_void,
) -> *mut mozjs::jsapi::JSObject {
    use crate::dom::bindings::reflector::DomObject;
    use crate::dom::types::*;
    // SAFETY: SpiderMonkey passes its live context, a reader valid for the call and our closure.
    let (mut cx, closure) =
        unsafe { (JSContext::from_ptr(std::ptr::NonNull::new_unchecked(cx)), &mut *(closure as *mut CloneError)) };
    let cx = &mut cx;
    let r = Reader(r);
    let window = crate::dom::html::window::Window::current(cx);
    let reflector = |object: &dyn DomObject| object.reflector().get_raw();
    let object = (|| -> Option<*mut mozjs::jsapi::JSObject> {
        Some(match tag {
            tag::DOM_POINT | tag::DOM_POINT_READ_ONLY => {
                let [x, y, z, w] = r.doubles::<4>()?;
                if tag == tag::DOM_POINT {
                    reflector(&*DOMPoint::new(cx, &window, (x, y, z, w)))
                } else {
                    reflector(&*DOMPointReadOnly::new(cx, &window, (x, y, z, w)))
                }
            }
            tag::DOM_RECT | tag::DOM_RECT_READ_ONLY => {
                let [x, y, width, height] = r.doubles::<4>()?;
                if tag == tag::DOM_RECT {
                    reflector(&*DOMRect::new(cx, &window, x, y, width, height))
                } else {
                    reflector(&*DOMRectReadOnly::new(cx, &window, x, y, width, height))
                }
            }
            tag::DOM_QUAD => {
                let v = r.doubles::<16>()?;
                let points = [0, 1, 2, 3].map(|i| (v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]));
                reflector(&*DOMQuad::from_points(cx, &window, points))
            }
            tag::DOM_MATRIX | tag::DOM_MATRIX_READ_ONLY => {
                let e = r.doubles::<16>()?;
                // A 2D matrix is serialized as its six 2D elements: the others read back as
                // exactly 0 and 1.
                let m = if data != 0 {
                    crate::dom::geometry::matrix::from_2d(e[0], e[1], e[4], e[5], e[12], e[13])
                } else {
                    crate::dom::geometry::matrix::from_elements(&e)
                };
                if tag == tag::DOM_MATRIX {
                    reflector(&*DOMMatrix::new(cx, &window, m, data != 0))
                } else {
                    reflector(&*DOMMatrixReadOnly::new(cx, &window, m, data != 0))
                }
            }
            tag::BLOB => {
                let type_ = r.string()?;
                let bytes = r.bytes()?;
                reflector(&*Blob::new(cx, &window, bytes, type_))
            }
            tag::FILE => {
                let type_ = r.string()?;
                let name = r.string()?;
                let [last_modified] = r.doubles::<1>()?;
                let bytes = r.bytes()?;
                reflector(&*File::new(cx, &window, bytes.into(), type_, name, last_modified as i64))
            }
            tag::IMAGE_DATA => {
                let [width, height] = r.doubles::<2>()?;
                let bytes = r.bytes()?;
                let size = base::units::ImageSize::new(width as u32, height as u32);
                let color = crate::dom::bindings::codegen::Enums::PredefinedColorSpace::Srgb;
                reflector(&*ImageData::new(cx, &window, size, color, Some(&bytes)).ok()?)
            }
            // DOMException's deserialization steps: a new exception with the name and message.
            tag::DOM_EXCEPTION => {
                let name = r.string()?;
                let message = r.string()?;
                reflector(&*crate::dom::dom::domexception::DOMException::with_name(cx, &window, name, message))
            }
            // EncodedVideoChunk's deserialization steps: every field back into its slot.
            tag::ENCODED_VIDEO_CHUNK => {
                let [timestamp, duration] = r.doubles::<2>()?;
                let bytes = r.bytes()?;
                let chunk = crate::dom::webcodecs::encodedvideochunk::ChunkData {
                    key: data != 0,
                    timestamp: timestamp as i64,
                    duration: (duration >= 0.0).then_some(duration as u64),
                    data: std::sync::Arc::from(bytes),
                };
                reflector(&*crate::dom::webcodecs::encodedvideochunk::EncodedVideoChunk::new(cx, &window, chunk))
            }
            // VideoFrame's deserialization steps: every field back into the slots.
            tag::VIDEO_FRAME => {
                let frame = closure.frames.get(data as usize)?.clone();
                reflector(&*crate::dom::webcodecs::videoframe::VideoFrame::new(cx, &window, frame))
            }
            tag::IMAGE_BITMAP => {
                let frame = closure.bitmaps.get(data as usize)?.clone();
                reflector(&*ImageBitmap::new(cx, &window, frame, true))
            }
            // A transferred stream's transfer-receiving steps: a cross-realm stream on its port.
            tag::READABLE_STREAM | tag::WRITABLE_STREAM | tag::TRANSFORM_STREAM => {
                use crate::dom::streams::transfer::{
                    set_up_cross_realm_transform_readable, set_up_cross_realm_transform_writable,
                };
                let port_of = |i: u32| -> Option<crate::dom::bindings::root::DomRoot<MessagePort>> {
                    let object = *closure.new_ports.get(i as usize)?;
                    // SAFETY: the new ports are live reflectors made for this message.
                    unsafe { crate::dom::bindings::conversions::root_from_object::<MessagePort>(object) }
                };
                let first = port_of(data)?;
                match tag {
                    tag::READABLE_STREAM => reflector(&*set_up_cross_realm_transform_readable(cx, &window, &first)),
                    tag::WRITABLE_STREAM => reflector(&*set_up_cross_realm_transform_writable(cx, &window, &first)),
                    _ => {
                        let second = port_of(data + 1)?;
                        let readable = set_up_cross_realm_transform_readable(cx, &window, &first);
                        let writable = set_up_cross_realm_transform_writable(cx, &window, &second);
                        reflector(&*crate::dom::streams::transformstream::TransformStream::from_sides(
                            cx, &window, &readable, &writable,
                        ))
                    }
                }
            }
            // A transferred MediaStreamTrack: the track made for it on this thread, or a new
            // one on a stand-in for the other thread's source.
            tag::MEDIA_STREAM_TRACK => match closure.new_tracks.get(data as usize) {
                Some(&track) => track,
                None => {
                    let transferred = closure.received_tracks.get_mut(data as usize)?.take()?;
                    reflector(&*crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack::received(
                        cx,
                        &window,
                        transferred,
                    ))
                }
            },
            // A transferred MessagePort: the same port (it stays entangled).
            tag::MESSAGE_PORT => *closure.new_ports.get(data as usize)?,
            // A transferred OffscreenCanvas: a new one with its size and placeholder.
            tag::OFFSCREEN_CANVAS => {
                let transferred = closure.received_canvases.get(data as usize)?.clone();
                reflector(&*OffscreenCanvas::received(cx, &window, transferred))
            }
            _ => return None,
        })
    })();
    object.unwrap_or_else(|| {
        closure.message.get_or_insert_with(|| "The serialized data could not be read.".into());
        std::ptr::null_mut()
    })
}
