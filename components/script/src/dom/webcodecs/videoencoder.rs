//! `VideoEncoder` (<https://w3c.github.io/webcodecs/#videoencoder-interface>): frames in,
//! `EncodedVideoChunk`s out, for pages that record or stream what they capture or paint.
//!
//! This object is the spec's control side: the [[control message queue]], [[state]],
//! [[encodeQueueSize]], the pending flush promises and the callbacks. The [[codec work queue]]
//! and [[codec implementation]] are the engine's codec provider's (`media_traits::codecs`,
//! implemented on GStreamer by the `codecs` crate): each control message that reaches the codec
//! becomes one operation there, answered by exactly one event, queued back here as a task.
//! How the codec's events come back is `codecwork`'s, shared with `VideoDecoder`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use dom_struct::dom_struct;
use media_traits::codecs::{
    AvcFormat, BitrateMode, EncodedOutput, FrameToEncode, VideoCodec, VideoEncoderBackend, VideoEncoderSettings,
};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::{
    EncodedVideoChunkOutputCallback, EventHandlerNonNull, WebCodecsErrorCallback,
};
use crate::dom::bindings::codegen::Dictionaries::{
    AvcEncoderConfig, EncodedVideoChunkMetadata, VideoColorSpaceInit, VideoDecoderConfig, VideoEncoderConfig,
    VideoEncoderEncodeOptions, VideoEncoderInit, VideoEncoderSupport,
};
use crate::dom::bindings::codegen::Enums::{
    AvcBitstreamFormat, CodecState, HardwareAcceleration, LatencyMode, VideoColorPrimaries, VideoEncoderBitrateMode,
    VideoMatrixCoefficients, VideoTransferCharacteristics,
};
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer;
use crate::dom::bindings::codegen::VideoEncoderBinding::VideoEncoderMethods;
use crate::dom::bindings::conversions::ArrayBufferBytes;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webcodecs::codecwork::{
    Codec, CodecOwner, Control, invoke_error_callback, process_queue, schedule_dequeue_event,
};
use crate::dom::webcodecs::encodedvideochunk::{ChunkData, EncodedVideoChunk};
use crate::dom::webcodecs::videoframe::{FrameData, VideoFrame};

/// A valid configuration as this encoder keeps it: what the codec gets, and what the chunks'
/// decoder configurations are made of.
#[derive(Clone, Debug)]
pub struct ActiveConfig {
    settings: VideoEncoderSettings,
    display_width: Option<u32>,
    display_height: Option<u32>,
}

/// A control message (<https://w3c.github.io/webcodecs/#control-message>).
pub enum Message {
    Configure(ActiveConfig),
    Encode(FrameData, bool),
    Flush(u64),
}

/// What an output's frame carried that its chunk and decoder config take.
struct PendingFrame {
    timestamp: i64,
    duration: Option<u64>,
    rotation: u32,
    flip: bool,
}

/// The decoder configuration of an output, as compared with [[active output config]].
#[derive(Clone, Debug, PartialEq)]
struct OutputConfig {
    codec: String,
    coded: (u32, u32),
    display: (u32, u32),
    rotation: u32,
    flip: bool,
    description: Option<Vec<u8>>,
}

struct Inner {
    /// The codec interface's slots and control message queue.
    ctl: Control<Message>,
    /// [[active orientation]]
    active_orientation: Option<(u32, bool)>,
    /// [[active encoder config]]
    active_config: Option<ActiveConfig>,
    /// The configurations the codec was given, by serial (an output names its own).
    configs: HashMap<u64, ActiveConfig>,
    /// [[active output config]]
    active_output: Option<OutputConfig>,
    /// [[codec implementation]]
    codec: Option<Codec<VideoEncoderBackend, VideoEncoder>>,
    frames: HashMap<u64, PendingFrame>,
}

#[dom_struct]
pub struct VideoEncoder {
    eventtarget: EventTarget,
    /// [[output callback]]
    output: Rc<EncodedVideoChunkOutputCallback>,
    /// [[error callback]]
    error: Rc<WebCodecsErrorCallback>,
    #[no_trace]
    inner: RefCell<Inner>,
}

