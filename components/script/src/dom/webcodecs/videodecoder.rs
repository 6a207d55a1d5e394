//! `VideoDecoder` (<https://w3c.github.io/webcodecs/#videodecoder-interface>): `EncodedVideoChunk`s
//! in, `VideoFrame`s out in presentation order, for pages that play or process encoded video.
//!
//! As `VideoEncoder`, this object is the spec's control side; the [[codec work queue]] and
//! [[codec implementation]] are the engine's codec provider's (GStreamer's decoders through the
//! `codecs` crate), reached through `codecwork`. Decoded frames are I420 resources that the
//! `VideoFrame`s share (no copy on their way to the page).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use base::FrameBytes;
use dom_struct::dom_struct;
use media_traits::codecs::{ChunkToDecode, DecodedFrame, VideoCodec, VideoDecoderBackend, VideoDecoderSettings};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::{EventHandlerNonNull, VideoFrameOutputCallback, WebCodecsErrorCallback};
use crate::dom::bindings::codegen::Dictionaries::{
    VideoColorSpaceInit, VideoDecoderConfig, VideoDecoderInit, VideoDecoderSupport,
};
use crate::dom::bindings::codegen::Enums::{
    CodecState, VideoColorPrimaries, VideoMatrixCoefficients, VideoTransferCharacteristics,
};
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::codegen::VideoDecoderBinding::VideoDecoderMethods;
use crate::dom::bindings::conversions::{ArrayBufferBytes, ArrayBufferViewBytes};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webcodecs::codecwork::{
    Codec, CodecOwner, Control, invoke_error_callback, process_queue, schedule_dequeue_event,
};
use crate::dom::webcodecs::encodedvideochunk::EncodedVideoChunk;
use crate::dom::webcodecs::pixels::{Format, PlaneData, Resource};
use crate::dom::webcodecs::videocolorspace::ColorSpaceData;
use crate::dom::webcodecs::videoframe::{FrameData, VideoFrame};

/// A valid configuration as this decoder keeps it.
#[derive(Clone, Debug)]
pub struct ActiveConfig {
    settings: VideoDecoderSettings,
    display_aspect: Option<(u32, u32)>,
    color_space: Option<ColorSpaceData>,
    rotation: u32,
    flip: bool,
}

/// A control message (<https://w3c.github.io/webcodecs/#control-message>).
pub enum Message {
    Configure(ActiveConfig),
    Decode(ChunkToDecode, Option<u64>),
    Flush(u64),
}

struct Inner {
    /// The codec interface's slots and control message queue.
    ctl: Control<Message>,
    /// [[key chunk required]]
    key_chunk_required: bool,
    /// The codec of the last configure() (what decode() inspects key chunks as).
    configured_codec: Option<VideoCodec>,
    /// [[active decoder config]] (once the codec took it), and the one queued last.
    active_config: Option<ActiveConfig>,
    configs: HashMap<u64, ActiveConfig>,
    /// [[codec implementation]]
    codec: Option<Codec<VideoDecoderBackend, VideoDecoder>>,
    /// The chunks in the codec: their timestamp and duration.
    chunks: HashMap<u64, (i64, Option<u64>)>,
}

#[dom_struct]
pub struct VideoDecoder {
    eventtarget: EventTarget,
    /// [[output callback]]
    output: Rc<VideoFrameOutputCallback>,
    /// [[error callback]]
    error: Rc<WebCodecsErrorCallback>,
    #[no_trace]
    inner: RefCell<Inner>,
}

fn buffer_bytes(source: &ArrayBufferViewOrArrayBuffer) -> Vec<u8> {
    match source {
        ArrayBufferViewOrArrayBuffer::ArrayBufferView(v) => v.0.clone(),
        ArrayBufferViewOrArrayBuffer::ArrayBuffer(b) => b.0.clone(),
    }
}

