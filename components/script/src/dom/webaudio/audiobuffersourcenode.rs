//! `AudioBufferSourceNode` (<https://webaudio.github.io/web-audio-api/#AudioBufferSourceNode>).
//! The render thread plays the buffer content acquired at `start()` (or when the buffer is set
//! on a started node); `loop`, `loopStart` and `loopEnd` reach it as they change.

use std::cell::Cell;

use dom_struct::dom_struct;
use media_traits::webaudio::{AutomationRate, ContextCommand, LoopConfig, NodeKind, ParamSlot};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::AudioBufferSourceNodeBinding::AudioBufferSourceNodeMethods;
use crate::dom::bindings::codegen::Dictionaries::AudioBufferSourceOptions;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::html::window::Window;
use crate::dom::webaudio::audiobuffer::AudioBuffer;
use crate::dom::webaudio::audionode::{AudioNode, NodeShape};
use crate::dom::webaudio::audioparam::{AudioParam, MOST_POSITIVE, ParamSpec};
use crate::dom::webaudio::audioscheduledsourcenode::AudioScheduledSourceNode;
use crate::dom::webaudio::baseaudiocontext::BaseAudioContext;

#[dom_struct]
pub struct AudioBufferSourceNode {
    source: AudioScheduledSourceNode,
    buffer: MutNullableDom<AudioBuffer>,
    /// [[buffer set]].
    #[no_trace]
    buffer_set: Cell<bool>,
    playback_rate: Dom<AudioParam>,
    detune: Dom<AudioParam>,
    #[no_trace]
    looping: Cell<LoopConfig>,
}

impl AudioBufferSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-audiobuffersourcenode>
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: &BaseAudioContext,
        options: &AudioBufferSourceOptions,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<AudioBufferSourceNode>> {
        let id = context.next_node_id();
        let shape = NodeShape::with_default_channels(0, 1);
        let node = AudioNode::new_inherited(context, id, shape, None)?;
        // playbackRate and detune: k-rate, with an automation rate constraint.
        let param = |cx: &mut JSContext, slot, default, value| {
            let p = AudioParam::new(
                cx,
                window,
                context,
                id,
                ParamSpec { slot, default, min: -MOST_POSITIVE, max: MOST_POSITIVE, rate: AutomationRate::KRate },
                value,
            );
            p.fix_rate();
            p
        };
        let playback_rate = param(cx, ParamSlot::PlaybackRate, 1.0, *options.playback_rate);
        let detune = param(cx, ParamSlot::Detune, 0.0, *options.detune);
        let looping = LoopConfig { enabled: options.loop_, start: *options.loop_start, end: *options.loop_end };
        let this = AudioBufferSourceNode {
            source: AudioScheduledSourceNode::new_inherited(node),
            buffer: MutNullableDom::new(None),
            buffer_set: Cell::new(false),
            playback_rate: Dom::from_ref(&playback_rate),
            detune: Dom::from_ref(&detune),
            looping: Cell::new(looping),
        };
        let this = reflect_dom_object_with_proto(cx, Box::new(this), window, proto);
        this.upcast::<AudioNode>().create_in_renderer(NodeKind::BufferSource, &[&playback_rate, &detune]);
        this.send_loop();
        // "Set the buffer attribute to options.buffer" (when present and not null).
        if let Some(Some(buffer)) = &options.buffer {
            this.SetBuffer(cx, Some(buffer))?;
        }
        Ok(this)
    }

    fn node(&self) -> &AudioNode {
        self.upcast::<AudioNode>()
    }

    fn send_loop(&self) {
        let node = self.node();
        node.audio_context().send(ContextCommand::SetLoop { node: node.id(), looping: self.looping.get() });
    }

    /// "Acquire the content" of the buffer and hand it to the renderer.
    fn send_buffer(&self) {
        let content = self.buffer.get().and_then(|b| b.acquire_content());
        let node = self.node();
        node.audio_context().send(ContextCommand::SetBuffer { node: node.id(), buffer: content });
    }
}

