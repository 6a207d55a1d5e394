//! The WebSockets Standard (<https://websockets.spec.whatwg.org/>): `WebSocket`, on the
//! connections of `net::websocket`. `CloseEvent` is one of the plain-data events of
//! `dom/events/`.

pub mod websocket;
