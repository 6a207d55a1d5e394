//! Video frame callbacks (<https://wicg.github.io/video-rvfc/>):
//! `HTMLVideoElement.requestVideoFrameCallback()`/`cancelVideoFrameCallback()` keep each
//! video's list of callbacks; the rendering update (`script_thread::update_the_rendering`) runs
//! them, before the animation frame callbacks, for every video that presented a new frame since
//! the last update. A video presents a frame when its frame slot (filled by the Media thread
//! from a camera, a canvas capture or a media file) holds a newer frame and the video is not
//! paused. While a callback waits, rendering updates keep coming at most at 60 Hz.

use std::rc::Rc;
use std::time::{Duration, Instant};

use mozjs::context::JSContext;
use mozjs::jsval::ObjectValue;
use mozjs::rooted;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::VideoFrameRequestCallback;
use crate::dom::bindings::codegen::Dictionaries::VideoFrameCallbackMetadata;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// A video's list of video frame request callbacks and its last callback identifier.
#[derive(Default)]
pub struct VideoFrameCallbacks {
    /// "The last callback identifier", incremented before use.
    identifier: u32,
    /// Handle → callback, in registration order.
    callbacks: Vec<(u32, Rc<VideoFrameRequestCallback>)>,
    /// The frame slot generation the callbacks last looked at: a frame is new when the slot
    /// holds a later one.
    seen_generation: u64,
}

// SAFETY: `trace` below reaches every GC thing a `VideoFrameCallbacks` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for VideoFrameCallbacks {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        for (_, callback) in &self.callbacks {
            // SAFETY: tracing the callbacks' objects during the element's own trace.
            unsafe { callback.trace(trc) };
        }
    }
}

impl VideoFrameCallbacks {
    /// Appends `callback` and returns its handle; `generation` is the video's frame
    /// generation now (the frame shown at the request is not a new one).
    pub fn request(&mut self, callback: Rc<VideoFrameRequestCallback>, generation: u64) -> u32 {
        if self.callbacks.is_empty() {
            self.seen_generation = generation;
        }
        self.identifier = self.identifier.wrapping_add(1);
        self.callbacks.push((self.identifier, callback));
        self.identifier
    }

    /// Removes the callback with `handle` (nothing for an unknown one).
    pub fn cancel(&mut self, handle: u32) {
        self.callbacks.retain(|(h, _)| *h != handle);
    }

    pub fn is_empty(&self) -> bool {
        self.callbacks.is_empty()
    }
}

/// The rendering update's step for the videos of `window`: "for each video element … if a new
/// frame was presented since the last time, run the video frame request callbacks" with `now`.
/// <https://wicg.github.io/video-rvfc/#video-frame-request-callbacks>
pub fn run_video_frame_callbacks(cx: &mut JSContext, window: &Window, now: Instant) {
    let ms = |t: Instant| t.saturating_duration_since(window.time_origin()).as_secs_f64() * 1000.0;
    // The same coarsened timestamp the animation frame callbacks get.
    let now_ms = (ms(now) * 200.0).floor() / 200.0;
    for video in window.take_video_frame_elements() {
        let media = video.media();
        // A paused video, or one without a current frame, presents nothing new.
        let presented = match (media.presented_generation(), media.current_frame()) {
            (Some(generation), Some(frame)) if !media.is_paused() => Some((generation, frame)),
            _ => None,
        };
        let Some((generation, frame)) =
            presented.filter(|(g, _)| *g > video.video_frame_callbacks().borrow().seen_generation)
        else {
            // Nothing new: keep waiting.
            if !video.video_frame_callbacks().borrow().is_empty() {
                window.add_video_frame_element(&video);
            }
            continue;
        };
        // 1. Let callbacks be the list of video frame request callbacks; reset the list (so
        //    callbacks requested now wait for the next frame).
        let callbacks = {
            let mut list = video.video_frame_callbacks().borrow_mut();
            list.seen_generation = generation;
            std::mem::take(&mut list.callbacks)
        };
        // 2. Let metadata describe the most recently presented frame: presentationTime (when it
        //    was handed to composition: this update), expectedDisplayTime (the next vsync, one
        //    60 Hz interval later), its size, its media time, and the number of frames
        //    presented so far.
        let metadata = VideoFrameCallbackMetadata {
            presentation_time: Finite::<f64>::wrap(now_ms),
            expected_display_time: Finite::<f64>::wrap(now_ms + Duration::from_micros(16_667).as_secs_f64() * 1000.0),
            width: frame.size.width,
            height: frame.size.height,
            media_time: Finite::<f64>::wrap(media.media_time_of(&frame)),
            presented_frames: generation.min(u32::MAX as u64) as u32,
            // Not known for these sources: the decode time of a media file's frame, the
            // capture time of a camera's, and RTP data (no WebRTC).
            processing_duration: None,
            capture_time: None,
            receive_time: None,
            rtp_timestamp: None,
        };
        // 3. For each callback, invoke it with « now, metadata » and "report".
        for (_, callback) in callbacks {
            {
                let _guard = crate::script_thread::ScriptGuard::new();
                rooted!(&in(cx) let this = ObjectValue(video.reflector().get_raw()));
                let _ = callback.Call_(
                    cx,
                    this.handle(),
                    Finite::<f64>::wrap(now_ms),
                    &metadata,
                    ExceptionHandling::Report,
                );
            }
            crate::script_runtime::microtask_checkpoint(cx);
        }
        if !video.video_frame_callbacks().borrow().is_empty() {
            window.add_video_frame_element(&video);
        }
    }
}
