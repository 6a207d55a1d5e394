//! `AudioScheduledSourceNode` (<https://webaudio.github.io/web-audio-api/#AudioScheduledSourceNode>).

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use media_traits::webaudio::ContextCommand;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::AudioScheduledSourceNodeBinding::AudioScheduledSourceNodeMethods;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::webaudio::audionode::AudioNode;

#[dom_struct]
pub struct AudioScheduledSourceNode {
    node: AudioNode,
    /// [[source started]].
    #[no_trace]
    started: Cell<bool>,
}

impl AudioScheduledSourceNode {
    pub fn new_inherited(node: AudioNode) -> AudioScheduledSourceNode {
        AudioScheduledSourceNode { node, started: Cell::new(false) }
    }

    /// [[source started]].
    pub fn is_started(&self) -> bool {
        self.started.get()
    }

    /// `start()`'s checks and its step setting [[source started]] (steps 1–3); a subclass's
    /// `start()` then queues its control message and calls [`Self::started_playing`].
    pub fn check_and_mark_started(&self, when: f64) -> ErrorResult {
        // 1. "If this AudioScheduledSourceNode internal slot [[source started]] is true, an
        //    InvalidStateError exception MUST be thrown."
        if self.started.get() {
            return Err(Error::InvalidState("start() was already called on this node.".into()));
        }
        // 2. "Check for any errors that must be thrown due to parameter constraints": "If
        //    [when] is negative a RangeError exception MUST be thrown."
        if when < 0.0 {
            return Err(Error::Range("when must not be negative.".into()));
        }
        // 3. "Set the internal slot [[source started]] on this AudioScheduledSourceNode to true."
        self.started.set(true);
        Ok(())
    }

    /// After the control message to start: the node is kept alive while it plays, and the
    /// context starts rendering if it may (step 5).
    pub fn started_playing(&self, cx: &mut JSContext) {
        let context = self.node.audio_context();
        context.add_playing_source(self);
        context.start_rendering_if_allowed(cx);
    }
}

impl AudioScheduledSourceNodeMethods for AudioScheduledSourceNode {
    /// <https://webaudio.github.io/web-audio-api/#dom-audioscheduledsourcenode-onended>
    fn Onended(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("ended")
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioscheduledsourcenode-onended>
    fn SetOnended(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("ended", value)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioscheduledsourcenode-start>
    fn Start(&self, cx: &mut JSContext, when: Finite<f64>) -> ErrorResult {
        // 1. "If this AudioScheduledSourceNode internal slot [[source started]] is true, an
        //    InvalidStateError exception MUST be thrown."
        if self.started.get() {
            return Err(Error::InvalidState("start() was already called on this node.".into()));
        }
        // 2. "Check for any errors that must be thrown due to parameter constraints": "If
        //    [when] is negative a RangeError exception MUST be thrown."
        if *when < 0.0 {
            return Err(Error::Range("when must not be negative.".into()));
        }
        // 3. "Set the internal slot [[source started]] on this AudioScheduledSourceNode to true."
        self.started.set(true);
        // 4. "Queue a control message to start the AudioScheduledSourceNode, including the
        //    parameter values in the message."
        let context = self.node.audio_context();
        context.send(ContextCommand::Start { node: self.node.id(), when: *when });
        context.add_playing_source(self);
        // 5. "Send a control message to the associated AudioContext to start running its
        //    rendering thread only when all the following conditions are met: …"
        context.start_rendering_if_allowed(cx);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audioscheduledsourcenode-stop>
    fn Stop(&self, _cx: &mut JSContext, when: Finite<f64>) -> ErrorResult {
        // 1. "If this AudioScheduledSourceNode internal slot [[source started]] is not true, an
        //    InvalidStateError exception MUST be thrown."
        if !self.started.get() {
            return Err(Error::InvalidState("stop() before start().".into()));
        }
        // 2. "Check for any errors that must be thrown due to parameter constraints": "If
        //    [when] is negative a RangeError exception MUST be thrown."
        if *when < 0.0 {
            return Err(Error::Range("when must not be negative.".into()));
        }
        // 3. "Queue a control message to stop the AudioScheduledSourceNode, including the
        //    parameter values in the message." (A later call replaces the stop time.)
        self.node.audio_context().send(ContextCommand::Stop { node: self.node.id(), when: *when });
        Ok(())
    }
}
