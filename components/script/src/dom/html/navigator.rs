//! `Navigator` (<https://html.spec.whatwg.org/multipage/system-state.html#the-navigator-object>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rooted;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::NavigatorBinding::NavigatorMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use std::rc::Rc;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::{NavigatorUserMediaErrorCallback, NavigatorUserMediaSuccessCallback};
use crate::dom::bindings::codegen::Dictionaries::MediaStreamConstraints;
use crate::dom::bindings::codegen::MediaDevicesBinding::MediaDevicesMethods;
use crate::dom::bindings::conversions::FromJSVal;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::dom::domexception::DOMException;
use crate::dom::html::plugins::{MimeTypeArray, PluginArray, pdf_viewer_objects};
use crate::dom::mediacapture::mediadevices::MediaDevices;
use crate::dom::mediacapture::mediastream::MediaStream;
use crate::dom::permissions::permissions::Permissions;

/// The user agent string: Chrome-compatible, so pages that sniff take the path Chrome users take.
pub const USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Aperture/0.1 Chrome/140.0.0.0 Safari/537.36";

/// `navigator.platform`, as Chrome on Linux answers.
pub const PLATFORM: &str = "Linux x86_64";
/// The user's preferred language (headless Chromium's default).
pub const LANGUAGE: &str = "en-US";

/// <https://html.spec.whatwg.org/multipage/workers.html#dom-navigator-hardwareconcurrency>: the
/// number of logical processors that may run this engine's threads.
pub fn hardware_concurrency() -> u64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as u64)
}

/// `navigator.languages`: "the same object … until the user agent needs to return a list
/// whose values differ", a frozen array made on first use.
#[derive(Default)]
pub struct LanguagesCache(Box<mozjs::jsapi::Heap<mozjs::jsval::JSVal>>);

// SAFETY: traces the one JS value it holds.
unsafe impl crate::dom::bindings::trace::JSTraceable for LanguagesCache {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe { crate::dom::bindings::trace::JSTraceable::trace(&*self.0, trc) }
    }
}

impl LanguagesCache {
    pub fn get(&self, cx: &mut JSContext, mut rval: mozjs::rust::MutableHandleValue) {
        if self.0.get().is_undefined() {
            rooted!(&in(cx) let mut array = mozjs::jsval::UndefinedValue());
            crate::dom::bindings::conversions::ToJSVal::to_jsval(
                &vec![DOMString::from(LANGUAGE)],
                cx,
                array.handle_mut(),
            );
            rooted!(&in(cx) let object = array.get().to_object());
            // SAFETY: `object` is a rooted array of this realm.
            unsafe { mozjs::jsapi::JS_FreezeObject(cx.raw_cx(), object.handle().into()) };
            self.0.set(array.get());
        }
        rval.set(self.0.get());
    }
}

#[dom_struct]
pub struct Navigator {
    reflector_: Reflector,
    media_devices: MutNullableDom<MediaDevices>,
    user_activation: MutNullableDom<crate::dom::uievents::useractivation::UserActivation>,
    permissions: MutNullableDom<Permissions>,
    languages: LanguagesCache,
    locks: MutNullableDom<crate::dom::weblocks::lockmanager::LockManager>,
    storage: MutNullableDom<crate::dom::storage::storagemanager::StorageManager>,
    media_session: MutNullableDom<crate::dom::mediasession::mediasession::MediaSession>,
    plugins: MutNullableDom<PluginArray>,
    mime_types: MutNullableDom<MimeTypeArray>,
}

impl Navigator {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Navigator> {
        reflect_dom_object(
            cx,
            Box::new(Navigator {
                reflector_: Reflector::new(),
                media_devices: Default::default(),
                user_activation: Default::default(),
                permissions: Default::default(),
                languages: Default::default(),
                locks: Default::default(),
                storage: Default::default(),
                media_session: Default::default(),
                plugins: Default::default(),
                mime_types: Default::default(),
            }),
            window,
        )
    }
}

impl Navigator {
    /// `navigator.mediaDevices` if a page asked for it already.
    pub fn media_devices_if_created(&self) -> Option<DomRoot<MediaDevices>> {
        self.media_devices.get()
    }
}

/// The callbacks of a legacy `getUserMedia()` call, kept by the promise's reactions.
#[derive(JSTraceable)]
struct LegacyCallbacks {
    success: Rc<NavigatorUserMediaSuccessCallback>,
    error: Rc<NavigatorUserMediaErrorCallback>,
}

/// The machine's memory for `navigator.deviceMemory` (from `/proc/meminfo`; 8 when unknown).
fn device_memory() -> f64 {
    let kib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|info| {
        let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    });
    let Some(kib) = kib else { return 8.0 };
    let gib = kib / (1024.0 * 1024.0);
    let power = 2f64.powi(gib.max(0.25).log2().floor() as i32);
    power.clamp(0.25, 32.0)
}