/// "valid VideoEncoderConfig" (<https://w3c.github.io/webcodecs/#valid-videoencoderconfig>),
/// and the configuration as kept.
fn parse_config(config: &VideoEncoderConfig) -> Fallible<ActiveConfig> {
    let codec = config.codec.to_string();
    // 1. If codec is empty after stripping leading and trailing ASCII whitespace, invalid.
    if codec.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty() {
        return Err(Error::Type("The codec string is empty.".into()));
    }
    // 2. If width = 0 or height = 0, invalid.
    if config.width == 0 || config.height == 0 {
        return Err(Error::Type("width and height must not be 0.".into()));
    }
    // 3. If displayWidth = 0 or displayHeight = 0, invalid.
    if config.display_width == Some(0) || config.display_height == Some(0) {
        return Err(Error::Type("displayWidth and displayHeight must not be 0.".into()));
    }
    // (A bitrate that is present must not be 0: WPT and every engine.)
    if config.bitrate == Some(0) {
        return Err(Error::Type("bitrate must not be 0.".into()));
    }
    let settings = VideoEncoderSettings {
        codec: VideoCodec::parse(&codec),
        codec_string: codec,
        width: config.width,
        height: config.height,
        bitrate: config.bitrate,
        framerate: config.framerate.map(|f| *f),
        prefer_hardware: config.hardware_acceleration == HardwareAcceleration::PreferHardware,
        keep_alpha: config.alpha == crate::dom::bindings::codegen::Enums::AlphaOption::Keep,
        scalability_mode: config.scalability_mode.as_ref().map(|m| m.to_string()),
        bitrate_mode: match config.bitrate_mode {
            VideoEncoderBitrateMode::Constant => BitrateMode::Constant,
            VideoEncoderBitrateMode::Variable => BitrateMode::Variable,
            VideoEncoderBitrateMode::Quantizer => BitrateMode::Quantizer,
        },
        realtime: config.latency_mode == LatencyMode::Realtime,
        avc_format: match config.avc.as_ref().map(|a| a.format) {
            Some(AvcBitstreamFormat::Annexb) => AvcFormat::AnnexB,
            _ => AvcFormat::Avc,
        },
    };
    Ok(ActiveConfig { settings, display_width: config.display_width, display_height: config.display_height })
}

/// "Check Configuration Support" (<https://w3c.github.io/webcodecs/#check-configuration-support>).
fn supported(config: &ActiveConfig) -> bool {
    let Ok(codec) = config.settings.check() else { return false };
    crate::threads::codecs().is_some_and(|c| c.video_encoder_available(codec))
}

/// "Clone Configuration" (<https://w3c.github.io/webcodecs/#clone-config>): the members this
/// encoder knows, copied.
fn clone_config(config: &VideoEncoderConfig) -> VideoEncoderConfig {
    VideoEncoderConfig {
        codec: config.codec.clone(),
        width: config.width,
        height: config.height,
        display_width: config.display_width,
        display_height: config.display_height,
        bitrate: config.bitrate,
        framerate: config.framerate,
        hardware_acceleration: config.hardware_acceleration,
        alpha: config.alpha,
        scalability_mode: config.scalability_mode.clone(),
        bitrate_mode: config.bitrate_mode,
        latency_mode: config.latency_mode,
        content_hint: config.content_hint.clone(),
        avc: config.avc.as_ref().map(|a| AvcEncoderConfig { format: a.format }),
    }
}

