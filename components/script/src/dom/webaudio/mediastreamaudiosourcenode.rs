//! `MediaStreamAudioSourceNode` (<https://webaudio.github.io/web-audio-api/#MediaStreamAudioSourceNode>):
//! the audio of a stream's first audio track as a source in a graph (the microphone level meter
//! of capture pages: `createMediaStreamSource(stream)` → `AnalyserNode`).
//!
//! What each track carries here:
//! - the fake microphone: its tone (`media_traits::recorder::FAKE_MICROPHONE_TONE_*`, the signal
//!   its recordings carry), made by the render thread;
//! - a `MediaStreamAudioDestinationNode`'s track: the frames that node renders, through its tap
//!   (a context of another sample rate is a `NotSupportedError`, as in Chromium: there is no
//!   resampler);
//! - other audio tracks (a media element's `captureStream()`): silence, documented.
//!
//! A disabled, muted or ended track is silence (Media Capture and Streams: "a muted or disabled
//! MediaStreamTrack renders … silence").

use dom_struct::dom_struct;
use media_traits::recorder::{EnabledFlag, FAKE_MICROPHONE_TONE_HZ, FAKE_MICROPHONE_TONE_VOLUME};
use media_traits::webaudio::{NodeKind, StreamInput, StreamQueue};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::MediaStreamAudioSourceOptions;
use crate::dom::bindings::codegen::MediaStreamAudioSourceNodeBinding::MediaStreamAudioSourceNodeMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind};
use crate::dom::webaudio::audiocontext::AudioContext;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct MediaStreamAudioSourceNode {
    node: AudioNode,
    stream: Dom<MediaStream>,
}

impl MediaStreamAudioSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiosourcenode-mediastreamaudiosourcenode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &AudioContext,
        options: &MediaStreamAudioSourceOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<MediaStreamAudioSourceNode>> {
        let base = context.upcast::<BaseAudioContext>();
        let stream = &options.media_stream;
        // 1. "If the mediaStream member of options does not reference a MediaStream that has at
        //    least one MediaStreamTrack whose kind attribute has the value "audio", throw an
        //    InvalidStateError and abort these steps."
        let mut audio: Vec<_> = stream.tracks().into_iter().filter(|t| t.kind() == TrackKind::Audio).collect();
        if audio.is_empty() {
            return Err(Error::InvalidState("MediaStream has no audio track".into()));
        }
        // 3. "Let tracks be the list of tracks of mediaStream whose kind is "audio". Sort the
        //    elements in tracks based on their id attribute using an ordering on sequences of
        //    code unit values." 4. "Let track be the first element of tracks."
        audio.sort_by(|a, b| a.track_id().encode_utf16().cmp(b.track_id().encode_utf16()));
        let track = audio.swap_remove(0);
        let source = track.source();
        let (input, channels) = match (source.origin(), source.web_audio()) {
            (SourceOrigin::FakeMicrophone, _) => (
                StreamInput::Tone {
                    frequency: FAKE_MICROPHONE_TONE_HZ as f32,
                    amplitude: FAKE_MICROPHONE_TONE_VOLUME as f32,
                },
                1,
            ),
            (SourceOrigin::WebAudio, Some(web_audio)) => {
                if web_audio.rate != base.sample_rate() as u32 {
                    return Err(Error::NotSupported(format!(
                        "Connecting AudioNodes from AudioContexts with different sample-rate ({} and {}) is not supported.",
                        web_audio.rate,
                        base.sample_rate()
                    )));
                }
                let channels = web_audio.channels.get().max(1);
                let queue = StreamQueue::new(channels, web_audio.rate as usize);
                let feed = queue.clone();
                if web_audio.tap.subscribe(move |block| feed.push(block)).is_none() {
                    log::debug!("MediaStreamAudioSourceNode: the track's tap is closed; silence");
                }
                (StreamInput::Queue(queue), channels)
            }
            _ => (StreamInput::Silence, 1),
        };
        let shape = NodeShape::with_default_channels(0, 1);
        let node = AudioNode::new_inherited(base, base.next_node_id(), shape, None)?;
        // The track's [[Enabled]] is shared as is; "live" follows its muting and ending.
        let live = EnabledFlag::new(track.is_live() && !track.is_muted());
        let on_mute = live.clone();
        track.add_mute_observer(std::rc::Rc::new(move |_, muted| on_mute.set(!muted)));
        let on_end = live.clone();
        track.add_end_observer(Box::new(move |_| on_end.set(false)));
        let this = MediaStreamAudioSourceNode { node, stream: Dom::from_ref(&**stream) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>()
            .create_in_renderer(NodeKind::StreamSource { input, channels, enabled: track.enabled_flag(), live }, &[]);
        Ok(this)
    }
}

impl MediaStreamAudioSourceNodeMethods for MediaStreamAudioSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiosourcenode-mediastreamaudiosourcenode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &AudioContext,
        options: &MediaStreamAudioSourceOptions,
    ) -> Fallible<DomRoot<MediaStreamAudioSourceNode>> {
        MediaStreamAudioSourceNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiosourcenode-mediastream>
    fn MediaStream(&self, _cx: &mut JSContext) -> DomRoot<MediaStream> {
        self.stream.as_rooted()
    }
}
