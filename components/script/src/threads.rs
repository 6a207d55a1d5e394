//! The other threads script talks to, as the host wired them.
//!
//! The host (`shell`) spawns the canvas and media threads and hands script
//! their senders here. Media events come back as tasks queued on the script
//! thread (see `remote_task_sender`); the DOM code that sent a request
//! finds it again by its `RequestId`.

use std::cell::RefCell;

use std::sync::Arc;

use canvas_traits::command::CanvasSender;
use crossbeam_channel::Sender;
use media_traits::codecs::CodecProvider;
use media_traits::messages::MediaCommand;
use media_traits::webaudio::AudioCommand;
use webgl_traits::WebGLMsg;

thread_local! {
    static MEDIA: RefCell<Option<Sender<MediaCommand>>> = const { RefCell::new(None) };
    static CANVAS: RefCell<Option<CanvasSender>> = const { RefCell::new(None) };
    static WEBGL: RefCell<Option<Sender<WebGLMsg>>> = const { RefCell::new(None) };
    static AUDIO: RefCell<Option<Sender<AudioCommand>>> = const { RefCell::new(None) };
    static CODECS: RefCell<Option<Arc<dyn CodecProvider>>> = const { RefCell::new(None) };
    static RECORDER_SUPPORT: RefCell<Option<media_traits::recorder::RecorderSupport>> = const { RefCell::new(None) };
}

/// Gives script what the media thread can record (`MediaRecorder.isTypeSupported()`).
pub fn set_recorder_support(support: media_traits::recorder::RecorderSupport) {
    RECORDER_SUPPORT.with(|s| *s.borrow_mut() = Some(support));
}

/// What the engine can record: nothing when no media thread runs.
pub fn recorder_support() -> media_traits::recorder::RecorderSupport {
    RECORDER_SUPPORT.try_with(|s| s.borrow().clone()).ok().flatten().unwrap_or(
        media_traits::recorder::RecorderSupport { containers: Vec::new(), video: Vec::new(), audio: Vec::new() },
    )
}

/// Gives script the engine's codecs (WebCodecs' encoders); a worker's thread gets its owner's.
pub fn set_codecs(codecs: Arc<dyn CodecProvider>) {
    CODECS.with(|c| *c.borrow_mut() = Some(codecs));
}

/// The engine's codecs, if the host provided them.
pub fn codecs() -> Option<Arc<dyn CodecProvider>> {
    CODECS.try_with(|c| c.borrow().clone()).ok().flatten()
}

/// Gives script the Web Audio render thread's command channel.
pub fn set_audio_sender(sender: Sender<AudioCommand>) {
    AUDIO.with(|a| *a.borrow_mut() = Some(sender));
}

/// The Web Audio render thread's command channel, if the host started one.
pub fn audio_sender() -> Option<Sender<AudioCommand>> {
    AUDIO.try_with(|a| a.borrow().clone()).ok().flatten()
}

/// Gives script the media thread's command channel.
pub fn set_media_sender(sender: Sender<MediaCommand>) {
    MEDIA.with(|m| *m.borrow_mut() = Some(sender));
}

/// The media thread's command channel, if the host started one.
pub fn media_sender() -> Option<Sender<MediaCommand>> {
    // (try_with: also called from destructors late in the thread's life.)
    MEDIA.try_with(|m| m.borrow().clone()).ok().flatten()
}

/// Gives script the canvas thread's channel.
pub fn set_canvas_sender(sender: CanvasSender) {
    CANVAS.with(|c| *c.borrow_mut() = Some(sender));
}

/// The canvas thread's channel, if the host started one.
pub fn canvas_sender() -> Option<CanvasSender> {
    CANVAS.with(|c| c.borrow().clone())
}

/// Gives script the WebGL thread's channel.
pub fn set_webgl_sender(sender: Sender<WebGLMsg>) {
    WEBGL.with(|w| *w.borrow_mut() = Some(sender));
}

/// The WebGL thread's channel, if the host started one (without it `getContext("webgl")`
/// returns null).
pub fn webgl_sender() -> Option<Sender<WebGLMsg>> {
    WEBGL.try_with(|w| w.borrow().clone()).ok().flatten()
}