impl VideoEncoder {
    fn inner(&self) -> std::cell::RefMut<'_, Inner> {
        self.inner.borrow_mut()
    }

    /// The codec of this configuration run, made on first use.
    fn codec(&self) -> Option<std::cell::RefMut<'_, Codec<VideoEncoderBackend, VideoEncoder>>> {
        let mut inner = self.inner();
        if inner.codec.is_none() {
            let provider = crate::threads::codecs()?;
            inner.codec = Some(Codec::new(|events| provider.video_encoder(events)));
        }
        Some(std::cell::RefMut::map(inner, |i| i.codec.as_mut().expect("made above")))
    }

    /// Drops the codec: its pending operations are discarded and their events never come.
    fn release_codec(&self) {
        let codec = self.inner().codec.take();
        drop(codec.and_then(Codec::release));
    }

    fn run_message_now(&self, cx: &mut JSContext, message: Message) {
        match message {
            Message::Configure(config) => {
                // 1. Assign true to [[message queue blocked]].
                let serial = {
                    let mut inner = self.inner();
                    inner.ctl.blocked = true;
                    let serial = inner.ctl.next_id();
                    inner.configs.insert(serial, config.clone());
                    serial
                };
                // 2. Enqueue to the codec work queue: check support, configure the codec.
                match self.codec() {
                    Some(mut codec) => {
                        codec.started(self);
                        codec.backend.configure(serial, config.settings);
                    }
                    None => {
                        let _ =
                            self.close_encoder(cx, Error::NotSupported("This engine has no video encoders.".into()));
                    }
                }
            }
            Message::Encode(frame, key_frame) => {
                let id = {
                    let mut inner = self.inner();
                    // 2–3. The frame may saturate the codec; [[encodeQueueSize]] drops (and a
                    //      dequeue event is scheduled below).
                    inner.ctl.input_sent();
                    let id = inner.ctl.next_id();
                    inner.frames.insert(
                        id,
                        PendingFrame {
                            timestamp: frame.timestamp,
                            duration: frame.duration,
                            rotation: frame.rotation,
                            flip: frame.flip,
                        },
                    );
                    id
                };
                schedule_dequeue_event(self);
                // 4. Enqueue to the codec work queue: encode frameClone (its visible pixels,
                //    unrotated: the orientation travels in the decoder config).
                let timestamp = std::time::Duration::from_micros(frame.timestamp.max(0) as u64);
                let pixels = frame.resource.to_video_frame(frame.visible, frame.color.yuv_matrix(), timestamp);
                if let Some(mut codec) = self.codec() {
                    codec.started(self);
                    codec.backend.process(FrameToEncode { id, frame: pixels, timestamp: frame.timestamp, key_frame });
                }
            }
            Message::Flush(id) => {
                // 1. Enqueue to the codec work queue: emit every pending output, then resolve.
                if let Some(mut codec) = self.codec() {
                    codec.started(self);
                    codec.backend.flush(id);
                }
            }
        }
    }

    /// "Output EncodedVideoChunks" (<https://w3c.github.io/webcodecs/#output-encodedvideochunks>).
    fn output_chunks(&self, cx: &mut JSContext, outputs: Vec<EncodedOutput>) {
        let window = self.global();
        // 1. For each output:
        for output in outputs {
            let (chunk, metadata) = {
                let mut inner = self.inner();
                if inner.ctl.state != CodecState::Configured {
                    return;
                }
                let Some(frame) = inner.frames.remove(&output.frame) else { continue };
                // 1.1–2. A chunk of the output's data and type, with its frame's timestamp
                //        and duration.
                let chunk = ChunkData {
                    key: output.key,
                    timestamp: frame.timestamp,
                    duration: frame.duration,
                    data: Arc::from(output.data),
                };
                // 1.4–5. The output's decoder config, from the encoder config it was made with.
                let Some(config) = inner.configs.get(&output.config).cloned() else { continue };
                let output_config = OutputConfig {
                    codec: config.settings.codec_string.clone(),
                    coded: (config.settings.width, config.settings.height),
                    display: (
                        config.display_width.unwrap_or(config.settings.width),
                        config.display_height.unwrap_or(config.settings.height),
                    ),
                    rotation: frame.rotation,
                    flip: frame.flip,
                    description: output.description,
                };
                // 1.6. If it differs from [[active output config]], it goes with this chunk.
                let mut metadata = EncodedVideoChunkMetadata { decoder_config: None };
                if inner.active_output.as_ref() != Some(&output_config) {
                    metadata.decoder_config = Some(decoder_config(&output_config));
                    inner.active_output = Some(output_config);
                }
                // Outputs of configurations before the last are done with their config.
                let current = output.config;
                inner.configs.retain(|serial, _| *serial >= current);
                (chunk, metadata)
            };
            let chunk = EncodedVideoChunk::new(cx, &window, chunk);
            // 1.9. Invoke [[output callback]] with chunk and chunkMetadata.
            let _guard = crate::script_thread::ScriptGuard::new();
            rooted!(&in(cx) let this = UndefinedValue());
            let _ = self.output.Call_(cx, this.handle(), &chunk, Some(&metadata), ExceptionHandling::Report);
        }
    }

    /// "Reset VideoEncoder" (<https://w3c.github.io/webcodecs/#reset-videoencoder>).
    fn reset_encoder(&self, cx: &mut JSContext, exception: Error) -> ErrorResult {
        let (promises, had_queue) = {
            let mut inner = self.inner();
            // 1. If [[state]] is "closed", throw an InvalidStateError.
            if inner.ctl.state == CodecState::Closed {
                return Err(Error::InvalidState("The VideoEncoder is closed.".into()));
            }
            // 2–4. Unconfigured; no active encoder or output config.
            inner.active_config = None;
            inner.active_output = None;
            inner.active_orientation = None;
            // 6. Remove every control message (nothing blocks the queue any more).
            inner.frames.clear();
            inner.configs.clear();
            inner.ctl.reset()
        };
        // 5. Signal the codec to cease producing output for the previous configuration.
        self.release_codec();
        // 7. If [[encodeQueueSize]] is greater than zero, set it to zero and schedule a
        //    dequeue event.
        if had_queue {
            schedule_dequeue_event(self);
        }
        // 8. Reject each pending flush promise with exception.
        for promise in promises {
            promise.reject_error(cx, exception.clone());
        }
        Ok(())
    }

    /// "Close VideoEncoder" (<https://w3c.github.io/webcodecs/#close-videoencoder>).
    fn close_encoder(&self, cx: &mut JSContext, exception: Error) -> ErrorResult {
        // 1. Run the Reset VideoEncoder algorithm with exception.
        self.reset_encoder(cx, exception.clone())?;
        // 2–3. Closed; the codec is released.
        self.inner().ctl.state = CodecState::Closed;
        // 4. If exception is not an AbortError, invoke [[error callback]] with it.
        if !matches!(exception, Error::Abort(_)) {
            invoke_error_callback(cx, &self.global(), &self.error, &exception);
        }
        Ok(())
    }
}