impl AudioBufferSourceNodeMethods for AudioBufferSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-audiobuffersourcenode>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        context: &BaseAudioContext,
        options: &AudioBufferSourceOptions,
    ) -> Fallible<DomRoot<AudioBufferSourceNode>> {
        AudioBufferSourceNode::new(cx, global, context, options, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-buffer>
    fn Buffer(&self, _cx: &mut JSContext) -> Option<DomRoot<AudioBuffer>> {
        self.buffer.get()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-buffer>
    fn SetBuffer(&self, _cx: &mut JSContext, value: Option<&AudioBuffer>) -> ErrorResult {
        // 1. "Let new buffer be the AudioBuffer or null value to be assigned to buffer."
        // 2. "If new buffer is not null and [[buffer set]] is true, throw an InvalidStateError
        //    and abort these steps."
        if value.is_some() && self.buffer_set.get() {
            return Err(Error::InvalidState(
                "Cannot set buffer to non-null after it has already been set to a non-null buffer.".into(),
            ));
        }
        // 3. "If new buffer is not null, set [[buffer set]] to true."
        if value.is_some() {
            self.buffer_set.set(true);
        }
        // 4. "Assign new buffer to the buffer attribute."
        self.buffer.set(value);
        // 5. "If start() has previously been called on this node, perform the operation
        //    acquire the content on buffer."
        if self.source.is_started() {
            self.send_buffer();
        }
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-playbackrate>
    fn PlaybackRate(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.playback_rate.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-detune>
    fn Detune(&self, _cx: &mut JSContext) -> DomRoot<AudioParam> {
        self.detune.as_rooted()
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loop>
    fn Loop(&self, _cx: &mut JSContext) -> bool {
        self.looping.get().enabled
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loop>
    fn SetLoop(&self, _cx: &mut JSContext, value: bool) {
        self.looping.set(LoopConfig { enabled: value, ..self.looping.get() });
        self.send_loop();
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loopstart>
    fn LoopStart(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.looping.get().start)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loopstart>
    fn SetLoopStart(&self, _cx: &mut JSContext, value: Finite<f64>) {
        self.looping.set(LoopConfig { start: *value, ..self.looping.get() });
        self.send_loop();
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loopend>
    fn LoopEnd(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.looping.get().end)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-loopend>
    fn SetLoopEnd(&self, _cx: &mut JSContext, value: Finite<f64>) {
        self.looping.set(LoopConfig { end: *value, ..self.looping.get() });
        self.send_loop();
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffersourcenode-start>
    fn Start(
        &self,
        cx: &mut JSContext,
        when: Finite<f64>,
        offset: Option<Finite<f64>>,
        duration: Option<Finite<f64>>,
    ) -> ErrorResult {
        // 1. "If this AudioBufferSourceNode internal slot [[source started]] is true, an
        //    InvalidStateError exception MUST be thrown."
        if self.source.is_started() {
            return Err(Error::InvalidState("start() was already called on this node.".into()));
        }
        // 2. "Check for any errors that must be thrown due to parameter constraints described
        //    below": a negative when, offset or duration is a RangeError.
        if *when < 0.0 {
            return Err(Error::Range(format!(
                "The start time provided ({}) is less than the minimum bound (0).",
                *when
            )));
        }
        if let Some(o) = offset.filter(|o| **o < 0.0) {
            return Err(Error::Range(format!("The offset provided ({}) is less than the minimum bound (0).", *o)));
        }
        if let Some(d) = duration.filter(|d| **d < 0.0) {
            return Err(Error::Range(format!("The duration provided ({}) is less than the minimum bound (0).", *d)));
        }
        // 3. "Set [[source started]] to true."
        self.source.check_and_mark_started(*when)?;
        // 4. "Queue a control message to start the AudioBufferSourceNode, including the
        //    parameter values in the message."
        // 5. "Acquire the contents of the buffer if the buffer has been set."
        self.send_buffer();
        let node = self.node();
        node.audio_context().send(ContextCommand::StartBuffer {
            node: node.id(),
            when: *when,
            offset: offset.map_or(0.0, |o| *o),
            duration: duration.map(|d| *d),
        });
        // 6. "Send a control message to the associated AudioContext to start running its
        //    rendering thread only when all the following conditions are met: …"
        self.source.started_playing(cx);
        Ok(())
    }
}