/// "valid VideoDecoderConfig" (<https://w3c.github.io/webcodecs/#valid-videodecoderconfig>),
/// and the configuration as kept.
fn parse_config(config: &VideoDecoderConfig) -> Fallible<ActiveConfig> {
    let codec = config.codec.to_string();
    // 1. If codec is empty after stripping leading and trailing ASCII whitespace, invalid.
    if codec.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty() {
        return Err(Error::Type("The codec string is empty.".into()));
    }
    // 2–3. codedWidth and codedHeight: both or neither, and not 0.
    if config.coded_width.is_some() != config.coded_height.is_some() {
        return Err(Error::Type("codedWidth and codedHeight must be given together.".into()));
    }
    if config.coded_width == Some(0) || config.coded_height == Some(0) {
        return Err(Error::Type("codedWidth and codedHeight must not be 0.".into()));
    }
    // 4–5. displayAspectWidth and displayAspectHeight: both or neither, and not 0.
    let display_aspect = match (config.display_aspect_width, config.display_aspect_height) {
        (Some(0), _) | (_, Some(0)) => {
            return Err(Error::Type("displayAspectWidth and displayAspectHeight must not be 0.".into()));
        }
        (Some(w), Some(h)) => Some((w, h)),
        (None, None) => None,
        _ => return Err(Error::Type("displayAspectWidth and displayAspectHeight must be given together.".into())),
    };
    // 6. (A description is a copy here; it cannot be detached.)
    Ok(ActiveConfig {
        settings: VideoDecoderSettings {
            codec: VideoCodec::parse(&codec),
            codec_string: codec,
            description: config.description.as_ref().map(buffer_bytes),
        },
        display_aspect,
        color_space: config.color_space.as_ref().map(ColorSpaceData::from_init),
        rotation: crate::dom::webcodecs::pixels::parse_rotation(*config.rotation),
        flip: config.flip,
    })
}

/// "Check Configuration Support" (<https://w3c.github.io/webcodecs/#check-configuration-support>).
fn supported(config: &ActiveConfig) -> bool {
    let Ok(codec) = config.settings.check() else { return false };
    crate::threads::codecs().is_some_and(|c| c.video_decoder_available(codec))
}

/// "Clone Configuration" (<https://w3c.github.io/webcodecs/#clone-config>).
fn clone_config(config: &VideoDecoderConfig) -> VideoDecoderConfig {
    VideoDecoderConfig {
        codec: config.codec.clone(),
        description: config.description.as_ref().map(|d| match d {
            ArrayBufferViewOrArrayBuffer::ArrayBufferView(v) => {
                ArrayBufferViewOrArrayBuffer::ArrayBufferView(ArrayBufferViewBytes(v.0.clone()))
            }
            ArrayBufferViewOrArrayBuffer::ArrayBuffer(b) => {
                ArrayBufferViewOrArrayBuffer::ArrayBuffer(ArrayBufferBytes(b.0.clone()))
            }
        }),
        coded_width: config.coded_width,
        coded_height: config.coded_height,
        display_aspect_width: config.display_aspect_width,
        display_aspect_height: config.display_aspect_height,
        color_space: config.color_space.as_ref().map(|c| VideoColorSpaceInit {
            primaries: c.primaries,
            transfer: c.transfer,
            matrix: c.matrix,
            full_range: c.full_range,
        }),
        hardware_acceleration: config.hardware_acceleration,
        optimize_for_latency: config.optimize_for_latency,
        rotation: config.rotation,
        flip: config.flip,
    }
}

/// Whether a chunk's data begins a key frame, where the codec's bitstream says so plainly:
/// VP8's frame tag (RFC 6386, 9.1: bit 0 is 0 for a key frame) and VP9's uncompressed header
/// (frame_marker, profile, show_existing_frame, frame_type 0 for a key frame). `None`: not
/// inspected.
fn is_key_data(codec: Option<VideoCodec>, data: &[u8]) -> Option<bool> {
    let first = *data.first()?;
    match codec? {
        VideoCodec::Vp8 => Some(first & 1 == 0),
        VideoCodec::Vp9 { .. } => {
            let profile = ((first >> 5) & 1) | (((first >> 4) & 1) << 1);
            // Profile 3 has a reserved bit before show_existing_frame.
            let shift = if profile == 3 { 2 } else { 3 };
            let show_existing = (first >> shift) & 1 == 1;
            Some(!show_existing && (first >> (shift - 1)) & 1 == 0)
        }
        _ => None,
    }
}

fn color_from_detected(d: &media_traits::codecs::DetectedColorSpace) -> ColorSpaceData {
    ColorSpaceData {
        primaries: d.primaries.and_then(VideoColorPrimaries::from_idl),
        transfer: d.transfer.and_then(VideoTransferCharacteristics::from_idl),
        matrix: d.matrix.and_then(VideoMatrixCoefficients::from_idl),
        full_range: d.full_range,
    }
}

