//! `ImageCapture` (<https://w3c.github.io/mediacapture-image/#imagecaptureapi>).
//!
//! Every method checks the track synchronously and rejects (never throws);
//! the work is a request to the Media thread, answered as a task. Each
//! request is tied to the track ([`MediaStreamTrack::watch_request`]), so
//! `track.stop()` settles it at once: getPhotoCapabilities()/getPhotoSettings()
//! with OperationError ("the MediaStreamTrack being ended asynchronously"),
//! takePhoto()/grabFrame() with UnknownError ("unable to execute … for any
//! reason"). grabFrame() and a photo waiting for a frame give up after the
//! Media thread's timeout (2 s) with UnknownError. Any video track works: a
//! camera's or a canvas capture track. A camera's grabFrame() answers a frame
//! the camera produced after the call; a canvas track's grabFrame() and
//! takePhoto() read the canvas as painted at the call (`canvasgrab.rs`).

use std::rc::Rc;

use base::RequestId;
use dom_struct::dom_struct;
use media_traits::error::{MediaError, MediaErrorKind};
use media_traits::messages::{MediaCommand, MediaReply, PhotoFormat};
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Dictionaries::PhotoSettings;
use crate::dom::bindings::codegen::ImageCaptureBinding::ImageCaptureMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::canvas::canvascapturemediastreamtrack::CanvasCaptureMediaStreamTrack;
use crate::dom::fileapi::blob::Blob;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::imagecapture::{canvasgrab, imagecapturetest, photos};
use crate::dom::images::imagebitmap::ImageBitmap;
use crate::dom::mediacapture::constraints::{photo_capabilities_out, photo_settings_in, photo_settings_out};
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;
use crate::dom::mediacapture::tracksource::{SourceOrigin, TrackKind};
use crate::media_events;

#[dom_struct]
pub struct ImageCapture {
    reflector_: Reflector,
    track: Dom<MediaStreamTrack>,
}

/// What a request becomes when it fails on the Media thread: `kind` for every
/// error except the ones named in `keep`.
fn failure(e: MediaError, kind: fn(String) -> Error, keep: &[MediaErrorKind]) -> Error {
    if keep.contains(&e.kind()) { crate::dom::mediacapture::dom_error(e) } else { kind(e.message().to_owned()) }
}

impl ImageCapture {
    /// Sends `command` for the track and ties it to the track; `handle` turns
    /// the reply into the promise's value or error.
    /// Step 1 of takePhoto(), getPhotoCapabilities() and getPhotoSettings(): "If
    /// track's readyState is not "live", return a promise rejected with a new
    /// DOMException whose name is "InvalidStateError"" (a disabled track too) — then, test-only, an
    /// `ImageCaptureTest` mock's state is sent ahead of the request to stand in for the
    /// source's photo state (a malformed mock state rejects the promise).
    fn live_with_photo_state(&self, cx: &mut JSContext, window: &Window) -> Result<(), Rc<Promise>> {
        if !self.track.is_live() {
            return Err(Promise::new_rejected(cx, window, Error::InvalidState("The track is not live.".into())));
        }
        // A disabled track is rejected the same way, as grabFrame() does: not in the spec,
        // but Chromium rejects every ImageCapture method on a disabled track, and pages
        // written against it expect the photo methods and grabFrame() to agree.
        if !self.track.is_enabled() {
            return Err(Promise::new_rejected(cx, window, Error::InvalidState("The track is disabled.".into())));
        }
        imagecapturetest::sync_photo_state(cx).map_err(|e| Promise::new_rejected(cx, window, e))
    }

    fn request(
        &self,
        cx: &mut JSContext,
        promise: &Rc<Promise>,
        make: impl FnOnce(RequestId) -> MediaCommand,
        on_end: Error,
        handle: impl FnOnce(&mut JSContext, &Promise, Result<MediaReply, MediaError>) + 'static,
    ) {
        let request = RequestId::next();
        self.track.watch_request(request, promise.clone(), on_end);
        let track = crate::dom::bindings::refcounted::Trusted::new(&*self.track);
        let p = promise.clone();
        media_events::send_request(cx, request, make(request), move |cx, result| {
            if let Some(track) = track.root() {
                track.unwatch_request(request);
            }
            handle(cx, &p, result)
        });
    }
}

