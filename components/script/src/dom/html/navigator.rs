//! `Navigator` (<https://html.spec.whatwg.org/multipage/system-state.html#the-navigator-object>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

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

#[dom_struct]
pub struct Navigator {
    reflector_: Reflector,
    media_devices: MutNullableDom<MediaDevices>,
    permissions: MutNullableDom<Permissions>,
}

impl Navigator {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<Navigator> {
        reflect_dom_object(
            cx,
            Box::new(Navigator {
                reflector_: Reflector::new(),
                media_devices: Default::default(),
                permissions: Default::default(),
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
        "Linux x86_64".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-product>
    fn Product(&self, _cx: &mut JSContext) -> DOMString {
        "Gecko".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-useragent>
    fn UserAgent(&self, _cx: &mut JSContext) -> DOMString {
        USER_AGENT.into()
    }

    /// <https://w3c.github.io/mediacapture-main/#dom-navigator-mediadevices>
    fn MediaDevices(&self, cx: &mut JSContext) -> DomRoot<MediaDevices> {
        self.media_devices.or_init(|| MediaDevices::new(cx, &self.global()))
    }

    /// <https://w3c.github.io/permissions/#dom-navigator-permissions>
    fn Permissions(&self, cx: &mut JSContext) -> DomRoot<Permissions> {
        self.permissions.or_init(|| Permissions::new(cx, &self.global()))
    }
}
