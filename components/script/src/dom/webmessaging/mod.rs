//! Cross-document messaging and channel messaging
//! (<https://html.spec.whatwg.org/multipage/web-messaging.html>): `MessageEvent`,
//! `MessageChannel`, `MessagePort` and `window.postMessage()`.
//!
//! Every window of an engine lives on the script thread, so a message is serialized and
//! deserialized (into the receiver's realm) when it is posted, and delivered by a task; a
//! transferred `MessagePort` keeps its identity (the receiving side gets the same object,
//! still entangled), and a transferred `ArrayBuffer` is detached from the sender.

pub mod messageevent;
pub mod messageport;
