//! `MediaSession` (<https://w3c.github.io/mediasession/#the-mediasession-interface>).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use super::mediametadata::MediaMetadata;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::MediaSessionActionHandler;
use crate::dom::bindings::codegen::Dictionaries::MediaPositionState;
use crate::dom::bindings::codegen::Enums::{MediaSessionAction, MediaSessionPlaybackState};
use crate::dom::bindings::codegen::MediaSessionBinding::MediaSessionMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// <https://w3c.github.io/mediasession/#position-state>
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PositionState {
    pub duration: f64,
    pub playback_rate: f64,
    /// The position at the last position updated time.
    pub position: f64,
    /// <https://w3c.github.io/mediasession/#last-position-updated-time>
    pub updated: Instant,
}

/// The capture kinds of the update capture state algorithm.
#[derive(Clone, Copy, Debug)]
enum CaptureKind {
    Microphone,
    Camera,
    Screenshare,
}

#[dom_struct]
pub struct MediaSession {
    reflector_: Reflector,
    /// <https://w3c.github.io/mediasession/#mediasession-metadata>
    metadata: MutNullableDom<MediaMetadata>,
    /// <https://w3c.github.io/mediasession/#declared-playback-state>
    #[no_trace]
    playback_state: Cell<MediaSessionPlaybackState>,
    /// <https://w3c.github.io/mediasession/#supported-media-session-actions>, with the handler of
    /// each (<https://w3c.github.io/mediasession/#media-session-action-handler>).
    action_handlers: RefCell<HashMap<MediaSessionAction, Rc<MediaSessionActionHandler>>>,
    #[no_trace]
    position_state: Cell<Option<PositionState>>,
    /// The capture state the page last declared, by kind (microphone, camera, screenshare).
    #[no_trace]
    capture_active: Cell<[Option<bool>; 3]>,
}

impl MediaSession {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<MediaSession> {
        let session = MediaSession {
            reflector_: Reflector::new(),
            metadata: Default::default(),
            playback_state: Cell::new(MediaSessionPlaybackState::None),
            action_handlers: Default::default(),
            position_state: Cell::new(None),
            capture_active: Cell::new([None; 3]),
        };
        reflect_dom_object(cx, Box::new(session), window)
    }

    /// <https://w3c.github.io/mediasession/#update-capture-state-algorithm>
    fn update_capture_state(&self, cx: &mut JSContext, active: bool, kind: CaptureKind) -> Rc<Promise> {
        let window = self.global();
        // 1. If document is not fully active, return a promise rejected with InvalidStateError.
        if !window.is_attached() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The document is not fully active.".into()));
        }
        // 2. (If active is true and document's visibility state is not "visible", the user
        //    agent MAY reject: a headless page is always visible.)
        // 3. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 4. In parallel: applyPausePolicy is false (Aperture does not pause input sources in
        //    response to UI); update the user agent capture state UI according to captureKind
        //    and active (the state is kept; a headless host shows none); queue a task using the
        //    user interaction task source to resolve p with undefined.
        let mut state = self.capture_active.get();
        state[kind as usize] = Some(active);
        self.capture_active.set(state);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &())));
        // 5. Return p.
        promise
    }
}

