//! `VideoPlaybackQuality` (<https://w3c.github.io/media-playback-quality/>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::VideoPlaybackQualityBinding::VideoPlaybackQualityMethods;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct VideoPlaybackQuality {
    reflector_: Reflector,
    #[no_trace]
    creation_time: f64,
    #[no_trace]
    total_video_frames: u32,
}

impl VideoPlaybackQuality {
    /// A snapshot taken now: `total_video_frames` frames reached the video since its media was
    /// loaded, none dropped (a headless host composites nothing, so it drops nothing).
    pub fn new(cx: &mut JSContext, window: &Window, total_video_frames: u32) -> DomRoot<VideoPlaybackQuality> {
        let quality = VideoPlaybackQuality {
            reflector_: Reflector::new(),
            creation_time: window.performance_now(),
            total_video_frames,
        };
        reflect_dom_object(cx, Box::new(quality), window)
    }
}

impl VideoPlaybackQualityMethods for VideoPlaybackQuality {
    /// <https://w3c.github.io/media-playback-quality/#dom-videoplaybackquality-creationtime>
    fn CreationTime(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.creation_time)
    }

    /// <https://w3c.github.io/media-playback-quality/#dom-videoplaybackquality-droppedvideoframes>
    fn DroppedVideoFrames(&self, _cx: &mut JSContext) -> u32 {
        0
    }

    /// <https://w3c.github.io/media-playback-quality/#dom-videoplaybackquality-totalvideoframes>
    fn TotalVideoFrames(&self, _cx: &mut JSContext) -> u32 {
        self.total_video_frames
    }

    /// <https://w3c.github.io/media-playback-quality/#dom-videoplaybackquality-corruptedvideoframes>
    fn CorruptedVideoFrames(&self, _cx: &mut JSContext) -> u32 {
        0
    }
}