impl VideoDecoder {
    fn inner(&self) -> std::cell::RefMut<'_, Inner> {
        self.inner.borrow_mut()
    }

    /// The codec of this configuration run, made on first use.
    fn codec(&self) -> Option<std::cell::RefMut<'_, Codec<VideoDecoderBackend, VideoDecoder>>> {
        let mut inner = self.inner();
        if inner.codec.is_none() {
            let provider = crate::threads::codecs()?;
            inner.codec = Some(Codec::new(|events| provider.video_decoder(events)));
        }
        Some(std::cell::RefMut::map(inner, |i| i.codec.as_mut().expect("made above")))
    }

    fn release_codec(&self) {
        let codec = self.inner().codec.take();
        drop(codec.and_then(Codec::release));
    }

    fn run_message_now(&self, cx: &mut JSContext, message: Message) {
        match message {
            Message::Configure(config) => {
                // 1. [[message queue blocked]] is true. 2. On the codec work queue: check support
                //    and configure.
                let serial = {
                    let mut inner = self.inner();
                    inner.ctl.blocked = true;
                    let serial = inner.ctl.next_id();
                    inner.configs.insert(serial, config.clone());
                    serial
                };
                match self.codec() {
                    Some(mut codec) => {
                        codec.started(self);
                        codec.backend.configure(serial, config.settings);
                    }
                    None => {
                        let _ =
                            self.close_decoder(cx, Error::NotSupported("This engine has no video decoders.".into()));
                    }
                }
            }
            Message::Decode(chunk, duration) => {
                {
                    let mut inner = self.inner();
                    // 2–3. The input may saturate the codec; the queue size drops (and a
                    //      dequeue event is scheduled below).
                    inner.ctl.input_sent();
                    inner.chunks.insert(chunk.id, (chunk.timestamp, duration));
                }
                schedule_dequeue_event(self);
                // 4. On the codec work queue: decode the chunk.
                if let Some(mut codec) = self.codec() {
                    codec.started(self);
                    codec.backend.process(chunk);
                }
            }
            Message::Flush(id) => {
                if let Some(mut codec) = self.codec() {
                    codec.started(self);
                    codec.backend.flush(id);
                }
            }
        }
    }

    /// "Output VideoFrames" (<https://w3c.github.io/webcodecs/#output-videoframes>).
    fn output_frames(&self, cx: &mut JSContext, outputs: Vec<DecodedFrame>) {
        let window = self.global();
        for output in outputs {
            let data = {
                let mut inner = self.inner();
                if inner.ctl.state != CodecState::Configured {
                    return;
                }
                // 1.1. The timestamp and duration of the output's chunk.
                let Some((timestamp, duration)) = inner.chunks.remove(&output.chunk) else { continue };
                let Some(config) = inner.active_config.clone() else { continue };
                // 1.2–5. The display aspect and colour space (the config's over the
                //        bitstream's); 1.6. rotation and flip.
                create_frame(&output, timestamp, duration, &config)
            };
            let frame = VideoFrame::new(cx, &window, data);
            // 1.8. Invoke [[output callback]] with frame.
            let _guard = crate::script_thread::ScriptGuard::new();
            rooted!(&in(cx) let this = UndefinedValue());
            let _ = self.output.Call_(cx, this.handle(), &frame, ExceptionHandling::Report);
        }
    }

    /// "Reset VideoDecoder" (<https://w3c.github.io/webcodecs/#reset-videodecoder>).
    fn reset_decoder(&self, cx: &mut JSContext, exception: Error) -> ErrorResult {
        let (promises, had_queue) = {
            let mut inner = self.inner();
            // 1. If state is "closed", throw an InvalidStateError.
            if inner.ctl.state == CodecState::Closed {
                return Err(Error::InvalidState("The VideoDecoder is closed.".into()));
            }
            // 2. "unconfigured"; 4. no control message is left.
            inner.key_chunk_required = true;
            inner.active_config = None;
            inner.chunks.clear();
            inner.configs.clear();
            inner.ctl.reset()
        };
        // 3. Signal the codec to cease producing output for the previous configuration.
        self.release_codec();
        // 5. [[decodeQueueSize]] to zero, with a dequeue event.
        if had_queue {
            schedule_dequeue_event(self);
        }
        // 6. Reject each pending flush promise with exception.
        for promise in promises {
            promise.reject_error(cx, exception.clone());
        }
        Ok(())
    }

    /// "Close VideoDecoder" (<https://w3c.github.io/webcodecs/#close-videodecoder>).
    fn close_decoder(&self, cx: &mut JSContext, exception: Error) -> ErrorResult {
        // 1. Reset VideoDecoder with exception. 2–3. Closed, the codec released.
        self.reset_decoder(cx, exception.clone())?;
        self.inner().ctl.state = CodecState::Closed;
        // 4. If exception is not an AbortError, invoke [[error callback]] with it.
        if !matches!(exception, Error::Abort(_)) {
            invoke_error_callback(cx, &self.global(), &self.error, &exception);
        }
        Ok(())
    }
}

