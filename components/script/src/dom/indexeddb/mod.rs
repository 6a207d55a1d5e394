//! Indexed Database API 3.0 (<https://w3c.github.io/IndexedDB/>): `indexedDB`, databases,
//! object stores, indexes, key ranges, cursors and transactions.
//!
//! The DOM-free parts are plain data and unit-tested: keys and their order, key ranges, key
//! paths and key generators (`key`), the record store (`store`). `convert` is where JavaScript
//! values become keys and clones. `backend` holds the databases and runs them; the interfaces
//! are one file each.
//!
//! Where it lives: in memory on the script thread, per engine and per origin, as Web Storage
//! does; nothing on disk (a headless host has no profile). Windows only: a dedicated worker
//! runs on its own thread and does not see the window's databases.

pub mod backend;
pub mod convert;
pub mod cursor;
pub mod database;
pub mod factory;
pub mod index;
pub mod key;
pub mod keyrange;
pub mod objectstore;
pub mod record;
pub mod request;
pub mod store;
pub mod transaction;
pub mod versionchangeevent;

pub use backend::cleanup_transactions;
