//! `EventSource` (<https://html.spec.whatwg.org/multipage/server-sent-events.html#the-eventsource-interface>).
//!
//! Each connection is a thread that fetches the stream (`net::Client::fetch_streaming`), checks
//! the response, interprets the body as it arrives (`net::eventsource::Parser`) and queues a
//! task per event on the thread that made the object (a window's or a worker's). When the
//! stream ends or breaks, the same thread queues the `error` of "reestablish the connection",
//! waits the reconnection time and queues the task that fetches again. `close()` raises the
//! connection's abort flag: its thread stops at the next piece of the body (or when the server
//! closes the stream), and nothing it queues afterwards reaches the page.
//!
//! An event source keeps its event loop alive until its ready state is CLOSED (the standard's
//! garbage collection rule keeps one alive while it may still fire events).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;
use mozjs::rust::HandleObject;
use net::eventsource::{Dispatch, Parser};
use url::Url;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Dictionaries::EventSourceInit;
use crate::dom::bindings::codegen::EventSourceBinding::EventSourceMethods;
use crate::dom::bindings::conversions::ToJSVal;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::webmessaging::messageevent::MessageEvent;
use crate::script_thread::RemoteTask;

/// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-connecting>
/// and the two other states.
const CONNECTING: u16 = 0;
const OPEN: u16 = 1;
const CLOSED: u16 = 2;

/// The reconnection time before a stream sets one ("a user-agent-defined value, probably in
/// the region of a few seconds"; Chromium's is 3 s).
const DEFAULT_RECONNECTION_TIME: Duration = Duration::from_millis(3000);

thread_local! {
    /// The abort flags of this thread's event sources that are not closed.
    static OPEN_SOURCES: RefCell<Vec<Arc<AtomicBool>>> = const { RefCell::new(Vec::new()) };
}

/// The end of this thread's event loop: every connection stops. Returns how many there were.
pub fn teardown() -> usize {
    let sources = OPEN_SOURCES.with(|s| std::mem::take(&mut *s.borrow_mut()));
    for aborted in &sources {
        aborted.store(true, Ordering::SeqCst);
    }
    sources.len()
}

/// What the object and its connection threads share.
#[derive(Debug)]
struct Stream {
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-last-event-id>
    last_event_id: String,
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-reconnection-time>
    reconnection_time: Duration,
}

#[dom_struct]
pub struct EventSource {
    eventtarget: EventTarget,
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-eventsource-url>
    #[no_trace]
    url: Url,
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-withcredentials>
    #[no_trace]
    with_credentials: bool,
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-readystate>
    #[no_trace]
    ready_state: Cell<u16>,
    #[no_trace]
    stream: Arc<Mutex<Stream>>,
    /// Raised by `close()` (and the thread's teardown): "abort any instances of the fetch
    /// algorithm started for this EventSource object".
    #[no_trace]
    aborted: Arc<AtomicBool>,
    /// Whether the object still keeps its event loop alive.
    #[no_trace]
    keeps_loop: Cell<bool>,
}

fn lock(stream: &Mutex<Stream>) -> std::sync::MutexGuard<'_, Stream> {
    // A panic while holding the lock leaves two plain values: still usable.
    stream.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a connection's thread asks of its object, as a task.
enum Report {
    /// "Announce the connection", with the response's `Set-Cookie` headers to store.
    Announce { cookies: Vec<(String, String)>, response_url: Url },
    /// An event to dispatch, with the origin of the stream's final URL.
    Dispatch(Dispatch, String),
    /// "Fail the connection".
    Fail,
    /// The first task of "reestablish the connection".
    Reestablishing,
    /// The last task of "reestablish the connection": fetch again.
    Reconnect,
}