/// A decoder config (<https://w3c.github.io/webcodecs/#dictdef-videodecoderconfig>) describing
/// outputs: the encoder's frames are converted to 4:2:0 in full range with BT.709's matrix and
/// primaries, keeping sRGB's transfer (as Chromium's encoders describe canvas frames).
fn decoder_config(config: &OutputConfig) -> VideoDecoderConfig {
    VideoDecoderConfig {
        codec: DOMString::from(config.codec.as_str()),
        description: config.description.clone().map(|d| ArrayBufferViewOrArrayBuffer::ArrayBuffer(ArrayBufferBytes(d))),
        coded_width: Some(config.coded.0),
        coded_height: Some(config.coded.1),
        display_aspect_width: Some(config.display.0),
        display_aspect_height: Some(config.display.1),
        color_space: Some(VideoColorSpaceInit {
            primaries: Some(VideoColorPrimaries::Bt709),
            transfer: Some(VideoTransferCharacteristics::Iec6196621),
            matrix: Some(VideoMatrixCoefficients::Bt709),
            full_range: Some(true),
        }),
        hardware_acceleration: HardwareAcceleration::NoPreference,
        optimize_for_latency: None,
        rotation: Finite::<f64>::wrap(config.rotation as f64),
        flip: config.flip,
    }
}

impl CodecOwner for VideoEncoder {
    type Output = EncodedOutput;
    type Message = Message;
    const WORK: &'static str = "Encoding";

    fn control(&self) -> std::cell::RefMut<'_, Control<Message>> {
        std::cell::RefMut::map(self.inner(), |i| &mut i.ctl)
    }

    fn is_input(message: &Message) -> bool {
        matches!(message, Message::Encode(..))
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

    fn output(&self, cx: &mut JSContext, outputs: Vec<EncodedOutput>) {
        self.output_chunks(cx, outputs)
    }

    fn close_with(&self, cx: &mut JSContext, exception: Error) {
        let _ = self.close_encoder(cx, exception);
    }

    fn event_target(&self) -> &EventTarget {
        &self.eventtarget
    }
}

impl Drop for VideoEncoder {
    fn drop(&mut self) {
        // An idle encoder was collected: its codec's thread ends.
        if let Some(codec) = self.inner.get_mut().codec.take() {
            drop(codec.release());
        }
    }
}

