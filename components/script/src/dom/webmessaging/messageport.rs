//! `MessageChannel` and `MessagePort`
//! (<https://html.spec.whatwg.org/multipage/web-messaging.html#channel-messaging>), and
//! `window.postMessage()` (<https://html.spec.whatwg.org/multipage/web-messaging.html#posting-messages>).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{JSVal, NullValue, ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::MessageChannelBinding::MessageChannelMethods;
use crate::dom::bindings::codegen::MessagePortBinding::MessagePortMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::{DomObject, Reflector};
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom, RootedTraceableBox};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::structuredclone::{
    CloneCaller, SerializedMessage, deserialize_from_thread, serialize_for_thread, serialize_with_transfer,
};
use crate::dom::html::window::Window;
use crate::dom::webmessaging::messageevent::MessageEvent;
use crate::dom::webmessaging::portchannel::{Endpoint, PortChannel};

/// What an internal port (the port of a transferred stream) does with its messages, instead of
/// firing `message`/`messageerror` events: "add a handler for port's message event"
/// (<https://streams.spec.whatwg.org/#abstract-opdef-setupcrossrealmtransformreadable>).
pub trait PortHandler: crate::dom::bindings::trace::JSTraceable {
    fn message(&self, cx: &mut JSContext, data: HandleValue);
    fn message_error(&self, cx: &mut JSContext);
}

/// A message waiting in a port message queue: already deserialized in the port's realm.
#[derive(crate::dom::bindings::trace::JSTraceable)]
struct QueuedMessage {
    data: Box<Heap<JSVal>>,
    ports: Vec<Dom<MessagePort>>,
}

#[dom_struct]
pub struct MessagePort {
    eventtarget: EventTarget,
    /// The port this one is entangled with.
    entangled: MutNullableDom<MessagePort>,
    /// Whether the port message queue is enabled (`start()`, or setting `onmessage`).
    #[no_trace]
    enabled: Cell<bool>,
    /// [[Detached]]: closed (`close()`).
    #[no_trace]
    closed: Cell<bool>,
    queue: RefCell<Vec<QueuedMessage>>,
    /// The pair's cross-thread form (`portchannel.rs`), once one of the two ports has been
    /// transferred to another thread; `entangled` is then unused.
    #[no_trace]
    remote: RefCell<Option<Endpoint>>,
    /// The handler of an internal port (a transferred stream's), if any.
    native: RefCell<Option<Rc<dyn PortHandler>>>,
}

