//! `MessageEvent` (<https://html.spec.whatwg.org/multipage/comms.html#the-messageevent-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, NullValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, MutableHandleValue};

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::MessageEventBinding::MessageEventMethods;
use crate::dom::bindings::conversions::{FromJSVal, ToJSVal, get_property, jsval_to_string, root_from_object};
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::html::window::Window;
use crate::dom::webmessaging::messageport::MessagePort;

#[dom_struct]
pub struct MessageEvent {
    event: Event,
    data: Box<Heap<JSVal>>,
    #[no_trace]
    origin: String,
    #[no_trace]
    last_event_id: String,
    /// A WindowProxy, a MessagePort, or null.
    source: Box<Heap<JSVal>>,
    /// The frozen array of ports, returned as it is each time.
    ports: Box<Heap<JSVal>>,
}

/// The members of a `MessageEventInit`.
struct Init {
    bubbles: bool,
    cancelable: bool,
    composed: bool,
    origin: String,
    last_event_id: String,
    ports: Vec<DomRoot<MessagePort>>,
}

impl MessageEvent {
    #[allow(clippy::too_many_arguments)]
    fn create(
        cx: &mut JSContext,
        window: &Window,
        proto: Option<HandleObject>,
        type_: &str,
        init: Init,
        data: HandleValue,
        source: HandleValue,
        trusted: bool,
    ) -> DomRoot<MessageEvent> {
        let event = MessageEvent {
            event: Event::new_inherited(window),
            data: Box::new(Heap::default()),
            origin: init.origin,
            last_event_id: init.last_event_id,
            source: Box::new(Heap::default()),
            ports: Box::new(Heap::default()),
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), window, proto);
        event.data.set(data.get());
        event.source.set(source.get());
        // "a frozen array" of the ports.
        rooted!(&in(cx) let mut ports = UndefinedValue());
        init.ports.to_jsval(cx, ports.handle_mut());
        if ports.get().is_object() {
            rooted!(&in(cx) let array = ports.get().to_object());
            // SAFETY: the array is rooted; freezing a fresh plain array cannot fail but for OOM.
            unsafe { mozjs::jsapi::JS_FreezeObject(cx.raw_cx(), array.handle().into()) };
        }
        event.ports.set(ports.get());
        let base = event.upcast::<Event>();
        base.init(type_.to_owned(), init.bubbles, init.cancelable);
        base.set_composed(init.composed);
        base.set_trusted(trusted);
        event
    }

    /// A trusted `message` event (<https://html.spec.whatwg.org/multipage/web-messaging.html>:
    /// "fire an event named message using MessageEvent, with the data attribute initialized to
    /// messageClone and the ports attribute initialized to newPorts"), not bubbling.
    pub fn new_message(
        cx: &mut JSContext,
        window: &Window,
        data: HandleValue,
        origin: String,
        source: HandleValue,
        ports: Vec<DomRoot<MessagePort>>,
    ) -> DomRoot<MessageEvent> {
        MessageEvent::new_trusted(cx, window, "message", data, origin, source, ports)
    }

    /// A trusted `message` or `messageerror` event using MessageEvent, not bubbling.
    pub fn new_trusted(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        data: HandleValue,
        origin: String,
        source: HandleValue,
        ports: Vec<DomRoot<MessagePort>>,
    ) -> DomRoot<MessageEvent> {
        let init =
            Init { bubbles: false, cancelable: false, composed: false, origin, last_event_id: String::new(), ports };
        MessageEvent::create(cx, window, None, type_, init, data, source, true)
    }
}

impl MessageEvent {
    /// A trusted server-sent event (<https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage>):
    /// "a new MessageEvent [...] Initialize event's type attribute to "message", its data
    /// attribute to data, its origin attribute to the serialization of the origin of the event
    /// stream's final URL (i.e., the URL after redirects), and its lastEventId attribute to the
    /// last event ID string of the event source"; `type_` is the event type buffer's value, if
    /// it had one. Not bubbling, not cancelable.
    pub fn new_server_sent(
        cx: &mut JSContext,
        window: &Window,
        type_: &str,
        data: HandleValue,
        origin: String,
        last_event_id: String,
    ) -> DomRoot<MessageEvent> {
        let init =
            Init { bubbles: false, cancelable: false, composed: false, origin, last_event_id, ports: Vec::new() };
        rooted!(&in(cx) let source = mozjs::jsval::NullValue());
        MessageEvent::create(cx, window, None, type_, init, data, source.handle(), true)
    }
}