impl Navigator {
    /// The PDF viewer plugin and mime type objects, made on first use.
    fn pdf_viewer_objects(&self, cx: &mut JSContext) -> (DomRoot<PluginArray>, DomRoot<MimeTypeArray>) {
        if let (Some(plugins), Some(mime_types)) = (self.plugins.get(), self.mime_types.get()) {
            return (plugins, mime_types);
        }
        let (plugins, mime_types) = pdf_viewer_objects(cx, &self.global());
        self.plugins.set(Some(&plugins));
        self.mime_types.set(Some(&mime_types));
        (plugins, mime_types)
    }

    /// The legacy `getUserMedia()`
    /// (<https://w3c.github.io/mediacapture-main/#dom-navigator-getusermedia>): "1. Let
    /// mediaDevices be this's associated MediaDevices. 2. Let p be the result of invoking
    /// mediaDevices.getUserMedia(constraints). 3. Upon fulfillment of p with value stream,
    /// invoke successCallback with stream. 4. Upon rejection of p with reason r, invoke
    /// errorCallback with r." A TypeError (nothing requested, a disallowed required constraint)
    /// is thrown at once, as Chromium does: the error callback takes a DOMException.
    fn legacy_get_user_media(
        &self,
        cx: &mut JSContext,
        constraints: &MediaStreamConstraints,
        success: Rc<NavigatorUserMediaSuccessCallback>,
        error: Rc<NavigatorUserMediaErrorCallback>,
    ) -> Fallible<()> {
        crate::dom::mediacapture::mediadevices::legacy_checks(constraints)?;
        let media_devices = self.MediaDevices(cx);
        let promise = media_devices.GetUserMedia(cx, constraints);
        rooted!(&in(cx) let object = promise.promise_obj().get());
        crate::dom::bindings::reaction::react(
            cx,
            object.handle(),
            LegacyCallbacks { success, error },
            |cx, callbacks, value| {
                let Ok(Ok(stream)) = DomRoot::<MediaStream>::from_jsval(cx, value, ()) else { return };
                rooted!(&in(cx) let this = mozjs::jsval::UndefinedValue());
                let _ = callbacks.success.Call_(cx, this.handle(), &stream, ExceptionHandling::Report);
            },
            |cx, callbacks, reason| {
                let Ok(Ok(exception)) = DomRoot::<DOMException>::from_jsval(cx, reason, ()) else {
                    log::warn!("getUserMedia(): a rejection that is not a DOMException was not reported");
                    return;
                };
                rooted!(&in(cx) let this = mozjs::jsval::UndefinedValue());
                let _ = callbacks.error.Call_(cx, this.handle(), &exception, ExceptionHandling::Report);
            },
        );
        Ok(())
    }
}

