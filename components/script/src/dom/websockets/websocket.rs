//! `WebSocket` (<https://websockets.spec.whatwg.org/#the-websocket-interface>).
//!
//! The connection itself is `net::websocket`: a thread per connection that runs the opening
//! handshake, reads and writes frames, and reports what happened. Each report becomes a task
//! on the script thread that made the object (a window's or a worker's), which updates the
//! ready state and fires the events, so the page sees them in the order the protocol produced
//! them. The page's end of each connection lives in this thread's table (`CONNECTIONS`), not in
//! the object: the thread's teardown drops them all, which closes the sockets with 1001 "going
//! away".
//!
//! A WebSocket keeps its event loop alive from construction until its ready state is CLOSED
//! (the standard's garbage collection rule keeps such an object alive while it has listeners;
//! a headless host has no one else to keep the page open).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;
use net::websocket::{Command, Connection, Event as NetEvent, Handshake};
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::BinaryType;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBufferOrBlobOrUSVString as Data;
use crate::dom::bindings::codegen::Unions::StringOrStringSequence;
use crate::dom::bindings::codegen::WebSocketBinding::WebSocketMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::events::events::CloseEvent;
use crate::dom::fileapi::blob::Blob;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webmessaging::messageevent::MessageEvent;

/// <https://websockets.spec.whatwg.org/#dom-websocket-connecting> and the three other states.
const CONNECTING: u16 = 0;
const OPEN: u16 = 1;
const CLOSING: u16 = 2;
const CLOSED: u16 = 3;

