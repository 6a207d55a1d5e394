//! The media hooks of `window.apertureTest` (only with `dom_testing_enabled`):
//! the WPT runner's `set_permission`, and fake-camera controls and counters
//! for Aperture's own page tests.

use std::rc::Rc;

use base::RequestId;
use media_traits::messages::{FakeCameraAction, MediaCommand, MediaReply};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::codegen::Dictionaries::MediaSourceStats;
use crate::dom::bindings::codegen::Enums::PermissionState;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::promise::Promise;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::dom_error;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::permissions::permissions::{origin_of, parse_descriptor};
use crate::media_events;

/// `apertureTest.setPermission(descriptor, state)`: WebDriver's *Set Permission*
/// (<https://w3c.github.io/permissions/#webdriver-command-set-permission>) for
/// this page's origin. An unknown name or state rejects with a TypeError.
pub fn set_permission(cx: &mut JSContext, window: &Window, descriptor: HandleObject, state: &str) -> Rc<Promise> {
    let key = match parse_descriptor(cx, descriptor) {
        Ok(k) => k,
        Err(e) => return Promise::new_rejected(cx, window, e),
    };
    let Some(state) = PermissionState::from_idl(state) else {
        let e = Error::Type(format!("'{state}' is not a permission state (granted, denied or prompt)."));
        return Promise::new_rejected(cx, window, e);
    };
    crate::dom::permissions::permissions::set_state(&origin_of(window), key, state);
    // Resolved in a task queued after the statuses' update task, so that, as with a
    // WebDriver round trip, the page sees the new states (and their change events)
    // when the promise resolves.
    let promise = Promise::new(cx, window);
    let p = promise.clone();
    crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &())));
    promise
}

/// Sends a test command for `track`'s source and settles a promise with its reply.
fn source_request(
    cx: &mut JSContext,
    track: &MediaStreamTrack,
    make: impl FnOnce(RequestId) -> MediaCommand,
    done: impl FnOnce(&mut JSContext, &Promise, MediaReply) + 'static,
) -> Rc<Promise> {
    let promise = Promise::new(cx, &track.global());
    let request = RequestId::next();
    let p = promise.clone();
    media_events::send_request(cx, request, make(request), move |cx, result| match result {
        Ok(reply) => done(cx, &p, reply),
        Err(e) => p.reject_error(cx, dom_error(e)),
    });
    promise
}

/// `apertureTest.fakeCamera(track, action)`: unplugs, freezes or thaws the fake
/// camera behind `track` (a TypeError for another action, NotSupportedError
/// from the media thread for a source that is not the fake camera).
pub fn fake_camera(cx: &mut JSContext, track: &MediaStreamTrack, action: &str) -> Rc<Promise> {
    let action = match action {
        "unplug" => FakeCameraAction::Unplug,
        "freeze" => FakeCameraAction::Freeze,
        "thaw" => FakeCameraAction::Thaw,
        other => {
            let e = Error::Type(format!("'{other}' is not a fake camera action (unplug, freeze or thaw)."));
            return Promise::new_rejected(cx, &track.global(), e);
        }
    };
    let source = track.source().id();
    source_request(
        cx,
        track,
        |request| MediaCommand::FakeCamera { request, source, action },
        |cx, p, _| p.resolve_native(cx, &()),
    )
}

/// `apertureTest.mediaSourceStats(track)`: frames in, frames out and copies of
/// the source behind `track`.
pub fn source_stats(cx: &mut JSContext, track: &MediaStreamTrack) -> Rc<Promise> {
    let source = track.source().id();
    source_request(
        cx,
        track,
        |request| MediaCommand::GetStats { request, source },
        |cx, p, reply| match reply {
            MediaReply::Stats(s) => {
                let n = |v: u64| Finite::<f64>::wrap(v as f64);
                p.resolve_native(
                    cx,
                    &MediaSourceStats { frames_in: n(s.frames_in), frames_out: n(s.frames_out), copies: n(s.copies) },
                )
            }
            other => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
        },
    )
}

/// `apertureTest.mediaThreadCounts()`: the media thread's table sizes.
pub fn thread_counts(cx: &mut JSContext, global: &Window) -> Rc<Promise> {
    let promise = Promise::new(cx, global);
    let request = RequestId::next();
    let p = promise.clone();
    media_events::send_request(cx, request, MediaCommand::GetThreadStats { request }, move |cx, result| match result {
        Ok(MediaReply::ThreadStats(s)) => p.resolve_native(
            cx,
            &crate::dom::bindings::codegen::Dictionaries::MediaThreadCounts {
                sources: s.sources as u32,
                sinks: s.sinks as u32,
                pending: s.pending as u32,
                recorders: s.recorders as u32,
                players: s.players as u32,
                streams: s.streams as u32,
            },
        ),
        Ok(other) => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
        Err(e) => p.reject_error(cx, dom_error(e)),
    });
    promise
}