impl VideoEncoderMethods for VideoEncoder {
    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-videoencoder>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: &VideoEncoderInit,
    ) -> Fallible<DomRoot<VideoEncoder>> {
        // 1–15. A new encoder: an empty control message queue, not blocked, no codec yet, not
        //       saturated, the two callbacks, no configs, "unconfigured", nothing queued.
        let encoder = VideoEncoder {
            eventtarget: EventTarget::new_inherited(),
            output: init.output.clone(),
            error: init.error.clone(),
            inner: RefCell::new(Inner {
                ctl: Control::new(),
                active_orientation: None,
                active_config: None,
                configs: HashMap::new(),
                active_output: None,
                codec: None,
                frames: HashMap::new(),
            }),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(encoder), global, proto))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-state>
    fn State(&self, _cx: &mut JSContext) -> CodecState {
        self.inner().ctl.state
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-encodequeuesize>
    fn EncodeQueueSize(&self, _cx: &mut JSContext) -> u32 {
        self.inner().ctl.queue_size
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-ondequeue>
    fn Ondequeue(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("dequeue")
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-ondequeue>
    fn SetOndequeue(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("dequeue", value)
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-configure>
    fn Configure(&self, cx: &mut JSContext, config: &VideoEncoderConfig) -> ErrorResult {
        // 1. If config is not a valid VideoEncoderConfig, throw a TypeError.
        let config = parse_config(config)?;
        {
            let mut inner = self.inner();
            // 2. If [[state]] is "closed", throw an InvalidStateError.
            if inner.ctl.state == CodecState::Closed {
                return Err(Error::InvalidState("The VideoEncoder is closed.".into()));
            }
            // 3–4. "configured"; [[active orientation]] is null.
            inner.ctl.state = CodecState::Configured;
            inner.active_orientation = None;
            // 5. Queue a control message to configure the encoder using config.
            inner.ctl.push(Message::Configure(config));
        }
        // 6. Process the control message queue.
        process_queue(self, cx);
        Ok(())
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-encode>
    fn Encode(&self, cx: &mut JSContext, frame: &VideoFrame, options: &VideoEncoderEncodeOptions) -> ErrorResult {
        // 1. If frame's [[Detached]] is true, throw a TypeError.
        let Some(data) = frame.data() else {
            return Err(Error::Type("The VideoFrame is closed.".into()));
        };
        {
            let mut inner = self.inner();
            // 2. If [[state]] is not "configured", throw an InvalidStateError.
            if inner.ctl.state != CodecState::Configured {
                return Err(Error::InvalidState("The VideoEncoder is not configured.".into()));
            }
            // 3. If [[active orientation]] is set and differs from frame's, throw a DataError.
            let orientation = (data.rotation, data.flip);
            if inner.active_orientation.is_some_and(|o| o != orientation) {
                return Err(Error::Data("The frame's rotation or flip differs from the first frame's.".into()));
            }
            // 4. Otherwise it becomes [[active orientation]].
            inner.active_orientation = Some(orientation);
            // 5–7. A clone of frame (its data: the same resource), [[encodeQueueSize]] + 1,
            //      and a control message to encode it.
            inner.ctl.queue_size += 1;
            inner.ctl.push(Message::Encode(data, options.key_frame));
        }
        // 8. Process the control message queue.
        process_queue(self, cx);
        Ok(())
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-flush>
    fn Flush(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. If [[state]] is not "configured", return a promise rejected with InvalidStateError.
        if self.inner().ctl.state != CodecState::Configured {
            return Promise::new_rejected(
                cx,
                &window,
                Error::InvalidState("The VideoEncoder is not configured.".into()),
            );
        }
        // 2–4. A new promise in [[pending flush promises]], and a control message to flush.
        let promise = Promise::new(cx, &window);
        {
            let mut inner = self.inner();
            let id = inner.ctl.add_flush(promise.clone());
            inner.ctl.push(Message::Flush(id));
        }
        // 5. Process the control message queue.
        process_queue(self, cx);
        promise
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-reset>
    fn Reset(&self, cx: &mut JSContext) -> ErrorResult {
        self.reset_encoder(cx, Error::Abort("The VideoEncoder was reset.".into()))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-close>
    fn Close(&self, cx: &mut JSContext) -> ErrorResult {
        self.close_encoder(cx, Error::Abort("The VideoEncoder was closed.".into()))
    }

    /// <https://w3c.github.io/webcodecs/#dom-videoencoder-isconfigsupported>
    fn IsConfigSupported(cx: &mut JSContext, global: &Window, config: &VideoEncoderConfig) -> Rc<Promise> {
        // 1. If config is not a valid VideoEncoderConfig, return a promise rejected with a
        //    TypeError.
        let parsed = match parse_config(config) {
            Ok(parsed) => parsed,
            Err(e) => return Promise::new_rejected(cx, global, e),
        };
        // 2–4. Check Configuration Support (a lookup of the installed encoders), then queue a
        //      task to resolve p with the support and a clone of config.
        let support = VideoEncoderSupport { supported: Some(supported(&parsed)), config: Some(clone_config(config)) };
        let promise = Promise::new(cx, global);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &support)));
        promise
    }
}