thread_local! {
    /// The page's end of each connection of this thread's WebSockets, by id.
    static CONNECTIONS: RefCell<HashMap<u64, Connection>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// The end of this thread's event loop: its connections are dropped (closed, "going away").
/// Returns how many there were.
pub fn teardown() -> usize {
    crate::script_thread::drain(&CONNECTIONS)
}

/// Sends `command` on connection `id`, if it is still there.
fn send_command(id: u64, command: Command) {
    CONNECTIONS.with(|c| {
        if let Some(connection) = c.borrow().get(&id)
            && !connection.send(command)
        {
            log::debug!("a command for a WebSocket connection that has ended was dropped");
        }
    });
}

#[dom_struct]
pub struct WebSocket {
    eventtarget: EventTarget,
    /// <https://websockets.spec.whatwg.org/#concept-websocket-url>
    #[no_trace]
    url: Url,
    /// The key of its connection in `CONNECTIONS`.
    #[no_trace]
    id: u64,
    /// <https://websockets.spec.whatwg.org/#dom-websocket-readystate>
    #[no_trace]
    ready_state: Cell<u16>,
    /// <https://websockets.spec.whatwg.org/#dom-websocket-bufferedamount>
    #[no_trace]
    buffered_amount: Cell<u64>,
    /// <https://websockets.spec.whatwg.org/#dom-websocket-protocol>
    #[no_trace]
    protocol: RefCell<String>,
    /// <https://websockets.spec.whatwg.org/#dom-websocket-extensions>
    #[no_trace]
    extensions: RefCell<String>,
    /// <https://websockets.spec.whatwg.org/#dom-websocket-binarytype>
    #[no_trace]
    binary_type: Cell<BinaryType>,
}

/// Whether `s` is a `token` (RFC 9110 §5.6.2), as each element of `Sec-WebSocket-Protocol`
/// must be.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl WebSocket {
    /// A report of the connection, as a task on this object's thread.
    fn on_event(&self, cx: &mut JSContext, event: NetEvent) {
        if self.ready_state.get() == CLOSED {
            // The page already saw this connection end (close() before it opened).
            return;
        }
        let window = self.global();
        if !window.is_attached() {
            // Its document is gone: so is the connection ("make disappear").
            self.ready_state.set(CLOSED);
            CONNECTIONS.with(|c| c.borrow_mut().remove(&self.id));
            crate::script_thread::request_settled();
            return;
        }
        match event {
            // "When the WebSocket connection is established, the user agent must queue a task
            // to run these steps: 1. Change the ready state to OPEN (1). 2. Change the
            // extensions attribute's value to the extensions in use, if it is not the null
            // value. 3. Change the protocol attribute's value to the subprotocol in use, if it
            // is not the null value. 4. Fire an event named open at the WebSocket object."
            NetEvent::Open { protocol, extensions, set_cookies } => {
                // The handshake response's cookies are the engine's now (Fetch's "set cookies
                // from response" of the WebSocket request).
                let headers: Vec<(String, String)> =
                    set_cookies.into_iter().map(|v| ("Set-Cookie".to_string(), v)).collect();
                crate::net::store_cookies(&http_url(&self.url), &headers, &window.url());
                if self.ready_state.get() != CONNECTING {
                    return;
                }
                self.ready_state.set(OPEN);
                *self.extensions.borrow_mut() = extensions;
                *self.protocol.borrow_mut() = protocol;
                crate::script_runtime::in_realm(cx, &window, |cx| {
                    self.upcast::<EventTarget>().fire_event(cx, "open");
                });
            }
            NetEvent::Text(text) => self.message(cx, &window, Ok(text)),
            NetEvent::Binary(bytes) => self.message(cx, &window, Err(bytes)),
            NetEvent::Sent(n) => {
                self.buffered_amount.set(self.buffered_amount.get().saturating_sub(n as u64));
            }
            // "When the WebSocket closing handshake is started, the user agent must queue a task
            // to change the ready state of the WebSocket object to CLOSING (2)."
            NetEvent::Closing => self.ready_state.set(CLOSING),
            NetEvent::Closed { clean, code, reason } => self.closed(cx, &window, clean, code, reason),
        }
    }

    /// "When a WebSocket message has been received with type type and data data, the user
    /// agent must queue a task to follow these steps" (`data` is text or bytes).
    fn message(&self, cx: &mut JSContext, window: &Window, data: Result<String, Vec<u8>>) {
        // 1. If ready state is not OPEN (1), then return.
        if self.ready_state.get() != OPEN {
            return;
        }
        crate::script_runtime::in_realm(cx, window, |cx| {
            // 2. Let dataForEvent be determined by switching on type and binaryType: text: a new
            //    DOMString containing data; binary, "blob": a new Blob object, created in the
            //    relevant Realm of the WebSocket object, that represents data as its raw data;
            //    binary, "arraybuffer": a new ArrayBuffer object, created in the relevant Realm
            //    of the WebSocket object, whose contents are data.
            rooted!(&in(cx) let mut value = UndefinedValue());
            match data {
                Ok(text) => {
                    crate::dom::bindings::conversions::ToJSVal::to_jsval(
                        &DOMString::from(text),
                        cx,
                        value.handle_mut(),
                    );
                }
                Err(bytes) => match self.binary_type.get() {
                    BinaryType::Blob => {
                        let blob = Blob::new(cx, window, bytes, String::new());
                        crate::dom::bindings::conversions::ToJSVal::to_jsval(&blob, cx, value.handle_mut());
                    }
                    BinaryType::Arraybuffer => {
                        crate::dom::bindings::conversions::new_array_buffer(cx, &bytes, value.handle_mut())
                    }
                },
            }
            // 3. Fire an event named message at the WebSocket object, using MessageEvent, with
            //    the origin attribute initialized to the serialization of the WebSocket object's
            //    url's origin, and the data attribute initialized to dataForEvent.
            rooted!(&in(cx) let source = mozjs::jsval::NullValue());
            let origin = self.url.origin().ascii_serialization();
            let event =
                MessageEvent::new_trusted(cx, window, "message", value.handle(), origin, source.handle(), Vec::new());
            self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        });
    }

    /// "When the WebSocket connection is closed, possibly cleanly, the user agent must queue a
    /// task to run the following substeps" (<https://websockets.spec.whatwg.org/#feedback-from-the-protocol>).
    fn closed(&self, cx: &mut JSContext, window: &Window, clean: bool, code: u16, reason: String) {
        // 1. Change the ready state to CLOSED (3).
        self.ready_state.set(CLOSED);
        CONNECTIONS.with(|c| c.borrow_mut().remove(&self.id));
        crate::script_thread::request_settled();
        crate::script_runtime::in_realm(cx, window, |cx| {
            // 2. If the user agent was required to fail the WebSocket connection, or if the
            //    WebSocket connection was closed after being flagged as full, fire an event
            //    named error at the WebSocket object.
            if !clean {
                self.upcast::<EventTarget>().fire_event(cx, "error");
            }
            // 3. Fire an event named close at the WebSocket object, using CloseEvent, with the
            //    wasClean attribute initialized to true if the connection closed cleanly and
            //    false otherwise, the code attribute initialized to the WebSocket connection
            //    close code, and the reason attribute initialized to the result of applying
            //    UTF-8 decode without BOM to the WebSocket connection close reason.
            let event = CloseEvent::new_trusted(cx, window, clean, code, reason);
            self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
        });
    }

    /// "Fail the WebSocket connection" before it was established (close() while CONNECTING):
    /// the connection is dropped and the page sees `error`, then `close` with 1006, from a task.
    fn fail(&self) {
        CONNECTIONS.with(|c| c.borrow_mut().remove(&self.id));
        let this = Trusted::new(self);
        crate::script_thread::queue_task(Box::new(move |cx| {
            if let Some(socket) = this.root()
                && socket.ready_state.get() != CLOSED
            {
                let window = socket.global();
                socket.closed(cx, &window, false, 1006, String::new());
            }
        }));
    }

    /// Queues a message for the connection: sent if the connection is open and its closing
    /// handshake has not started; either way it counts in `bufferedAmount` until it went out.
    fn queue(&self, command: Command, length: usize) -> ErrorResult {
        // "If this's ready state is CONNECTING, then throw an "InvalidStateError"
        // DOMException."
        if self.ready_state.get() == CONNECTING {
            return Err(Error::InvalidState(
                "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.".into(),
            ));
        }
        // "Any invocation of this method with a string argument that does not throw an
        // exception must increase the bufferedAmount attribute by the number of bytes needed to
        // express the argument as UTF-8" (and likewise for the byte length of binary data).
        self.buffered_amount.set(self.buffered_amount.get().saturating_add(length as u64));
        if self.ready_state.get() == OPEN {
            send_command(self.id, command);
        }
        Ok(())
    }
}

