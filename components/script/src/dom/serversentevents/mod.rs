//! Server-sent events (<https://html.spec.whatwg.org/multipage/server-sent-events.html>):
//! `EventSource`, on the streaming fetch of `net::Client::fetch_streaming` and the event stream
//! parser of `net::eventsource`.

pub mod eventsource;
