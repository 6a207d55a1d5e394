//! `WorkerNavigator` (<https://html.spec.whatwg.org/multipage/workers.html#the-workernavigator-object>):
//! the same answers as the window's `Navigator` for the mixins both include.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::MutableHandleValue;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::WorkerNavigatorBinding::WorkerNavigatorMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::navigator::{self, LanguagesCache};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct WorkerNavigator {
    reflector_: Reflector,
    languages: LanguagesCache,
}

impl WorkerNavigator {
    pub fn new(cx: &mut JSContext, global: &Window) -> DomRoot<WorkerNavigator> {
        reflect_dom_object(
            cx,
            Box::new(WorkerNavigator { reflector_: Reflector::new(), languages: Default::default() }),
            global,
        )
    }
}

impl WorkerNavigatorMethods for WorkerNavigator {
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
        navigator::USER_AGENT.trim_start_matches("Mozilla/").into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-platform>
    fn Platform(&self, _cx: &mut JSContext) -> DOMString {
        navigator::PLATFORM.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-product>
    fn Product(&self, _cx: &mut JSContext) -> DOMString {
        "Gecko".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-useragent>
    fn UserAgent(&self, _cx: &mut JSContext) -> DOMString {
        navigator::USER_AGENT.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-vendor>
    fn Vendor(&self, _cx: &mut JSContext) -> DOMString {
        // "Must return the empty string or "Apple Computer, Inc." or "Google Inc."": the one
        // that matches the user agent string, which names Chrome.
        "Google Inc.".into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-language>
    fn Language(&self, _cx: &mut JSContext) -> DOMString {
        navigator::LANGUAGE.into()
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-languages>
    fn Languages(&self, cx: &mut JSContext, rval: MutableHandleValue) {
        self.languages.get(cx, rval)
    }
    /// <https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-online>
    fn OnLine(&self, _cx: &mut JSContext) -> bool {
        true
    }
    /// <https://html.spec.whatwg.org/multipage/workers.html#dom-navigator-hardwareconcurrency>
    fn HardwareConcurrency(&self, _cx: &mut JSContext) -> u64 {
        navigator::hardware_concurrency()
    }
}