/// The `http:`/`https:` URL of a WebSocket URL, for its cookies.
fn http_url(url: &Url) -> Url {
    let mut http = url.clone();
    let _ = http.set_scheme(if url.scheme() == "wss" { "https" } else { "http" });
    http
}

impl WebSocketMethods for WebSocket {
    /// <https://websockets.spec.whatwg.org/#dom-websocket-websocket>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        url: USVString,
        protocols: StringOrStringSequence,
    ) -> Fallible<DomRoot<WebSocket>> {
        let error = |message: String| Error::Syntax(format!("Failed to construct 'WebSocket': {message}"));
        // 1. Let baseURL be this's relevant settings object's API base URL.
        // 2. Let urlRecord be the result of applying the URL parser to url with baseURL.
        // 3. If urlRecord is failure, then throw a "SyntaxError" DOMException.
        let mut url_record = Url::options()
            .base_url(Some(&global.api_base_url()))
            .parse(&url.0)
            .map_err(|_| error(format!("The URL '{}' is invalid.", url.0)))?;
        // 4. If urlRecord's scheme is "http", then set urlRecord's scheme to "ws".
        // 5. Otherwise, if urlRecord's scheme is "https", set urlRecord's scheme to "wss".
        match url_record.scheme() {
            "http" => {
                let _ = url_record.set_scheme("ws");
            }
            "https" => {
                let _ = url_record.set_scheme("wss");
            }
            _ => {}
        }
        // 6. If urlRecord's scheme is not "ws" or "wss", then throw a "SyntaxError"
        //    DOMException.
        if !matches!(url_record.scheme(), "ws" | "wss") {
            return Err(error(format!(
                "The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '{}' is not allowed.",
                url_record.scheme()
            )));
        }
        // 7. If urlRecord's fragment is non-null, then throw a "SyntaxError" DOMException.
        if let Some(fragment) = url_record.fragment() {
            return Err(error(format!(
                "The URL contains a fragment identifier ('{fragment}'). Fragment identifiers are not allowed in WebSocket URLs."
            )));
        }
        // 8. If protocols is a string, set protocols to a sequence consisting of just that
        //    string.
        let protocols: Vec<String> = match protocols {
            StringOrStringSequence::String(s) => vec![s.to_string()],
            StringOrStringSequence::StringSequence(list) => list.into_iter().map(|s| s.to_string()).collect(),
        };
        // 9. If any of the values in protocols occur more than once or otherwise fail to match
        //    the requirements for elements that comprise the value of `Sec-WebSocket-Protocol`
        //    fields as defined by The WebSocket Protocol, then throw a "SyntaxError"
        //    DOMException.
        for (i, protocol) in protocols.iter().enumerate() {
            if !is_token(protocol) {
                return Err(error(format!("The subprotocol '{protocol}' is invalid.")));
            }
            if protocols[..i].contains(protocol) {
                return Err(error(format!("The subprotocol '{protocol}' is duplicated.")));
            }
        }
        // 10. Set this's url to urlRecord.
        let socket = WebSocket {
            eventtarget: EventTarget::new_inherited(),
            url: url_record.clone(),
            id: NEXT_ID.with(|n| n.replace(n.get() + 1)),
            ready_state: Cell::new(CONNECTING),
            buffered_amount: Cell::new(0),
            protocol: RefCell::new(String::new()),
            extensions: RefCell::new(String::new()),
            binary_type: Cell::new(BinaryType::Blob),
        };
        let socket = reflect_dom_object_with_proto(cx, Box::new(socket), global, proto);
        // 11. Let client be this's relevant settings object.
        // 12. Run this step in parallel: establish a WebSocket connection given urlRecord,
        //     protocols, and client.
        let client_url = global.url();
        let cookie = crate::net::with_cookies(net::Request::get(&http_url(&url_record)), &client_url)
            .headers
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("cookie"))
            .map(|(_, value)| value);
        let handshake = Handshake {
            url: url_record,
            protocols,
            origin: global.document().origin_url().origin().ascii_serialization(),
            cookie,
        };
        let tasks = crate::script_thread::remote_task_sender();
        let this = std::sync::Arc::new(Trusted::new(&*socket));
        let on_event = move |event: NetEvent| {
            let this = this.clone();
            let task: crate::script_thread::RemoteTask = Box::new(move |cx: &mut JSContext| {
                if let Some(socket) = this.root() {
                    socket.on_event(cx, event);
                }
            });
            // The thread that made the object has ended: nobody listens.
            tasks.send(task).is_ok()
        };
        crate::script_thread::request_started();
        match crate::net::client().websocket(handshake, on_event) {
            Ok(connection) => {
                CONNECTIONS.with(|c| c.borrow_mut().insert(socket.id, connection));
            }
            Err(e) => {
                log::error!("could not start a WebSocket connection: {e}");
                socket.fail();
            }
        }
        Ok(socket)
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-url>: "return this's url,
    /// serialized."
    fn Url(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.as_str().to_owned())
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        self.ready_state.get()
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-bufferedamount>
    fn BufferedAmount(&self, _cx: &mut JSContext) -> u64 {
        self.buffered_amount.get()
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-extensions>
    fn Extensions(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.extensions.borrow().as_str())
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-protocol>
    fn Protocol(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.protocol.borrow().as_str())
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-close>
    fn Close(&self, _cx: &mut JSContext, code: Option<u16>, reason: Option<USVString>) -> ErrorResult {
        // 1. If code is present, but is neither an integer equal to 1000 nor an integer in the
        //    range 3000 to 4999, inclusive, throw an "InvalidAccessError" DOMException.
        if let Some(code) = code
            && code != 1000
            && !(3000..=4999).contains(&code)
        {
            return Err(Error::InvalidAccess(format!(
                "Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. {code} is neither."
            )));
        }
        // 2. If reason is present, then run these substeps: 1. Let reasonBytes be the result of
        //    encoding reason. 2. If reasonBytes is longer than 123 bytes, then throw a
        //    "SyntaxError" DOMException.
        let reason = reason.map(|r| r.0).unwrap_or_default();
        if reason.len() > 123 {
            return Err(Error::Syntax(
                "Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes."
                    .into(),
            ));
        }
        // 3. Run the first matching steps from the following list:
        match self.ready_state.get() {
            // "If this's ready state is CLOSING (2) or CLOSED (3): Do nothing."
            CLOSING | CLOSED => {}
            // "If the WebSocket connection is not yet established: Fail the WebSocket
            // connection and set this's ready state to CLOSING (2)."
            CONNECTING => {
                self.ready_state.set(CLOSING);
                self.fail();
            }
            // "If the WebSocket closing handshake has not yet been started: Start the WebSocket
            // closing handshake and set this's ready state to CLOSING (2). If code is not
            // present, the status code for the Close message must not be given. [...] If code
            // is present, then the status code to use in the WebSocket Close message must be
            // the integer given by code. If reason is also present, then reasonBytes must be
            // provided in the Close message after the status code."
            _ => {
                self.ready_state.set(CLOSING);
                send_command(self.id, Command::Close { code, reason });
            }
        }
        Ok(())
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-binarytype>
    fn BinaryType(&self, _cx: &mut JSContext) -> BinaryType {
        self.binary_type.get()
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-binarytype>
    fn SetBinaryType(&self, _cx: &mut JSContext, value: BinaryType) {
        self.binary_type.set(value);
    }

    /// <https://websockets.spec.whatwg.org/#dom-websocket-send>
    fn Send(&self, _cx: &mut JSContext, data: Data) -> ErrorResult {
        match data {
            // "If data is a string: if the WebSocket connection is established and the
            // WebSocket closing handshake has not yet started, then the user agent must send a
            // WebSocket Message comprised of the data argument using a text frame opcode."
            Data::USVString(text) => {
                let length = text.0.len();
                self.queue(Command::Text(text.0), length)
            }
            // "If data is a Blob object: [...] send a WebSocket Message comprised of data using
            // a binary frame opcode; [...] the data to be sent is the raw data represented by
            // the Blob object."
            Data::Blob(blob) => {
                let bytes = blob.bytes().to_vec();
                let length = bytes.len();
                self.queue(Command::Binary(bytes), length)
            }
            // "If data is an ArrayBuffer / ArrayBufferView: [...] the data to be sent is the data
            // stored in the buffer described by the ArrayBuffer object / the section of the
            // buffer described by the ArrayBuffer object that data references."
            Data::ArrayBuffer(bytes) => {
                let length = bytes.0.len();
                self.queue(Command::Binary(bytes.0), length)
            }
            Data::ArrayBufferView(bytes) => {
                let length = bytes.0.len();
                self.queue(Command::Binary(bytes.0), length)
            }
        }
    }

    /// <https://websockets.spec.whatwg.org/#handler-websocket-onopen>
    fn Onopen(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("open")
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onopen>
    fn SetOnopen(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("open", value)
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onerror>
    fn Onerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("error")
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onerror>
    fn SetOnerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("error", value)
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onclose>
    fn Onclose(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("close")
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onclose>
    fn SetOnclose(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("close", value)
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("message")
    }
    /// <https://websockets.spec.whatwg.org/#handler-websocket-onmessage>
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("message", value)
    }
}
