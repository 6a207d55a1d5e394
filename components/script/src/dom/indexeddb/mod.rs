//! Indexed Database API 3.0 (<https://w3c.github.io/IndexedDB/>), begun: so far only the
//! DOM-free parts — keys and their order, key ranges, key paths and key generators (`key`) and
//! the in-memory record store with its undo log (`store`). No interface is exposed to pages yet
//! (`indexedDB` is still undefined); see the module docs for what each part covers.
//!
//! Where it will live: in memory on the script thread, per engine and per origin, as Web
//! Storage does; nothing on disk (a headless host has no profile).

pub mod key;
pub mod store;