/// takePhoto() steps 4–5 on the Media thread's reply.
fn settle_photo(cx: &mut JSContext, p: &Promise, result: Result<MediaReply, MediaError>) {
    match result {
        // 5. Resolve p with the Blob.
        Ok(MediaReply::Photo(photo)) => {
            imagecapturetest::absorb_echo(cx, photo.echo.as_ref());
            photos::save_photo(&photo.bytes, &photo.mime_type);
            let blob = Blob::new(cx, &p.global(), photo.bytes, photo.mime_type);
            p.resolve_native(cx, &blob);
        }
        // 4. If the UA is unable to execute takePhoto() for any reason, reject p with
        //    "UnknownError" (NotSupportedError for unsupported settings, above).
        Ok(other) => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
        Err(e) => p.reject_error(cx, failure(e, Error::Unknown, &[MediaErrorKind::NotSupported])),
    }
}

impl ImageCaptureMethods for ImageCapture {
    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-imagecapture>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        video_track: &MediaStreamTrack,
    ) -> Fallible<DomRoot<ImageCapture>> {
        // (A missing argument or one that is not a MediaStreamTrack is a TypeError from the bindings.)
        // If videoTrack's kind is not "video", throw a "NotSupportedError" DOMException.
        if video_track.kind() != TrackKind::Video {
            return Err(Error::NotSupported("ImageCapture needs a video track.".into()));
        }
        // Set this.track to videoTrack. (An ended, muted or disabled track is accepted.)
        let capture = ImageCapture { reflector_: Reflector::new(), track: Dom::from_ref(video_track) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(capture), global, proto))
    }

    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-track>
    fn Track(&self, _cx: &mut JSContext) -> DomRoot<MediaStreamTrack> {
        self.track.as_rooted()
    }

    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-takephoto>
    fn TakePhoto(&self, cx: &mut JSContext, photo_settings: &PhotoSettings) -> Rc<Promise> {
        let window = self.global();
        // 1. If track's readyState is not "live", return a promise rejected with a new
        //    DOMException whose name is "InvalidStateError".
        if let Err(rejected) = self.live_with_photo_state(cx, &window) {
            return rejected;
        }
        // 2. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 3. In parallel: gather a still image from the track's source with photoSettings
        //    (captured at the requested size) into a Blob. Settings outside the photo
        //    capabilities are rejected with NotSupportedError once getPhotoCapabilities()
        //    was called (as in Chromium; wpt takePhoto-reject relies on it). Camera photos
        //    are JPEG; canvas photos PNG (lossless, with alpha, small for drawn content).
        let source = self.track.source().clone();
        let settings = photo_settings_in(photo_settings);
        let check_settings = source.photo_capabilities_requested();
        if let Some(canvas_track) = self.track.downcast::<CanvasCaptureMediaStreamTrack>() {
            // A canvas track photographs its canvas as painted at this call.
            let this = Trusted::new(self);
            let p = promise.clone();
            let started = canvasgrab::with_current_frame(&canvas_track.canvas(), move |cx, frame| {
                let Some(this) = this.root() else { return };
                match frame {
                    // The track ended while the canvas was read: "unable to execute takePhoto()".
                    Ok(_) if !this.track.is_live() => {
                        p.reject_error(cx, Error::Unknown("The track ended before the photo was taken.".into()))
                    }
                    Ok(frame) => {
                        let make = |request| MediaCommand::TakeCanvasPhoto {
                            request,
                            source: source.id(),
                            settings,
                            check_settings,
                            frame,
                        };
                        let on_end = Error::Unknown("The track ended before the photo was taken.".into());
                        this.request(cx, &p, make, on_end, settle_photo);
                    }
                    Err(e) => p.reject_error(cx, e),
                }
            });
            if let Err(e) = started {
                promise.reject_error(cx, e);
            }
            return promise;
        }
        let format = if source.origin() == SourceOrigin::Camera { PhotoFormat::Jpeg } else { PhotoFormat::Png };
        let make = |request| MediaCommand::TakePhoto {
            request,
            source: source.id(),
            settings,
            check_settings,
            format,
            ended_error: MediaErrorKind::Unknown,
        };
        let on_end = Error::Unknown("The track ended before the photo was taken.".into());
        self.request(cx, &promise, make, on_end, settle_photo);
        promise
    }

    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-getphotocapabilities>
    fn GetPhotoCapabilities(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. If track's readyState is not "live", return a promise rejected with
        //    "InvalidStateError".
        if let Err(rejected) = self.live_with_photo_state(cx, &window) {
            return rejected;
        }
        // 2. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        let source = self.track.source().clone();
        source.note_photo_capabilities_requested();
        // 3. In parallel: gather the device's PhotoCapabilities (ranges where appropriate).
        let make = |request| MediaCommand::GetPhotoCapabilities { request, source: source.id() };
        let on_end = Error::Operation("The track ended before its photo capabilities were known.".into());
        self.request(cx, &promise, make, on_end, |cx, p, result| match result {
            // 5. Resolve p with the PhotoCapabilities.
            Ok(MediaReply::PhotoCapabilities(caps)) => p.resolve_native(cx, &photo_capabilities_out(&caps)),
            // 4. If the data cannot be gathered for any reason (e.g. the track ended
            //    meanwhile), reject p with "OperationError".
            Ok(other) => p.reject_error(cx, Error::Operation(format!("unexpected reply {other:?}"))),
            Err(e) => p.reject_error(cx, Error::Operation(e.message().to_owned())),
        });
        promise
    }

    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-getphotosettings>
    fn GetPhotoSettings(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. If track's readyState is not "live", return a promise rejected with
        //    "InvalidStateError".
        if let Err(rejected) = self.live_with_photo_state(cx, &window) {
            return rejected;
        }
        // 2. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 3. In parallel: gather the device's current PhotoSettings.
        let source = self.track.source().id();
        let make = |request| MediaCommand::GetPhotoSettings { request, source };
        let on_end = Error::Operation("The track ended before its photo settings were known.".into());
        self.request(cx, &promise, make, on_end, |cx, p, result| match result {
            // 5. Resolve p with the PhotoSettings.
            Ok(MediaReply::PhotoSettings(settings)) => p.resolve_native(cx, &photo_settings_out(&settings)),
            // 4. If the data cannot be gathered, reject p with "OperationError".
            Ok(other) => p.reject_error(cx, Error::Operation(format!("unexpected reply {other:?}"))),
            Err(e) => p.reject_error(cx, Error::Operation(e.message().to_owned())),
        });
        promise
    }

    /// <https://w3c.github.io/mediacapture-image/#dom-imagecapture-grabframe>
    fn GrabFrame(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. If track's readyState is not "live", return a promise rejected with
        //    "InvalidStateError". A disabled track is rejected the same way (not in the
        //    spec; Chromium does it and wpt ImageCapture-creation expects it).
        if !self.track.is_live() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The track is not live.".into()));
        }
        if !self.track.is_enabled() {
            return Promise::new_rejected(cx, &window, Error::InvalidState("The track is disabled.".into()));
        }
        // 2. Let p be a new promise.
        let promise = Promise::new(cx, &window);
        // 3. In parallel, gather data from track into an ImageBitmap object. A canvas track's
        //    data is its canvas as painted at this call.
        if let Some(canvas_track) = self.track.downcast::<CanvasCaptureMediaStreamTrack>() {
            canvasgrab::grab_frame(cx, &promise, &canvas_track.canvas());
            return promise;
        }
        //    A camera's is the next frame it produces (its size is the track's current
        //    resolution); the frame's pixels are shared, not copied.
        let source = self.track.source().id();
        let make = |request| MediaCommand::GrabFrame { request, source, ended_error: MediaErrorKind::Unknown };
        let on_end = Error::Unknown("The track ended before a frame arrived.".into());
        self.request(cx, &promise, make, on_end, |cx, p, result| match result {
            // Resolve p with a new ImageBitmap.
            Ok(MediaReply::Frame(frame)) => {
                let bitmap = ImageBitmap::new(cx, &p.global(), frame, true);
                p.resolve_native(cx, &bitmap);
            }
            // If the UA is unable to execute grabFrame() for any reason (including no frame
            // within the timeout), reject p with "UnknownError".
            Ok(other) => p.reject_error(cx, Error::Unknown(format!("unexpected reply {other:?}"))),
            Err(e) => p.reject_error(cx, Error::Unknown(e.message().to_owned())),
        });
        promise
    }
}