impl MessagePort {
    /// A new, unentangled port in `window`'s realm (the receiving side of a transfer).
    pub fn new_in(cx: &mut JSContext, window: &Window) -> DomRoot<MessagePort> {
        MessagePort::new(cx, window)
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#message-ports>, the transfer
    /// steps and transfer-receiving steps together: `new` takes this port's entanglement and
    /// its queued messages (its queue starts disabled); this port is detached.
    pub fn transfer_to(&self, new: &MessagePort) {
        if let Some(endpoint) = self.remote.take() {
            endpoint.release();
            endpoint.adopt(new);
            *new.remote.borrow_mut() = Some(endpoint);
        }
        if let Some(other) = self.entangled.get() {
            self.entangled.set(None);
            MessagePort::entangle(new, &other);
        }
        let queued = std::mem::take(&mut *self.queue.borrow_mut());
        new.queue.borrow_mut().extend(queued);
        self.closed.set(true);
    }

    /// Two new entangled ports in `window`'s realm (a MessageChannel's, without the channel).
    pub fn new_pair(cx: &mut JSContext, window: &Window) -> (DomRoot<MessagePort>, DomRoot<MessagePort>) {
        let (one, two) = (MessagePort::new(cx, window), MessagePort::new(cx, window));
        MessagePort::entangle(&one, &two);
        (one, two)
    }

    fn new(cx: &mut JSContext, window: &Window) -> DomRoot<MessagePort> {
        let port = MessagePort {
            eventtarget: EventTarget::new_inherited(),
            entangled: MutNullableDom::new(None),
            enabled: Cell::new(false),
            closed: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            remote: RefCell::new(None),
            native: RefCell::new(None),
        };
        reflect_dom_object(cx, Box::new(port), window)
    }

    /// The transfer steps of a port that goes to another thread: this port is detached and
    /// the returned endpoint, carried by the message, is what the receiving port adopts. A
    /// pair entangled on this thread switches to its cross-thread form first (the partner
    /// keeps its own queue and adopts the other side); messages already waiting in this
    /// port's queue are serialized again and travel with it.
    pub fn take_endpoint(&self, cx: &mut JSContext) -> Endpoint {
        self.closed.set(true);
        if let Some(endpoint) = self.remote.take() {
            endpoint.release();
            return endpoint;
        }
        let endpoint = match self.entangled.get() {
            Some(other) => {
                self.entangled.set(None);
                other.entangled.set(None);
                let (mine, theirs) = PortChannel::pair();
                theirs.adopt(&other);
                if other.enabled.get() {
                    theirs.enable();
                }
                *other.remote.borrow_mut() = Some(theirs);
                mine
            }
            None => PortChannel::unentangled(),
        };
        let queued = std::mem::take(&mut *self.queue.borrow_mut());
        if !queued.is_empty() {
            let window = self.global();
            crate::script_runtime::in_realm(cx, &window, |cx| {
                for message in queued {
                    rooted!(&in(cx) let data = message.data.get());
                    let ports: Vec<*mut JSObject> = message.ports.iter().map(|p| p.reflector().get_raw()).collect();
                    let caller = CloneCaller { operation: "postMessage", interface: "MessagePort" };
                    match serialize_for_thread(cx, data.handle(), &ports, caller) {
                        Ok(serialized) => endpoint.keep(serialized),
                        Err(_) => {
                            log::debug!("a message queued on a transferred port could not be serialized again; dropped")
                        }
                    }
                }
            });
        }
        endpoint
    }

    /// The transfer-receiving steps on another thread: a new port in `window`'s realm that
    /// speaks for `endpoint`'s side (its queue starts disabled).
    pub fn adopting(cx: &mut JSContext, window: &Window, endpoint: Endpoint) -> DomRoot<MessagePort> {
        let port = MessagePort::new(cx, window);
        endpoint.adopt(&port);
        *port.remote.borrow_mut() = Some(endpoint);
        port
    }

    /// Whether posting on this port with `transfer` dooms the message: the list holds the port
    /// this one is entangled with.
    fn transfer_dooms(&self, target: Option<&MessagePort>, port: &MessagePort) -> bool {
        if target.is_some_and(|t| t.is(port)) {
            return true;
        }
        match (&*self.remote.borrow(), &*port.remote.borrow()) {
            (Some(mine), Some(theirs)) => mine.is_entangled_with(theirs),
            _ => false,
        }
    }

    /// A message from the pair's cross-thread form, delivered by a task of the port message
    /// queue: deserialized in the port's realm, then a `message` event with the transferred
    /// ports, or `messageerror` when it cannot be deserialized.
    pub fn deliver_serialized(&self, cx: &mut JSContext, message: SerializedMessage) {
        if self.closed.get() {
            return;
        }
        let window = self.global();
        if !window.is_attached() {
            return;
        }
        let native = self.native.borrow().clone();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            rooted!(&in(cx) let mut data = UndefinedValue());
            let result = deserialize_from_thread(cx, message, data.handle_mut());
            if let Some(handler) = native {
                match result {
                    Ok(_) => handler.message(cx, data.handle()),
                    Err(_) => handler.message_error(cx),
                }
                return;
            }
            match result {
                Ok(ports) => {
                    rooted!(&in(cx) let source = NullValue());
                    let event =
                        MessageEvent::new_message(cx, &window, data.handle(), String::new(), source.handle(), ports);
                    self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
                }
                Err(_) => {
                    let event = Event::new(cx, &window, "messageerror".into(), false, false);
                    event.set_trusted(true);
                    self.upcast::<EventTarget>().dispatch(cx, &event);
                }
            }
        });
    }

    /// The entangled port went away: "fire an event named close at" this port.
    pub fn fire_close(&self, cx: &mut JSContext) {
        let window = self.global();
        crate::script_runtime::in_realm(cx, &window, |cx| {
            self.upcast::<EventTarget>().fire_event(cx, "close");
        });
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#entangle>
    fn entangle(one: &MessagePort, two: &MessagePort) {
        one.entangled.set(Some(two));
        two.entangled.set(Some(one));
    }

    /// Makes this an internal port whose messages go to `handler`, and enables its port
    /// message queue.
    pub fn set_native_handler(&self, handler: Rc<dyn PortHandler>) {
        *self.native.borrow_mut() = Some(handler);
        self.enable();
    }

    /// Posts `message` to the entangled port (the message port post message steps, no
    /// transfer list).
    pub fn post_from_rust(&self, cx: &mut JSContext, message: HandleValue) -> ErrorResult {
        self.post_message_steps(cx, message, Vec::new())
    }

    /// Whether the port was closed.
    pub fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// Whether this is the port `other` (by identity).
    pub fn is(&self, other: &MessagePort) -> bool {
        std::ptr::eq(self, other)
    }

    /// Adds a message to the port message queue; it is delivered by a task once the queue is
    /// enabled.
    fn enqueue(&self, data: HandleValue, ports: Vec<DomRoot<MessagePort>>) {
        let heap = Box::new(Heap::default());
        heap.set(data.get());
        let ports = ports.iter().map(|p| Dom::from_ref(&**p)).collect();
        self.queue.borrow_mut().push(QueuedMessage { data: heap, ports });
        if self.enabled.get() {
            self.schedule_one();
        }
    }

    /// Queues a task that delivers the oldest queued message.
    fn schedule_one(&self) {
        let port = crate::dom::bindings::refcounted::Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(port) = port.root() {
                port.deliver_one(cx);
            }
        }));
    }

    /// Fires a `message` event for the oldest queued message ("fire an event named message at
    /// finalTargetPort, using MessageEvent, with the data attribute initialized to
    /// messageClone and the ports attribute initialized to newPorts").
    fn deliver_one(&self, cx: &mut JSContext) {
        if self.closed.get() || self.queue.borrow().is_empty() {
            return;
        }
        let window = self.global();
        // A port whose document is not fully active (a removed iframe's) receives nothing.
        if !window.is_attached() {
            return;
        }
        let message = self.queue.borrow_mut().remove(0);
        // Tasks run outside any realm: enter the port's.
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
        rooted!(&in(cx) let data = message.data.get());
        let native = self.native.borrow().clone();
        if let Some(handler) = native {
            handler.message(cx, data.handle());
            return;
        }
        rooted!(&in(cx) let source = NullValue());
        let ports = message.ports.iter().map(|p| p.as_rooted()).collect();
        let event = MessageEvent::new_message(cx, &window, data.handle(), String::new(), source.handle(), ports);
        self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-start>: "The
    /// start() method steps are to enable this's port message queue, if it is not already
    /// enabled."
    fn enable(&self) {
        if self.enabled.replace(true) {
            return;
        }
        for _ in 0..self.queue.borrow().len() {
            self.schedule_one();
        }
        if let Some(endpoint) = &*self.remote.borrow() {
            endpoint.enable();
        }
    }

    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#message-port-post-message-steps>
    fn post_message_steps(
        &self,
        cx: &mut JSContext,
        message: HandleValue,
        transfer: Vec<*mut JSObject>,
    ) -> ErrorResult {
        // A port of a document that is not fully active (a removed iframe's) sends nothing.
        if !self.global().is_attached() {
            return Ok(());
        }
        // 1. Let targetPort be the port with which sourcePort is entangled, if any; otherwise
        //    let it be null.
        let target = self.entangled.get();
        // 3. If transfer contains this MessagePort, then throw a "DataCloneError" DOMException.
        // 4–5. Let doomed be false; if targetPort is not null and transfer contains targetPort,
        //      doomed is true (the channel is lost).
        let mut doomed = false;
        for &object in &transfer {
            // SAFETY: the objects come from the caller's converted sequence, rooted by it.
            if let Some(port) = unsafe { crate::dom::bindings::conversions::root_from_object::<MessagePort>(object) } {
                if port.is(self) {
                    return Err(Error::DataClone("A MessagePort cannot transfer itself.".into()));
                }
                if self.transfer_dooms(target.as_deref(), &port) {
                    doomed = true;
                }
            }
        }
        // The pair's cross-thread form: the message is serialized for whichever thread the
        // other port lives on (or will live on) and waits in its mailbox.
        if self.remote.borrow().is_some() {
            let caller = CloneCaller { operation: "postMessage", interface: "MessagePort" };
            let serialized = serialize_for_thread(cx, message, &transfer, caller)?;
            if !doomed && let Some(endpoint) = &*self.remote.borrow() {
                endpoint.post(serialized);
            }
            return Ok(());
        }
        // 6. Let serializeWithTransferResult be StructuredSerializeWithTransfer(message,
        //    transfer). Rethrow any exceptions. (Deserialized at once in the target's realm:
        //    every window of the engine shares this thread.)
        let realm_window = match &target {
            Some(target) => target.global(),
            None => self.global(),
        };
        rooted!(&in(cx) let mut clone = UndefinedValue());
        let ports = serialize_with_transfer(cx, &realm_window, message, &transfer, clone.handle_mut())?;
        // 7. If targetPort is null, or if doomed is true, then return.
        let Some(target) = target.filter(|_| !doomed) else { return Ok(()) };
        if target.closed.get() {
            return Ok(());
        }
        // 8. Add a task that runs the following steps to the port message queue of targetPort.
        target.enqueue(clone.handle(), ports);
        Ok(())
    }
}