impl NavigatorMethods for Navigator {
    /// <https://w3c.github.io/beacon/#sec-sendBeacon-method>
    fn SendBeacon(
        &self,
        _cx: &mut JSContext,
        url: crate::dom::bindings::str::USVString,
        data: Option<crate::dom::bindings::codegen::Unions::ReadableStreamOrBlobOrArrayBufferViewOrArrayBufferOrFormDataOrURLSearchParamsOrUSVString>,
    ) -> crate::dom::bindings::error::Fallible<bool> {
        crate::dom::beacon::send_beacon(&self.global(), &url.0, data)
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-appcodename>
    fn AppCodeName(&self, _cx: &mut JSContext) -> DOMString {
        "Mozilla".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-appname>
    fn AppName(&self, _cx: &mut JSContext) -> DOMString {
        "Netscape".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-appversion>
    fn AppVersion(&self, _cx: &mut JSContext) -> DOMString {
        USER_AGENT.trim_start_matches("Mozilla/").into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-platform>
    fn Platform(&self, _cx: &mut JSContext) -> DOMString {
        PLATFORM.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-product>
    fn Product(&self, _cx: &mut JSContext) -> DOMString {
        "Gecko".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-useragent>
    fn UserAgent(&self, _cx: &mut JSContext) -> DOMString {
        USER_AGENT.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-vendor>
    fn Vendor(&self, _cx: &mut JSContext) -> DOMString {
        // "Must return the empty string or "Apple Computer, Inc." or "Google Inc."": the one
        // that matches the user agent string, which names Chrome.
        "Google Inc.".into()
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-language>
    fn Language(&self, _cx: &mut JSContext) -> DOMString {
        LANGUAGE.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-languages>
    fn Languages(&self, cx: &mut JSContext, rval: mozjs::rust::MutableHandleValue) {
        self.languages.get(cx, rval)
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-online>: a
    /// headless host is online whenever it can reach a network.
    fn OnLine(&self, _cx: &mut JSContext) -> bool {
        true
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-navigator-hardwareconcurrency>
    fn HardwareConcurrency(&self, _cx: &mut JSContext) -> u64 {
        hardware_concurrency()
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-productsub>
    fn ProductSub(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from("20030107")
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-vendorsub>
    fn VendorSub(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::new()
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-cookieenabled>:
    /// "true if the user agent attempts to handle cookies" (document.cookie and HTTP cookies
    /// are kept).
    fn CookieEnabled(&self, _cx: &mut JSContext) -> bool {
        true
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-plugins>
    fn Plugins(&self, cx: &mut JSContext) -> DomRoot<PluginArray> {
        self.pdf_viewer_objects(cx).0
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-mimetypes>
    fn MimeTypes(&self, cx: &mut JSContext) -> DomRoot<MimeTypeArray> {
        self.pdf_viewer_objects(cx).1
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-javaenabled>:
    /// "must return false".
    fn JavaEnabled(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-pdfviewerenabled>:
    /// the user agent's PDF viewer support is reported, as Chromium does (its lists are above).
    fn PdfViewerEnabled(&self, _cx: &mut JSContext) -> bool {
        true
    }

    /// <https://w3c.github.io/pointerevents/#dom-navigator-maxtouchpoints>: a headless host has
    /// no touch input.
    fn MaxTouchPoints(&self, _cx: &mut JSContext) -> i32 {
        0
    }

    /// <https://w3c.github.io/webdriver/#dom-navigatorautomationinformation-webdriver>: the
    /// webdriver-active flag, never set (no WebDriver server).
    fn Webdriver(&self, _cx: &mut JSContext) -> bool {
        false
    }

    /// <https://www.w3.org/TR/device-memory/#sec-device-memory-js-api>: the machine's memory in
    /// GiB, rounded down to a power of two, at least 0.25 (and, as Chromium, at most 32).
    fn DeviceMemory(&self, _cx: &mut JSContext) -> crate::dom::bindings::num::Finite<f64> {
        crate::dom::bindings::num::Finite::<f64>::wrap(device_memory())
    }

    /// <https://www.w3.org/TR/tracking-dnt/#dom-navigator-donottrack> (the retired Tracking
    /// Preference Expression note, which Chromium keeps): null, no preference expressed.
    fn DoNotTrack(&self, _cx: &mut JSContext) -> Option<DOMString> {
        None
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-navigator-getusermedia>
    fn GetUserMedia(
        &self,
        cx: &mut JSContext,
        constraints: &MediaStreamConstraints,
        success: Rc<NavigatorUserMediaSuccessCallback>,
        error: Rc<NavigatorUserMediaErrorCallback>,
    ) -> Fallible<()> {
        self.legacy_get_user_media(cx, constraints, success, error)
    }

    /// Chromium's `navigator.webkitGetUserMedia()`: the legacy form of
    /// <https://w3c.github.io/mediacapture-main/#dom-navigator-getusermedia> under its old name.
    fn WebkitGetUserMedia(
        &self,
        cx: &mut JSContext,
        constraints: &MediaStreamConstraints,
        success: Rc<NavigatorUserMediaSuccessCallback>,
        error: Rc<NavigatorUserMediaErrorCallback>,
    ) -> Fallible<()> {
        self.legacy_get_user_media(cx, constraints, success, error)
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-navigator-mediadevices>
    fn MediaDevices(&self, cx: &mut JSContext) -> DomRoot<MediaDevices> {
        self.media_devices.or_init(|| MediaDevices::new(cx, &self.global()))
    }

    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-navigator-useractivation>
    fn UserActivation(&self, cx: &mut JSContext) -> DomRoot<crate::dom::uievents::useractivation::UserActivation> {
        let window = self.global();
        self.user_activation.or_init(|| crate::dom::uievents::useractivation::UserActivation::new(cx, &window))
    }

    /// <https://w3c.github.io/web-locks/#dom-navigatorlocks-locks>: "return this's relevant
    /// settings object's LockManager object".
    fn Locks(&self, cx: &mut JSContext) -> DomRoot<crate::dom::weblocks::lockmanager::LockManager> {
        self.locks.or_init(|| crate::dom::weblocks::lockmanager::LockManager::new(cx, &self.global()))
    }

    /// <https://storage.spec.whatwg.org/#dom-navigatorstorage-storage>
    fn Storage(&self, cx: &mut JSContext) -> DomRoot<crate::dom::storage::storagemanager::StorageManager> {
        self.storage.or_init(|| crate::dom::storage::storagemanager::StorageManager::new(cx, &self.global()))
    }

    /// <https://w3c.github.io/mediasession/#dom-navigator-mediasession>: "the MediaSession
    /// instance associated with the Navigator object".
    fn MediaSession(&self, cx: &mut JSContext) -> DomRoot<crate::dom::mediasession::mediasession::MediaSession> {
        self.media_session.or_init(|| crate::dom::mediasession::mediasession::MediaSession::new(cx, &self.global()))
    }

    /// <https://w3c.github.io/permissions/#dom-navigator-permissions>
    fn Permissions(&self, cx: &mut JSContext) -> DomRoot<Permissions> {
        self.permissions.or_init(|| Permissions::new(cx, &self.global()))
    }
}
