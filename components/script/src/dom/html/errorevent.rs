//! `ErrorEvent` (<https://html.spec.whatwg.org/multipage/webappapis.html#errorevent>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::JSVal;
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ErrorEventBinding::ErrorEventMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct ErrorEvent {
    event: Event,
    #[no_trace]
    message: String,
    #[no_trace]
    filename: String,
    #[no_trace]
    lineno: u32,
    #[no_trace]
    colno: u32,
    error: Box<Heap<JSVal>>,
}

impl ErrorEvent {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#report-an-exception>, step
    /// "fire an event named error at global, using ErrorEvent…". Returns whether
    /// the event was canceled (the error counts as handled).
    pub fn fire_for_exception(
        cx: &mut JSContext,
        window: &Window,
        message: &str,
        filename: &str,
        lineno: u32,
        colno: u32,
        error: HandleValue,
    ) -> bool {
        ErrorEvent::fire_at(
            cx,
            window,
            window.upcast::<crate::dom::dom::eventtarget::EventTarget>(),
            message,
            filename,
            lineno,
            colno,
            error,
        )
    }

    /// A trusted, cancelable `error` ErrorEvent at `target` (in `window`'s realm). Returns
    /// whether it was canceled.
    #[allow(clippy::too_many_arguments)]
    pub fn fire_at(
        cx: &mut JSContext,
        window: &Window,
        target: &crate::dom::dom::eventtarget::EventTarget,
        message: &str,
        filename: &str,
        lineno: u32,
        colno: u32,
        error: HandleValue,
    ) -> bool {
        let heap = Box::new(Heap::default());
        heap.set(error.get());
        let event = ErrorEvent {
            event: Event::new_inherited(window),
            message: message.to_owned(),
            filename: filename.to_owned(),
            lineno,
            colno,
            error: heap,
        };
        let event = reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<Event>();
        base.init("error".into(), false, true);
        base.set_trusted(true);
        !target.dispatch(cx, base)
    }
}

impl ErrorEvent {
    /// "Fire an error event" as the MediaStream Recording spec means it
    /// (<https://w3c.github.io/mediacapture-record/#fire-an-error-event>): a trusted `error`
    /// event, an `ErrorEvent` whose `error` is the exception `error` names (a DOMException) and
    /// whose `message` is that exception's message, at `target`.
    pub fn fire_dom_error(
        cx: &mut JSContext,
        window: &Window,
        target: &crate::dom::dom::eventtarget::EventTarget,
        error: crate::dom::bindings::error::Error,
    ) {
        use crate::dom::bindings::reflector::DomObject;
        let message = error.dom_name().map(|(_, m)| m.to_owned()).unwrap_or_default();
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.reflector().get_raw());
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        crate::dom::bindings::error::error_to_jsval(cx, window, error, value.handle_mut());
        let heap = Box::new(Heap::default());
        heap.set(value.get());
        let event = ErrorEvent {
            event: Event::new_inherited(window),
            message,
            filename: String::new(),
            lineno: 0,
            colno: 0,
            error: heap,
        };
        let event = reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<Event>();
        base.init("error".into(), false, false);
        base.set_trusted(true);
        target.dispatch(cx, base);
    }
}

/// EventInit's members (read first, as inherited members are): bubbles, cancelable, composed.
pub(crate) fn event_init(
    cx: &mut JSContext,
    dict: Option<mozjs::rust::HandleObject>,
) -> crate::dom::bindings::error::Fallible<(bool, bool, bool)> {
    use crate::dom::webmessaging::messageevent::member;
    rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
    let mut flags = [false; 3];
    for (flag, name) in flags.iter_mut().zip([c"bubbles", c"cancelable", c"composed"]) {
        member(cx, dict, name, value.handle_mut())?;
        // SAFETY: ToBoolean of a rooted value has no side effects.
        *flag = unsafe { mozjs::rust::ToBoolean(value.handle()) };
    }
    Ok((flags[0], flags[1], flags[2]))
}

impl ErrorEventMethods for ErrorEvent {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#errorevent>: the constructor
    /// (<https://dom.spec.whatwg.org/#concept-event-constructor>) with ErrorEventInit: colno
    /// (unsigned long, 0), error (any, undefined), filename (USVString, ""), lineno (unsigned
    /// long, 0), message (DOMString, ""), read in that order after EventInit's members.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<mozjs::rust::HandleObject>,
        type_: DOMString,
        init: HandleValue,
    ) -> crate::dom::bindings::error::Fallible<crate::dom::bindings::root::DomRoot<ErrorEvent>> {
        use crate::dom::bindings::conversions::{FromJSVal, IntConversion, jsval_to_string};
        use crate::dom::bindings::error::Error;
        use crate::dom::webmessaging::messageevent::member;
        if !init.get().is_null_or_undefined() && !init.get().is_object() {
            return Err(Error::Type("The provided value is not of type 'ErrorEventInit'.".into()));
        }
        rooted!(&in(cx) let dict = if init.get().is_object() { init.get().to_object() } else { std::ptr::null_mut() });
        let dict = (!dict.get().is_null()).then(|| dict.handle());
        let (bubbles, cancelable, composed) = event_init(cx, dict)?;
        rooted!(&in(cx) let mut value = mozjs::jsval::UndefinedValue());
        let number =
            |cx: &mut JSContext, name: &'static std::ffi::CStr| -> crate::dom::bindings::error::Fallible<u32> {
                rooted!(&in(cx) let mut v = mozjs::jsval::UndefinedValue());
                member(cx, dict, name, v.handle_mut())?;
                if v.get().is_undefined() {
                    return Ok(0);
                }
                match <u32 as FromJSVal>::from_jsval(cx, v.handle(), IntConversion::Default) {
                    Ok(Ok(n)) => Ok(n),
                    Ok(Err(_)) => Err(Error::Type("The provided value is not of type 'unsigned long'.".into())),
                    Err(()) => Err(Error::JSFailed),
                }
            };
        let colno = number(cx, c"colno")?;
        rooted!(&in(cx) let mut error = mozjs::jsval::UndefinedValue());
        member(cx, dict, c"error", error.handle_mut())?;
        member(cx, dict, c"filename", value.handle_mut())?;
        let filename = if value.get().is_undefined() {
            String::new()
        } else {
            jsval_to_string(cx, value.handle()).map_err(|()| Error::JSFailed)?
        };
        let lineno = number(cx, c"lineno")?;
        member(cx, dict, c"message", value.handle_mut())?;
        let message = if value.get().is_undefined() {
            String::new()
        } else {
            jsval_to_string(cx, value.handle()).map_err(|()| Error::JSFailed)?
        };
        let heap = Box::new(Heap::default());
        heap.set(error.get());
        let event = ErrorEvent { event: Event::new_inherited(global), message, filename, lineno, colno, error: heap };
        let event = crate::dom::bindings::classes::reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        let base = event.upcast::<Event>();
        base.init(type_.to_string(), bubbles, cancelable);
        base.set_composed(composed);
        Ok(event)
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-errorevent-message>
    fn Message(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.message.clone())
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-errorevent-filename>
    fn Filename(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.filename.clone())
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-errorevent-lineno>
    fn Lineno(&self, _cx: &mut JSContext) -> u32 {
        self.lineno
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-errorevent-colno>
    fn Colno(&self, _cx: &mut JSContext) -> u32 {
        self.colno
    }
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#dom-errorevent-error>
    fn Error(&self, cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.error.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
    }
}