/// Reads one member of an init dictionary converted by hand (undefined when absent).
pub(crate) fn member(
    cx: &mut JSContext,
    dict: Option<HandleObject>,
    name: &'static std::ffi::CStr,
    out: MutableHandleValue,
) -> Fallible<()> {
    let Some(dict) = dict else { return Ok(()) };
    get_property(cx, dict, name, out).map_err(|()| Error::JSFailed)
}

impl MessageEventMethods for MessageEvent {
    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-messageevent>, with
    /// the MessageEventInit conversion (<https://webidl.spec.whatwg.org/#js-dictionary>):
    /// undefined or null is the empty dictionary, another non-object a TypeError; the members
    /// are read inherited first, each set in lexicographic order.
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: HandleValue,
    ) -> Fallible<DomRoot<MessageEvent>> {
        if !init.get().is_null_or_undefined() && !init.get().is_object() {
            return Err(Error::Type("The provided value is not of type 'MessageEventInit'.".into()));
        }
        rooted!(&in(cx) let dict = if init.get().is_object() { init.get().to_object() } else { std::ptr::null_mut() });
        let dict = (!dict.get().is_null()).then(|| dict.handle());
        rooted!(&in(cx) let mut value = UndefinedValue());
        // EventInit: bubbles, cancelable, composed (ToBoolean of each).
        member(cx, dict, c"bubbles", value.handle_mut())?;
        // SAFETY: ToBoolean of a rooted value has no side effects.
        let bubbles = unsafe { mozjs::rust::ToBoolean(value.handle()) };
        member(cx, dict, c"cancelable", value.handle_mut())?;
        // SAFETY: as above.
        let cancelable = unsafe { mozjs::rust::ToBoolean(value.handle()) };
        member(cx, dict, c"composed", value.handle_mut())?;
        // SAFETY: as above.
        let composed = unsafe { mozjs::rust::ToBoolean(value.handle()) };
        // MessageEventInit: data (any, default null), lastEventId (DOMString, ""), origin
        // (USVString, ""), ports (sequence<MessagePort>, []), source (MessageEventSource?, null).
        rooted!(&in(cx) let mut data = NullValue());
        member(cx, dict, c"data", data.handle_mut())?;
        if data.get().is_undefined() {
            data.set(NullValue());
        }
        member(cx, dict, c"lastEventId", value.handle_mut())?;
        let last_event_id = if value.get().is_undefined() {
            String::new()
        } else {
            jsval_to_string(cx, value.handle()).map_err(|()| Error::JSFailed)?
        };
        member(cx, dict, c"origin", value.handle_mut())?;
        let origin = if value.get().is_undefined() {
            String::new()
        } else {
            jsval_to_string(cx, value.handle()).map_err(|()| Error::JSFailed)?
        };
        member(cx, dict, c"ports", value.handle_mut())?;
        let ports = if value.get().is_undefined() {
            Vec::new()
        } else {
            match <Vec<DomRoot<MessagePort>> as FromJSVal>::from_jsval(cx, value.handle(), ()) {
                Ok(Ok(ports)) => ports,
                Ok(Err(_)) => {
                    return Err(Error::Type(
                        "Failed to read the 'ports' property from 'MessageEventInit': not a sequence of MessagePort."
                            .into(),
                    ));
                }
                Err(()) => return Err(Error::JSFailed),
            }
        };
        rooted!(&in(cx) let mut source = NullValue());
        member(cx, dict, c"source", source.handle_mut())?;
        if source.get().is_undefined() {
            source.set(NullValue());
        }
        if !source.get().is_null() {
            let is_source = source.get().is_object() && {
                let object = source.get().to_object();
                // SAFETY: `object` is rooted by `source`; unwrapping checks its class.
                unsafe {
                    root_from_object::<MessagePort>(object).is_some() || root_from_object::<Window>(object).is_some()
                }
            };
            if !is_source {
                return Err(Error::Type(
                    "Failed to read the 'source' property from 'MessageEventInit': not a Window or MessagePort.".into(),
                ));
            }
        }
        let init = Init { bubbles, cancelable, composed, origin, last_event_id, ports };
        Ok(MessageEvent::create(cx, global, proto, &type_.to_string(), init, data.handle(), source.handle(), false))
    }

    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-data>
    fn Data(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.data.get());
    }
    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-origin>
    fn Origin(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.origin.clone())
    }
    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-lasteventid>
    fn LastEventId(&self, _cx: &mut JSContext) -> DOMString {
        self.last_event_id.clone().into()
    }
    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-source>
    fn Source(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.source.get());
    }
    /// <https://html.spec.whatwg.org/multipage/comms.html#dom-messageevent-ports>
    fn Ports(&self, _cx: &mut JSContext, mut retval: MutableHandleValue) {
        retval.set(self.ports.get());
    }
}