/// "Create a VideoFrame" (<https://w3c.github.io/webcodecs/#create-a-videoframe>) of a decoded
/// output: an I420 resource sharing the decoded bytes.
fn create_frame(output: &DecodedFrame, timestamp: i64, duration: Option<u64>, config: &ActiveConfig) -> FrameData {
    let (w, h) = (output.width, output.height);
    let (cw, ch) = (w.div_ceil(2) as usize, h.div_ceil(2) as usize);
    let y = w as usize * h as usize;
    let bytes = FrameBytes::new(output.data.clone());
    let plane = |offset: usize, stride: usize| PlaneData { data: bytes.clone(), offset, stride };
    let resource = Resource {
        format: Format::from_name("I420").expect("I420 is a VideoPixelFormat"),
        coded_width: w,
        coded_height: h,
        planes: vec![plane(0, w as usize), plane(y, cw), plane(y + cw * ch, cw)],
    };
    // 8. With a display aspect, widen or heighten the display size until its ratio matches.
    let display = match config.display_aspect {
        Some((aw, ah)) if (aw as u64) * (h as u64) > (ah as u64) * (w as u64) => {
            (((h as u64 * aw as u64) as f64 / ah as f64).round() as u32, h)
        }
        Some((aw, ah)) if (aw as u64) * (h as u64) < (ah as u64) * (w as u64) => {
            (w, ((w as u64 * ah as u64) as f64 / aw as f64).round() as u32)
        }
        _ => (w, h),
    };
    // 11. Pick Color Space: the config's members, else what the bitstream said, with what
    //     neither says guessed as BT.709 (as the User Agent may).
    let detected = color_from_detected(&output.color);
    let given = config.color_space.unwrap_or(ColorSpaceData {
        primaries: None,
        transfer: None,
        matrix: None,
        full_range: None,
    });
    let guess = ColorSpaceData::REC709;
    let color = ColorSpaceData {
        primaries: given.primaries.or(detected.primaries).or(guess.primaries),
        transfer: given.transfer.or(detected.transfer).or(guess.transfer),
        matrix: given.matrix.or(detected.matrix).or(guess.matrix),
        full_range: given.full_range.or(detected.full_range).or(guess.full_range),
    };
    FrameData {
        format: Some(resource.format),
        resource,
        visible: (0, 0, w, h),
        rotation: config.rotation,
        flip: config.flip,
        display,
        timestamp,
        duration,
        color,
    }
}

impl CodecOwner for VideoDecoder {
    type Output = DecodedFrame;
    type Message = Message;
    const WORK: &'static str = "Decoding";

    fn control(&self) -> std::cell::RefMut<'_, Control<Message>> {
        std::cell::RefMut::map(self.inner(), |i| &mut i.ctl)
    }

    fn is_input(message: &Message) -> bool {
        matches!(message, Message::Decode(..))
    }

    fn run_message(&self, cx: &mut JSContext, message: Message) {
        self.run_message_now(cx, message)
    }

    fn settle_codec(&self) {
        let token = self.inner().codec.as_mut().and_then(|c| c.settled());
        drop(token);
    }

    fn activate_config(&self, serial: u64) {
        let mut inner = self.inner();
        if let Some(c) = inner.configs.get(&serial).cloned() {
            inner.active_config = Some(c);
        }
    }

    fn output(&self, cx: &mut JSContext, outputs: Vec<DecodedFrame>) {
        self.output_frames(cx, outputs)
    }

    fn close_with(&self, cx: &mut JSContext, exception: Error) {
        let _ = self.close_decoder(cx, exception);
    }

    fn event_target(&self) -> &EventTarget {
        &self.eventtarget
    }
}

impl Drop for VideoDecoder {
    fn drop(&mut self) {
        // An idle decoder was collected: its codec's thread ends.
        if let Some(codec) = self.inner.get_mut().codec.take() {
            drop(codec.release());
        }
    }
}