impl MessagePortMethods for MessagePort {
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-postmessage>
    /// and <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-postmessage-options>:
    /// "run the message port post message steps providing this, message and options". The
    /// overload is chosen as WebIDL does: an iterable object is the transfer list, undefined,
    /// null or another object the options dictionary, anything else a TypeError.
    fn PostMessage(&self, cx: &mut JSContext, message: HandleValue, transfer_or_options: HandleValue) -> ErrorResult {
        let transfer = post_message_transfer(cx, transfer_or_options, "MessagePort")?;
        self.post_message_steps(cx, message, transfer)
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-start>
    fn Start(&self, _cx: &mut JSContext) {
        self.enable();
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageport-close>:
    /// "1. Set this's [[Detached]] internal slot value to true. 2. Let port be this's entangled
    /// port. 3. If port is non-null, disentangle this and port" (the other side gets a `close`
    /// event).
    fn Close(&self, _cx: &mut JSContext) {
        self.closed.set(true);
        if let Some(endpoint) = self.remote.take() {
            endpoint.disentangle();
        }
        if let Some(other) = self.entangled.get() {
            self.entangled.set(None);
            other.entangled.set(None);
            let other = crate::dom::bindings::refcounted::Trusted::new(&*other);
            crate::script_thread::queue_task(Box::new(move |cx| {
                if let Some(other) = other.root() {
                    let window = other.global();
                    let _realm = crate::dom::bindings::reflector::enter_realm(cx, window.global_object().get());
                    other.upcast::<EventTarget>().fire_event(cx, "close");
                }
            }));
        }
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageport-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("message")
    }
    /// "The first time a MessagePort object's onmessage IDL attribute is set, the port's port
    /// message queue must be enabled, as if the start() method had been called."
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("message", value);
        self.enable();
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageport-onmessageerror>
    fn Onmessageerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("messageerror")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageport-onmessageerror>
    fn SetOnmessageerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("messageerror", value)
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageport-onclose>
    fn Onclose(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("close")
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#handler-messageport-onclose>
    fn SetOnclose(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("close", value)
    }
}

#[dom_struct]
pub struct MessageChannel {
    reflector_: Reflector,
    port1: Dom<MessagePort>,
    port2: Dom<MessagePort>,
}

impl MessageChannelMethods for MessageChannel {
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messagechannel>: "1. Set
    /// this's port 1 to a new MessagePort in this's relevant realm. 2. Set this's port 2 to a
    /// new MessagePort in this's relevant realm. 3. Entangle this's port 1 and this's port 2."
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<MessageChannel>> {
        let port1 = MessagePort::new(cx, global);
        let port2 = MessagePort::new(cx, global);
        MessagePort::entangle(&port1, &port2);
        let channel = MessageChannel {
            reflector_: Reflector::new(),
            port1: Dom::from_ref(&*port1),
            port2: Dom::from_ref(&*port2),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(channel), global, proto))
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messagechannel-port1>
    fn Port1(&self, _cx: &mut JSContext) -> DomRoot<MessagePort> {
        self.port1.as_rooted()
    }
    /// <https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messagechannel-port2>
    fn Port2(&self, _cx: &mut JSContext) -> DomRoot<MessagePort> {
        self.port2.as_rooted()
    }
}

/// <https://html.spec.whatwg.org/multipage/web-messaging.html#window-post-message-steps>
pub fn window_post_message(
    cx: &mut JSContext,
    target: &Window,
    message: HandleValue,
    target_origin: &str,
    transfer: Vec<*mut JSObject>,
) -> ErrorResult {
    // The incumbent settings object: the window of the script that called postMessage.
    let incumbent = incumbent_window(cx).unwrap_or_else(|| DomRoot::from_ref(target));
    let incumbent_url = incumbent.document().origin_url();
    let incumbent_origin = crate::origin::origin_key(&incumbent_url);
    // The serialization of the incumbent settings object's origin ("null" for an opaque one).
    let origin_serialized = incumbent_url.origin().ascii_serialization();
    // 2. If targetOrigin is a single U+002F SOLIDUS character (/), then set targetOrigin to
    //    the incumbent settings object's origin. 3. Otherwise, if targetOrigin is not a single
    //    U+002A ASTERISK character (*), then: let parsedURL be the result of running the URL
    //    parser on targetOrigin; if parsedURL is failure, then throw a "SyntaxError"
    //    DOMException; set targetOrigin to parsedURL's origin.
    let target_origin = match target_origin {
        "/" => Some(incumbent_origin.clone()),
        "*" => None,
        other => {
            let url = url::Url::parse(other)
                .map_err(|_| Error::Syntax(format!("'{other}' is not a valid target origin for postMessage")))?;
            Some(crate::origin::origin_key(&url))
        }
    };
    // 4. Let transfer be options["transfer"]. 5. Let serializeWithTransferResult be
    //    StructuredSerializeWithTransfer(message, transfer). Rethrow any exceptions.
    //    (Deserialized at once in the target's realm.)
    rooted!(&in(cx) let mut clone = UndefinedValue());
    let ports = serialize_with_transfer(cx, target, message, &transfer, clone.handle_mut())?;
    // The clone waits for the task as a root: nothing else traces it meanwhile (a GC before
    // the task ran freed or moved it; found with GC zeal 7,50 on WPT
    // IndexedDB/idb-partitioned-coverage, where MessageEvent.data returned a moved object).
    let data = RootedTraceableBox::new(Heap::default());
    data.set(clone.get());
    let target_trusted = crate::dom::bindings::refcounted::Trusted::new(target);
    let incumbent_trusted = crate::dom::bindings::refcounted::Trusted::new(&*incumbent);
    let ports: Vec<_> = ports.iter().map(|p| crate::dom::bindings::refcounted::Trusted::new(&**p)).collect();
    // 6. Queue a global task on the posted message task source given targetWindow to run:
    crate::script_thread::queue_task(Box::new(move |cx| {
        let (Some(target), Some(incumbent)) = (target_trusted.root(), incumbent_trusted.root()) else { return };
        // Tasks run outside any realm: enter the target window's.
        let _realm = crate::dom::bindings::reflector::enter_realm(cx, target.global_object().get());
        // 6.1 If the targetOrigin argument is not a single literal U+002A ASTERISK character
        //     (*) and targetWindow's associated Document's origin is not same origin with
        //     targetOrigin, then return.
        if let Some(origin) = &target_origin
            && crate::origin::origin_key(&target.document().origin_url()) != *origin
        {
            return;
        }
        // 6.2 Let origin be the serialization of incumbentSettings's origin. 6.3 Let source be
        //     the WindowProxy object corresponding to incumbentSettings's global object.
        rooted!(&in(cx) let source = ObjectValue(incumbent.reflector().get_raw()));
        rooted!(&in(cx) let value = data.get());
        let ports: Vec<_> = ports.iter().filter_map(|p| p.root()).collect();
        // 6.7 Fire an event named message at targetWindow, using MessageEvent, with the origin
        //     attribute initialized to origin and the source attribute initialized to source,
        //     the data attribute initialized to messageClone, and the ports attribute
        //     initialized to newPorts.
        let event = MessageEvent::new_message(cx, &target, value.handle(), origin_serialized, source.handle(), ports);
        target.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
    }));
    Ok(())
}

/// The window of the script running now (the incumbent global), if a script is running.
fn incumbent_window(cx: &mut JSContext) -> Option<DomRoot<Window>> {
    // SAFETY: asks SpiderMonkey for the global of the innermost scripted caller.
    let global = unsafe { mozjs::jsapi::GetScriptedCallerGlobal(cx.raw_cx()) };
    (!global.is_null()).then(|| Window::from_object(global))
}

/// Whether `value` is an object with an @@iterator (WebIDL's test for a sequence).
fn is_iterable(cx: &mut JSContext, value: HandleValue) -> Fallible<bool> {
    crate::dom::bindings::jit::has_iterator(cx, value).map_err(|()| Error::JSFailed)
}

/// The transfer list of `postMessage(message, transfer)` / `postMessage(message, options)` on
/// `interface` (MessagePort, Worker, DedicatedWorkerGlobalScope): WebIDL's overload resolution
/// picks the sequence for an iterable, the options dictionary for undefined, null or another
/// object, and a TypeError otherwise.
pub fn post_message_transfer(
    cx: &mut JSContext,
    transfer_or_options: HandleValue,
    interface: &str,
) -> Fallible<Vec<*mut JSObject>> {
    if is_iterable(cx, transfer_or_options)? {
        transfer_list(cx, transfer_or_options)
    } else if transfer_or_options.get().is_null_or_undefined() || transfer_or_options.get().is_object() {
        options_transfer(cx, transfer_or_options)
    } else {
        Err(Error::Type(format!(
            "Failed to execute 'postMessage' on '{interface}': The provided value is not of type 'StructuredSerializeOptions'."
        )))
    }
}

/// A `sequence<object>` transfer list (an Array; each element must be an object).
pub fn transfer_list(cx: &mut JSContext, value: HandleValue) -> Fallible<Vec<*mut JSObject>> {
    if value.get().is_undefined() {
        return Ok(Vec::new());
    }
    let not_a_list = || Error::Type("The transfer list is not a sequence of objects.".into());
    if !value.get().is_object() {
        return Err(not_a_list());
    }
    rooted!(&in(cx) let array = value.get().to_object());
    let mut is_array = false;
    // SAFETY: `array` is rooted; these calls only read it.
    unsafe {
        if !mozjs::jsapi::IsArrayObject1(cx.raw_cx(), array.handle().into(), &mut is_array) {
            return Err(Error::JSFailed);
        }
        if !is_array {
            return Err(Error::Type("The transfer list must be an Array.".into()));
        }
        let mut length = 0u32;
        if !mozjs::jsapi::GetArrayLength(cx.raw_cx(), array.handle().into(), &mut length) {
            return Err(Error::JSFailed);
        }
        let mut out = Vec::with_capacity(length as usize);
        rooted!(&in(cx) let mut element = UndefinedValue());
        for index in 0..length {
            if !mozjs::jsapi::JS_GetElement(cx.raw_cx(), array.handle().into(), index, element.handle_mut().into()) {
                return Err(Error::JSFailed);
            }
            if !element.get().is_object() {
                return Err(not_a_list());
            }
            out.push(element.get().to_object());
        }
        Ok(out)
    }
}

/// The `transfer` member of a `StructuredSerializeOptions` (undefined or null: empty).
pub fn options_transfer(cx: &mut JSContext, options: HandleValue) -> Fallible<Vec<*mut JSObject>> {
    if options.get().is_null_or_undefined() {
        return Ok(Vec::new());
    }
    if !options.get().is_object() {
        return Err(Error::Type("The provided value is not of type 'StructuredSerializeOptions'.".into()));
    }
    rooted!(&in(cx) let object = options.get().to_object());
    rooted!(&in(cx) let mut transfer = UndefinedValue());
    crate::dom::bindings::conversions::get_property(cx, object.handle(), c"transfer", transfer.handle_mut())
        .map_err(|()| Error::JSFailed)?;
    if !transfer.get().is_undefined() && !is_iterable(cx, transfer.handle())? {
        return Err(Error::Type(
            "Failed to read the 'transfer' property from 'StructuredSerializeOptions': not a sequence.".into(),
        ));
    }
    transfer_list(cx, transfer.handle())
}

/// `window.postMessage()`'s two overloads: (message, targetOrigin, transfer) when the second
/// argument is not undefined, null or an object (it converts to a USVString), otherwise
/// (message, options) with `options.targetOrigin` (default "/") and `options.transfer`.
pub fn window_post_message_arguments(
    cx: &mut JSContext,
    second: HandleValue,
    third: HandleValue,
) -> Fallible<(String, Vec<*mut JSObject>)> {
    let value = second.get();
    if value.is_null_or_undefined() || value.is_object() {
        let target_origin = if value.is_object() {
            rooted!(&in(cx) let object = value.to_object());
            rooted!(&in(cx) let mut origin = UndefinedValue());
            crate::dom::bindings::conversions::get_property(cx, object.handle(), c"targetOrigin", origin.handle_mut())
                .map_err(|()| Error::JSFailed)?;
            if origin.get().is_undefined() {
                "/".to_owned()
            } else {
                crate::dom::bindings::conversions::jsval_to_string(cx, origin.handle()).map_err(|()| Error::JSFailed)?
            }
        } else {
            "/".to_owned()
        };
        return Ok((target_origin, options_transfer(cx, second)?));
    }
    let target_origin = crate::dom::bindings::conversions::jsval_to_string(cx, second).map_err(|()| Error::JSFailed)?;
    if !third.get().is_undefined() && !is_iterable(cx, third)? {
        return Err(Error::Type(
            "Failed to execute 'postMessage' on 'Window': The transfer list is not a sequence.".into(),
        ));
    }
    Ok((target_origin, transfer_list(cx, third)?))
}