impl MediaSessionMethods for MediaSession {
    /// <https://w3c.github.io/mediasession/#dom-mediasession-metadata>: "return the
    /// MediaSession's metadata".
    fn Metadata(&self, _cx: &mut JSContext) -> Option<DomRoot<MediaMetadata>> {
        self.metadata.get()
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-metadata>
    fn SetMetadata(&self, _cx: &mut JSContext, value: Option<&MediaMetadata>) {
        // 1. If the MediaSession's metadata is not null, set its media session to null.
        // 2. Set the MediaSession's metadata to value.
        // 3. If the MediaSession's metadata is not null, set its media session to the current
        //    MediaSession.
        // 4. In parallel, run the update metadata algorithm (nothing to update: see `super`).
        self.metadata.set(value);
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-playbackstate>: "return the last
    /// valid value that was set".
    fn PlaybackState(&self, _cx: &mut JSContext) -> MediaSessionPlaybackState {
        self.playback_state.get()
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-playbackstate>: "set the IDL
    /// attribute to the new value if it is a valid MediaSessionPlaybackState value" (an
    /// invalid one is dropped by the enumeration conversion).
    fn SetPlaybackState(&self, _cx: &mut JSContext, value: MediaSessionPlaybackState) {
        self.playback_state.set(value);
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-setactionhandler>: "run the update
    /// action handler algorithm with action and handler"
    /// (<https://w3c.github.io/mediasession/#update-action-handler-algorithm>).
    fn SetActionHandler(
        &self,
        _cx: &mut JSContext,
        action: MediaSessionAction,
        handler: Option<Rc<MediaSessionActionHandler>>,
    ) {
        match handler {
            // 1. If handler is null, remove action from the supported media session actions
            //    for MediaSession and abort these steps.
            None => {
                self.action_handlers.borrow_mut().remove(&action);
            }
            // 2. Add action to the supported media session actions for MediaSession.
            // 3. Set the action's handler for the MediaSession to handler.
            Some(handler) => {
                self.action_handlers.borrow_mut().insert(action, handler);
            }
        }
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-setpositionstate>
    fn SetPositionState(&self, _cx: &mut JSContext, state: &MediaPositionState) -> Fallible<()> {
        // 1. If state is an empty dictionary, clear the position state and abort these steps.
        if state.duration.is_none() && state.playback_rate.is_none() && state.position.is_none() {
            self.position_state.set(None);
            return Ok(());
        }
        let fail = |message: &str| {
            Err(Error::Type(format!("Failed to execute 'setPositionState' on 'MediaSession': {message}")))
        };
        // 2. If state's duration is not present, throw a TypeError.
        let Some(duration) = state.duration else { return fail("The duration must be provided.") };
        // 3. If state's duration is negative or NaN, throw a TypeError.
        if duration.is_nan() {
            return fail("The provided duration cannot be NaN.");
        }
        if duration < 0.0 {
            return fail("The provided duration cannot be less than zero.");
        }
        // 4. If state's position is not present, set it to zero.
        let position = state.position.map_or(0.0, |p| *p);
        // 5. If state's position is negative or greater than duration, throw a TypeError.
        if position < 0.0 {
            return fail("The provided position cannot be less than zero.");
        }
        if position > duration {
            return fail("The provided position cannot be greater than the duration.");
        }
        // 6. If state's playbackRate is not present, set it to 1.0.
        let playback_rate = state.playback_rate.map_or(1.0, |r| *r);
        // 7. If state's playbackRate is zero, throw a TypeError.
        if playback_rate == 0.0 {
            return fail("The provided playbackRate cannot be equal to zero.");
        }
        // 8. Update the position state and last position updated time.
        self.position_state.set(Some(PositionState { duration, playback_rate, position, updated: Instant::now() }));
        Ok(())
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-setmicrophoneactive>
    fn SetMicrophoneActive(&self, cx: &mut JSContext, active: bool) -> Rc<Promise> {
        // 1.–3. Let document be this's relevant global object's associated Document; let
        //       captureKind be "microphone"; return the result of running the update capture
        //       state algorithm with document, active and captureKind.
        self.update_capture_state(cx, active, CaptureKind::Microphone)
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-setcameraactive>
    fn SetCameraActive(&self, cx: &mut JSContext, active: bool) -> Rc<Promise> {
        self.update_capture_state(cx, active, CaptureKind::Camera)
    }

    /// <https://w3c.github.io/mediasession/#dom-mediasession-setscreenshareactive>
    fn SetScreenshareActive(&self, cx: &mut JSContext, active: bool) -> Rc<Promise> {
        self.update_capture_state(cx, active, CaptureKind::Screenshare)
    }
}