impl VideoDecoderMethods for VideoDecoder {
    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-videodecoder>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &VideoDecoderInit,
    ) -> Fallible<DomRoot<VideoDecoder>> {
        // 1–16. A new decoder: no codec yet, "unconfigured", a key chunk required first.
        let decoder = VideoDecoder {
            eventtarget: EventTarget::new_inherited(),
            output: init.output.clone(),
            error: init.error.clone(),
            inner: RefCell::new(Inner {
                ctl: Control::new(),
                key_chunk_required: true,
                configured_codec: None,
                active_config: None,
                configs: HashMap::new(),
                codec: None,
                chunks: HashMap::new(),
            }),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(decoder), global, proto))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-state>
    fn State(&self, _cx: &mut JSContext) -> CodecState {
        self.inner().ctl.state
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-decodequeuesize>
    fn DecodeQueueSize(&self, _cx: &mut JSContext) -> u32 {
        self.inner().ctl.queue_size
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-ondequeue>
    fn Ondequeue(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("dequeue")
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-ondequeue>
    fn SetOndequeue(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("dequeue", value)
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-configure>
    fn Configure(&self, cx: &mut JSContext, config: &VideoDecoderConfig) -> ErrorResult {
        // 1. If config is not a valid VideoDecoderConfig, throw a TypeError.
        let config = parse_config(config)?;
        {
            let mut inner = self.inner();
            // 2. If [[state]] is "closed", throw an InvalidStateError.
            if inner.ctl.state == CodecState::Closed {
                return Err(Error::InvalidState("The VideoDecoder is closed.".into()));
            }
            // 3–5. "configured", a key chunk required, a control message to configure.
            inner.ctl.state = CodecState::Configured;
            inner.key_chunk_required = true;
            inner.configured_codec = config.settings.codec;
            inner.ctl.push(Message::Configure(config));
        }
        // 6. Process the control message queue.
        process_queue(self, cx);
        Ok(())
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-decode>
    fn Decode(&self, cx: &mut JSContext, chunk: &EncodedVideoChunk) -> ErrorResult {
        let data = chunk.data();
        {
            let mut inner = self.inner();
            // 1. If [[state]] is not "configured", throw an InvalidStateError.
            if inner.ctl.state != CodecState::Configured {
                return Err(Error::InvalidState("The VideoDecoder is not configured.".into()));
            }
            // 2. If [[key chunk required]]: a chunk that is not a key chunk (by its type, or by
            //    its data where the bitstream says plainly) is a DataError; otherwise no key
            //    chunk is required any more.
            if inner.key_chunk_required {
                if !data.key {
                    return Err(Error::Data("A key chunk is required after configure() and flush().".into()));
                }
                if is_key_data(inner.configured_codec, &data.data) == Some(false) {
                    return Err(Error::Data("The chunk is marked key but its data is not a key frame.".into()));
                }
                inner.key_chunk_required = false;
            }
            // 3–4. [[decodeQueueSize]] + 1, and a control message to decode chunk.
            inner.ctl.queue_size += 1;
            let id = inner.ctl.next_id();
            let input = ChunkToDecode { id, data: data.data.clone(), key: data.key, timestamp: data.timestamp };
            inner.ctl.push(Message::Decode(input, data.duration));
        }
        // 5. Process the control message queue.
        process_queue(self, cx);
        Ok(())
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-flush>
    fn Flush(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. If [[state]] is not "configured", a promise rejected with InvalidStateError.
        if self.inner().ctl.state != CodecState::Configured {
            return Promise::new_rejected(
                cx,
                &window,
                Error::InvalidState("The VideoDecoder is not configured.".into()),
            );
        }
        let promise = Promise::new(cx, &window);
        {
            let mut inner = self.inner();
            // 2. [[key chunk required]] is true. 3–5. A new promise and a control message.
            inner.key_chunk_required = true;
            let id = inner.ctl.add_flush(promise.clone());
            inner.ctl.push(Message::Flush(id));
        }
        // 6. Process the control message queue.
        process_queue(self, cx);
        promise
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-reset>
    fn Reset(&self, cx: &mut JSContext) -> ErrorResult {
        self.reset_decoder(cx, Error::Abort("The VideoDecoder was reset.".into()))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-close>
    fn Close(&self, cx: &mut JSContext) -> ErrorResult {
        self.close_decoder(cx, Error::Abort("The VideoDecoder was closed.".into()))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videodecoder-isconfigsupported>
    fn IsConfigSupported(cx: &mut JSContext, global: &Window, config: &VideoDecoderConfig) -> Rc<Promise> {
        // 1. If config is not a valid VideoDecoderConfig, a promise rejected with a TypeError.
        let parsed = match parse_config(config) {
            Ok(parsed) => parsed,
            Err(e) => return Promise::new_rejected(cx, global, e),
        };
        // 2–4. Check Configuration Support, then resolve p in a task with a clone of config.
        let support = VideoDecoderSupport { supported: Some(supported(&parsed)), config: Some(clone_config(config)) };
        let promise = Promise::new(cx, global);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &support)));
        promise
    }
}
