//! Cross-document messaging and channel messaging
//! (<https://html.spec.whatwg.org/multipage/web-messaging.html>): `MessageEvent`,
//! `MessageChannel`, `MessagePort`, `BroadcastChannel` and `window.postMessage()`.
//!
//! Every window of an engine lives on the script thread, so between windows (and between the
//! two ports of a pair that never left its thread) a message is serialized and deserialized
//! (into the receiver's realm) when it is posted, and delivered by a task; a transferred
//! `ArrayBuffer` is detached from the sender. A port transferred to or from a worker switches
//! its pair to the cross-thread form of `portchannel.rs`.

pub mod broadcastchannel;
pub mod messageevent;
pub mod messageport;
pub mod portchannel;
