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
use crate::dom::mediacapture::mediadevices::MediaDevices;
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