impl EventSource {
    /// Runs a report of a connection thread.
    fn report(&self, cx: &mut JSContext, report: Report) {
        let window = self.global();
        if !window.is_attached() {
            self.closed();
            return;
        }
        match report {
            // "When a user agent is to announce the connection, the user agent must queue a
            // task which, if the readyState attribute is set to a value other than CLOSED, sets
            // the readyState attribute to OPEN and fires an event named open at the
            // EventSource object."
            Report::Announce { cookies, response_url } => {
                if !cookies.is_empty() && (self.with_credentials || self.same_origin(&window)) {
                    crate::net::store_cookies(&response_url, &cookies, &window.url());
                }
                if self.ready_state.get() == CLOSED {
                    return;
                }
                self.ready_state.set(OPEN);
                crate::script_runtime::in_realm(cx, &window, |cx| {
                    self.upcast::<EventTarget>().fire_event(cx, "open");
                });
            }
            // "Queue a task which, if the readyState attribute is set to a value other than
            // CLOSED, dispatches the newly created event at the EventSource object."
            Report::Dispatch(dispatch, origin) => {
                if self.ready_state.get() == CLOSED {
                    return;
                }
                crate::script_runtime::in_realm(cx, &window, |cx| {
                    rooted!(&in(cx) let mut data = UndefinedValue());
                    DOMString::from(dispatch.data).to_jsval(cx, data.handle_mut());
                    let event = MessageEvent::new_server_sent(
                        cx,
                        &window,
                        &dispatch.type_,
                        data.handle(),
                        origin,
                        dispatch.last_event_id,
                    );
                    self.upcast::<EventTarget>().dispatch(cx, event.upcast::<Event>());
                });
            }
            // "When a user agent is to fail the connection, the user agent must queue a task
            // which, if the readyState attribute is set to a value other than CLOSED, sets the
            // readyState attribute to CLOSED and fires an event named error at the EventSource
            // object. Once the user agent has failed the connection, it does not attempt to
            // reconnect."
            Report::Fail => {
                if self.ready_state.get() == CLOSED {
                    return;
                }
                self.closed();
                crate::script_runtime::in_realm(cx, &window, |cx| {
                    self.upcast::<EventTarget>().fire_event(cx, "error");
                });
            }
            // Reestablish the connection, step 1: "Queue a task to run the following steps: 1.
            // If the readyState attribute is set to CLOSED, abort the task. 2. Set the
            // readyState attribute to CONNECTING. 3. Fire an event named error at the
            // EventSource object."
            Report::Reestablishing => {
                if self.ready_state.get() == CLOSED {
                    return;
                }
                self.ready_state.set(CONNECTING);
                crate::script_runtime::in_realm(cx, &window, |cx| {
                    self.upcast::<EventTarget>().fire_event(cx, "error");
                });
            }
            // Step 5: "Queue a task to run the following steps: 1. If the EventSource object's
            // readyState attribute is not set to CONNECTING, then return. 2. Let request be the
            // EventSource object's request. 3. If the EventSource object's last event ID string
            // is not the empty string, then: set (`Last-Event-ID`, lastEventIDValue) in
            // request's header list. 4. Fetch request and process the response obtained in this
            // fashion, if any, as described earlier in this section."
            Report::Reconnect => {
                if self.ready_state.get() != CONNECTING {
                    return;
                }
                self.connect(&window);
            }
        }
    }

    /// The ready state is CLOSED: the event loop may end.
    fn closed(&self) {
        self.ready_state.set(CLOSED);
        self.aborted.store(true, Ordering::SeqCst);
        OPEN_SOURCES.with(|s| s.borrow_mut().retain(|a| !Arc::ptr_eq(a, &self.aborted)));
        if self.keeps_loop.replace(false) {
            crate::script_thread::request_settled();
        }
    }

    fn same_origin(&self, window: &Window) -> bool {
        self.url.origin() == window.document().origin_url().origin()
    }

    /// Fetches the event stream (the constructor's steps 8–15, and each reconnection).
    fn connect(&self, window: &Window) {
        // Step 8: "Let request be the result of creating a potential-CORS request given
        // urlRecord, the empty string, and corsAttributeState": mode "cors", credentials
        // "include" with withCredentials and "same-origin" otherwise.
        let client_url = window.url();
        let same_origin = self.same_origin(window);
        let mut request =
            crate::net::with_referrer(net::Request::get(&self.url), &client_url, net::referrer::Policy::default());
        if same_origin || self.with_credentials {
            request = crate::net::with_cookies(request, &client_url);
        }
        let origin = window.document().origin_url().origin().ascii_serialization();
        if !same_origin {
            request.headers.push(("Origin".into(), origin.clone()));
        }
        // Step 10: "User agents may set (`Accept`, `text/event-stream`) in request's header
        // list." Step 11: "Set request's cache mode to "no-store"."
        request.headers.push(("Accept".into(), "text/event-stream".into()));
        request.headers.push(("Cache-Control".into(), "no-cache".into()));
        let last_event_id = lock(&self.stream).last_event_id.clone();
        if !last_event_id.is_empty() {
            request.headers.push(("Last-Event-ID".into(), last_event_id.clone()));
        }
        let connection = Connection {
            client: crate::net::client(),
            request,
            check_cors: if same_origin { None } else { Some((origin, self.with_credentials)) },
            stream: self.stream.clone(),
            aborted: self.aborted.clone(),
            tasks: crate::script_thread::remote_task_sender(),
            this: Arc::new(Trusted::new(self)),
        };
        let spawned = std::thread::Builder::new().name("eventsource".into()).spawn(move || connection.run());
        if let Err(e) = spawned {
            log::error!("could not start an EventSource connection: {e}");
            let this = Trusted::new(self);
            crate::script_thread::queue_task(Box::new(move |cx| {
                if let Some(source) = this.root() {
                    source.report(cx, Report::Fail);
                }
            }));
        }
    }
}

