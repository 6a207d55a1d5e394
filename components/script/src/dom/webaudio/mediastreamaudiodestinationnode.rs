//! `MediaStreamAudioDestinationNode`
//! (<https://webaudio.github.io/web-audio-api/#MediaStreamAudioDestinationNode>): its input,
//! mixed to `channelCount` channels, is the audio of its stream's one track. The render thread
//! pushes each render quantum into the track source's tap; a recording subscribes to it.

use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::webaudio::{AudioTap, ChannelConfig, ChannelCountMode, ChannelInterpretation, NodeKind};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::AudioNodeOptions;
use crate::dom::bindings::codegen::MediaStreamAudioDestinationNodeBinding::MediaStreamAudioDestinationNodeMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::tracksource::{TrackSource, WebAudioSource};
use crate::dom::webaudio::audiocontext::AudioContext;
use crate::dom::webaudio::audionode::{AudioNode, ChannelRules, NodeShape};
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct MediaStreamAudioDestinationNode {
    node: AudioNode,
    stream: Dom<MediaStream>,
}

impl MediaStreamAudioDestinationNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiodestinationnode-mediastreamaudiodestinationnode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &AudioContext,
        options: &AudioNodeOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<MediaStreamAudioDestinationNode>> {
        let base = context.upcast::<BaseAudioContext>();
        let shape = NodeShape {
            inputs: 1,
            outputs: 0,
            channels: ChannelConfig {
                count: 2,
                mode: ChannelCountMode::Explicit,
                interpretation: ChannelInterpretation::Speakers,
            },
            rules: ChannelRules::Any,
        };
        let node = AudioNode::new_inherited(base, base.next_node_id(), shape, Some(options))?;
        // "A MediaStream containing a single MediaStreamTrack with the same number of channels
        // as the node itself, and whose kind attribute has the value "audio"."
        let tap = AudioTap::new();
        let source = TrackSource::new_web_audio(WebAudioSource {
            tap: tap.clone(),
            rate: base.sample_rate() as u32,
            channels: Rc::new(std::cell::Cell::new(node.channel_count())),
        });
        let track = MediaStreamTrack::new(cx, window, source, Default::default());
        let stream = MediaStream::new(cx, window, &[&track]);
        let this = MediaStreamAudioDestinationNode { node, stream: Dom::from_ref(&stream) };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::StreamDestination { tap }, &[]);
        Ok(this)
    }
}

impl MediaStreamAudioDestinationNodeMethods for MediaStreamAudioDestinationNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiodestinationnode-mediastreamaudiodestinationnode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &AudioContext,
        options: &AudioNodeOptions,
    ) -> Fallible<DomRoot<MediaStreamAudioDestinationNode>> {
        MediaStreamAudioDestinationNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-mediastreamaudiodestinationnode-stream>
    fn Stream(&self, _cx: &mut JSContext) -> DomRoot<MediaStream> {
        self.stream.as_rooted()
    }
}
