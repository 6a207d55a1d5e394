//! The Storage Standard's API (<https://storage.spec.whatwg.org/#api>): `navigator.storage`.
//!
//! Aperture keeps what pages store in memory, per origin and per engine, on the script thread
//! (`dom/webstorage/` for `localStorage`): nothing survives the engine, so no bucket is ever
//! persistent and `persist()` is refused, as headless Chromium refuses it (the
//! "persistent-storage" permission is not granted to a page). Window only, like the storage it
//! reports on.

pub mod storagemanager;