/// One fetch of the stream, on its own thread.
struct Connection {
    client: net::Client,
    request: net::Request,
    /// The client's origin and whether credentials are included, for a cross-origin stream.
    check_cors: Option<(String, bool)>,
    stream: Arc<Mutex<Stream>>,
    aborted: Arc<AtomicBool>,
    tasks: crossbeam_channel::Sender<RemoteTask>,
    this: Arc<Trusted<EventSource>>,
}

impl Connection {
    /// Queues `report` for the object; false once nobody can receive it.
    fn send(&self, report: Report) -> bool {
        if self.aborted.load(Ordering::SeqCst) {
            return false;
        }
        let this = self.this.clone();
        let task: RemoteTask = Box::new(move |cx: &mut JSContext| {
            if let Some(source) = this.root() {
                source.report(cx, report);
            }
        });
        self.tasks.send(task).is_ok()
    }

    fn run(self) {
        let mut sink = Sink { connection: &self, parser: None, origin: String::new(), failed: false };
        let result = self.client.fetch_streaming(&self.request, &mut sink);
        let failed = sink.failed;
        if failed || self.aborted.load(Ordering::SeqCst) {
            return;
        }
        match result {
            // "If res is a network error, then reestablish the connection, unless the user
            // agent knows that to be futile, in which case the user agent may fail the
            // connection": futile for a URL that is not HTTP(S).
            Err(e) if !matches!(self.request.url.scheme(), "http" | "https") => {
                log::info!("EventSource {}: {e}", self.request.url);
                self.send(Report::Fail);
            }
            // A network error, or the end of the body ("if res is not a network error, then
            // reestablish the connection"), or a body that broke off.
            result => {
                if let Err(e) = result {
                    log::info!("EventSource {}: {e}", self.request.url);
                }
                self.reestablish();
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#reestablish-the-connection>
    fn reestablish(&self) {
        // 1. Queue a task (see `Report::Reestablishing`).
        if !self.send(Report::Reestablishing) {
            return;
        }
        // 2. Wait a delay equal to the reconnection time of the event source. (In slices, so
        //    that a close() in the meantime ends the thread.)
        let delay = lock(&self.stream).reconnection_time;
        let until = std::time::Instant::now() + delay;
        while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
            if self.aborted.load(Ordering::SeqCst) || left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
        // 4.–5. The task of step 1 runs before this one (one queue); see `Report::Reconnect`.
        self.send(Report::Reconnect);
    }
}

/// Takes the fetched stream.
struct Sink<'a> {
    connection: &'a Connection,
    parser: Option<Parser>,
    /// The serialization of the origin of the stream's final URL.
    origin: String,
    failed: bool,
}

impl net::BodySink for Sink<'_> {
    /// The constructor's step 15's processResponse: "If res's status is not 200, or if res's
    /// `Content-Type` is not `text/event-stream`, then fail the connection. Otherwise, announce
    /// the connection and interpret res's body line by line." (A cross-origin stream must pass
    /// the CORS check first, or it is a network error.)
    fn response(&mut self, response: &net::Response) -> bool {
        let connection = self.connection;
        let cors_ok = connection
            .check_cors
            .as_ref()
            .is_none_or(|(origin, credentials)| net::cors::check(&response.headers, origin, *credentials));
        let essence = response
            .content_type
            .as_deref()
            .map(|t| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
            .unwrap_or_default();
        if !cors_ok || response.status != 200 || essence != "text/event-stream" {
            log::info!(
                "EventSource {}: status {}, type {essence:?}{}",
                response.url,
                response.status,
                if cors_ok { "" } else { ", the CORS check failed" }
            );
            self.failed = true;
            connection.send(Report::Fail);
            return false;
        }
        self.origin = response.url.origin().ascii_serialization();
        let cookies = response.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie")).cloned().collect();
        self.parser = Some(Parser::new(lock(&connection.stream).last_event_id.clone()));
        connection.send(Report::Announce { cookies, response_url: response.url.clone() })
    }

    /// "Event streams in this format must always be encoded as UTF-8"; each completed event is
    /// dispatched from a task.
    fn chunk(&mut self, bytes: &[u8]) -> bool {
        let Some(parser) = self.parser.as_mut() else { return false };
        let events = parser.feed(bytes);
        {
            let mut stream = lock(&self.connection.stream);
            stream.last_event_id = parser.last_event_id.clone();
            if let Some(ms) = parser.retry {
                stream.reconnection_time = Duration::from_millis(ms);
            }
        }
        for event in events {
            if !self.connection.send(Report::Dispatch(event, self.origin.clone())) {
                return false;
            }
        }
        !self.connection.aborted.load(Ordering::SeqCst)
    }
}

impl EventSourceMethods for EventSource {
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        url: USVString,
        init: &EventSourceInit,
    ) -> Fallible<DomRoot<EventSource>> {
        // 3. Let urlRecord be the result of encoding-parsing a URL given url, relative to
        //    settings. 4. If urlRecord is failure, then throw a "SyntaxError" DOMException.
        let url_record = Url::options().base_url(Some(&global.api_base_url())).parse(&url.0).map_err(|_| {
            Error::Syntax(format!(
                "Failed to construct 'EventSource': Cannot open an EventSource to '{}'. The URL is invalid.",
                url.0
            ))
        })?;
        // 5. Set ev's url to urlRecord. 7. If the value of eventSourceInitDict's
        //    withCredentials member is true, then set corsAttributeState to Use Credentials and
        //    set ev's withCredentials attribute to true.
        let aborted = Arc::new(AtomicBool::new(false));
        let source = EventSource {
            eventtarget: EventTarget::new_inherited(),
            url: url_record,
            with_credentials: init.with_credentials,
            ready_state: Cell::new(CONNECTING),
            stream: Arc::new(Mutex::new(Stream {
                last_event_id: String::new(),
                reconnection_time: DEFAULT_RECONNECTION_TIME,
            })),
            aborted: aborted.clone(),
            keeps_loop: Cell::new(true),
        };
        let source = reflect_dom_object_with_proto(cx, Box::new(source), global, proto);
        crate::script_thread::request_started();
        OPEN_SOURCES.with(|s| s.borrow_mut().push(aborted));
        // 15. Fetch request.
        source.connect(global);
        Ok(source)
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-url>:
    /// "return this's url, serialized."
    fn Url(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.url.as_str().to_owned())
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-withcredentials>
    fn WithCredentials(&self, _cx: &mut JSContext) -> bool {
        self.with_credentials
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-readystate>
    fn ReadyState(&self, _cx: &mut JSContext) -> u16 {
        self.ready_state.get()
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource-close>:
    /// "Abort any instances of the fetch algorithm started for this EventSource object, and set
    /// the readyState attribute to CLOSED."
    fn Close(&self, _cx: &mut JSContext) {
        self.closed();
    }

    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onopen>
    fn Onopen(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("open")
    }
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onopen>
    fn SetOnopen(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("open", value)
    }
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onmessage>
    fn Onmessage(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("message")
    }
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onmessage>
    fn SetOnmessage(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("message", value)
    }
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onerror>
    fn Onerror(&self, _cx: &mut JSContext) -> Option<Rc<EventHandlerNonNull>> {
        self.eventtarget.get_event_handler("error")
    }
    /// <https://html.spec.whatwg.org/multipage/server-sent-events.html#handler-eventsource-onerror>
    fn SetOnerror(&self, _cx: &mut JSContext, value: Option<Rc<EventHandlerNonNull>>) {
        self.eventtarget.set_event_handler("error", value)
    }
}
