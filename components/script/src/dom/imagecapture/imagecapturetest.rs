//! `ImageCaptureTest` (test-only, `[Pref=dom_testing_enabled]`): the global
//! web-platform-tests' `mediacapture-image/resources/imagecapture-helpers.js`
//! uses instead of Chromium's Mojo mock (see docs/imagecapture-test.md).
//!
//! While a mock is installed, its `state()` object is the photo state of every
//! video source: before each request that consults it, [`sync_photo_state`]
//! converts the object and sends it to the Media thread as a
//! `PhotoStateOverride`, on the same channel and therefore ahead of the
//! request. What the Media thread then pushes to the "device" comes back with
//! the reply as an `OverrideEcho`, which [`absorb_echo`] writes into the mock
//! (`options()` and the state's current values).
//!
//! There is one mock per script thread at a time, as the Media thread has one
//! override: like Chromium's, it is shared by every `ImageCaptureTest` object.

use std::cell::RefCell;
use std::rc::Rc;

use base::RequestId;
use dom_struct::dom_struct;
use media_traits::messages::{MediaCommand, MediaReply, OverrideEcho, PhotoStateOverride};
use media_traits::photo::{PhotoState, chromium_mock_state};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::ImageCaptureTestBinding::ImageCaptureTestMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::imagecapture::mockimagecapture::MockImageCapture;
use crate::dom::mediacapture::dom_error;
use crate::media_events;

/// What every `takePhoto()` resolves with while a mock is installed: the
/// blob of Chromium's mock (`{mimeType: 'image/cat', data: new Array(2)}`).
const PHOTO_BYTES: [u8; 2] = [0, 0];
const PHOTO_MIME_TYPE: &str = "image/cat";

thread_local! {
    /// The installed mock, rooted until `reset()`.
    static ACTIVE: RefCell<Option<Trusted<MockImageCapture>>> = const { RefCell::new(None) };
}

/// Drops the installed mock (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&ACTIVE)
}

fn active() -> Option<DomRoot<MockImageCapture>> {
    ACTIVE.with(|a| a.borrow().as_ref().and_then(|t| t.root()))
}

fn photo_override(state: PhotoState) -> PhotoStateOverride {
    PhotoStateOverride { state, photo_bytes: PHOTO_BYTES.to_vec(), photo_mime_type: PHOTO_MIME_TYPE.into() }
}

/// Sends `state` as the override (`None` removes it) and settles a new
/// promise with the Media thread's answer.
fn set_override(
    cx: &mut JSContext,
    window: &Window,
    state: Option<PhotoState>,
    on_error: impl FnOnce() + 'static,
) -> Rc<Promise> {
    let promise = Promise::new(cx, window);
    let request = RequestId::next();
    let command = MediaCommand::SetPhotoStateOverride { request, state: state.map(photo_override) };
    let p = promise.clone();
    media_events::send_request(cx, request, command, move |cx, result| match result {
        Ok(MediaReply::OverrideSet) => p.resolve_native(cx, &()),
        Ok(other) => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
        Err(e) => {
            on_error();
            p.reject_error(cx, dom_error(e))
        }
    });
    promise
}

/// Called before every request whose answer depends on a source's photo
/// state (getUserMedia, applyConstraints, getPhotoCapabilities,
/// getPhotoSettings, takePhoto): with a mock installed, sends its current
/// `state()` to the Media thread ahead of the request. Without a mock it does
/// nothing. A state the page broke (a wrong type, an unknown enum value) is a
/// TypeError the caller rejects its promise with.
pub fn sync_photo_state(cx: &mut JSContext) -> Fallible<()> {
    let Some(mock) = active() else { return Ok(()) };
    let state = mock.read_state(cx)?;
    let request = RequestId::next();
    media_events::send_request_ignoring_reply(
        request,
        MediaCommand::SetPhotoStateOverride { request, state: Some(photo_override(state)) },
    );
    Ok(())
}

/// Called with the `echo` of a reply (SourceOpened, ConstraintsApplied,
/// Photo): the installed mock takes the settings that were pushed.
pub fn absorb_echo(cx: &mut JSContext, echo: Option<&OverrideEcho>) {
    if let (Some(echo), Some(mock)) = (echo, active()) {
        mock.absorb(cx, echo);
    }
}

#[dom_struct]
pub struct ImageCaptureTest {
    reflector_: Reflector,
}

impl ImageCaptureTest {
    fn new_inherited() -> ImageCaptureTest {
        ImageCaptureTest { reflector_: Reflector::new() }
    }

    fn new_with_proto(cx: &mut JSContext, window: &Window, proto: Option<HandleObject>) -> DomRoot<ImageCaptureTest> {
        reflect_dom_object_with_proto(cx, Box::new(ImageCaptureTest::new_inherited()), window, proto)
    }
}

impl ImageCaptureTestMethods for ImageCaptureTest {
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<ImageCaptureTest>> {
        Ok(ImageCaptureTest::new_with_proto(cx, global, proto))
    }

    /// Installs a mock with Chromium's default state.
    fn Initialize(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        if active().is_some() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("Call reset() before initialize().".into()));
        }
        let state = chromium_mock_state();
        let mock = MockImageCapture::new(cx, &window, &state);
        ACTIVE.with(|a| *a.borrow_mut() = Some(Trusted::new(&*mock)));
        // Without a Media thread there is nothing to mock: the mock is removed again.
        set_override(cx, &window, Some(state), || {
            ACTIVE.with(|a| a.borrow_mut().take());
        })
    }

    /// Removes the mock; the next `initialize()` starts from the defaults.
    fn Reset(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        if ACTIVE.with(|a| a.borrow_mut().take()).is_none() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("Call initialize() before reset().".into()));
        }
        set_override(cx, &window, None, || ())
    }

    fn MockImageCapture(&self, _cx: &mut JSContext) -> Option<DomRoot<MockImageCapture>> {
        active()
    }
}
