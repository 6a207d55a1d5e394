//! Blob URLs (<https://w3c.github.io/FileAPI/#url>): the blob URL store of an engine (every
//! window of the engine and every worker they start share it; the script thread makes it and
//! hands it to its workers' threads), `URL.createObjectURL()`/`revokeObjectURL()`, and
//! resolution for `fetch()`, XHR, `<img>`, `<video>`, scripts, `import` and workers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use url::Url;

/// A blob URL entry (<https://w3c.github.io/FileAPI/#blob-url-entry>): the blob's bytes and type,
/// and the origin of the environment that created it (`origin::origin_key`).
#[derive(Clone)]
pub struct BlobUrlEntry {
    pub bytes: std::sync::Arc<[u8]>,
    pub type_: String,
    pub origin: String,
}

/// <https://w3c.github.io/FileAPI/#BlobURLStore>, keyed by the URL serialized without fragment:
/// one per engine, shared by its script thread and its workers' threads.
#[derive(Clone, Default)]
pub struct BlobUrlStore(Arc<Mutex<HashMap<String, BlobUrlEntry>>>);

thread_local! {
    /// The store of the engine this thread belongs to (made on first use on a script thread,
    /// installed from the owner on a worker's thread).
    static STORE: RefCell<Option<BlobUrlStore>> = const { RefCell::new(None) };
}

/// The store of this thread's engine, to give to a worker's thread.
pub fn store() -> BlobUrlStore {
    STORE.with(|s| s.borrow_mut().get_or_insert_with(BlobUrlStore::default).clone())
}

/// Makes `store` (the owner's) this thread's store: a worker resolves and creates its page's
/// blob URLs.
pub fn install_store(store: BlobUrlStore) {
    STORE.with(|s| *s.borrow_mut() = Some(store));
}

/// Runs `f` on the entries of this thread's store (a poisoned lock still holds valid entries).
fn with_entries<R>(f: impl FnOnce(&mut HashMap<String, BlobUrlEntry>) -> R) -> R {
    let store = store();
    let mut entries = store.0.lock().unwrap_or_else(PoisonError::into_inner);
    f(&mut entries)
}

/// <https://w3c.github.io/FileAPI/#unicodeBlobURL>: "blob:" + the origin's serialization + "/" +
/// a UUID ("null" for an opaque origin such as a file: page's).
fn generate_url(origin: &str) -> String {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_err() {
        log::warn!("no random source for a blob URL; using a counter");
        let n = with_entries(|entries| entries.len() as u128 + 1);
        bytes = n.to_be_bytes();
    }
    format!("blob:{origin}/{}", crate::dom::webcrypto::crypto::uuid_v4(bytes))
}

/// <https://w3c.github.io/FileAPI/#add-an-entry>: stores `entry`, returns its new URL.
pub fn add_entry(entry: BlobUrlEntry, origin: &str) -> String {
    let url = generate_url(origin);
    with_entries(|entries| entries.insert(url.clone(), entry));
    url
}

/// <https://w3c.github.io/FileAPI/#dfn-revokeObjectURL>: removes the entry `url` names when the
/// revoking environment's origin (`origin::origin_key`) is the one that created it
/// (<https://w3c.github.io/FileAPI/#removeTheEntry>); another origin's entry stays.
pub fn remove_entry(url: &str, origin: &str) {
    let Ok(parsed) = Url::parse(url) else { return };
    if parsed.scheme() != "blob" {
        return;
    }
    // "Remove an entry from the Blob URL Store for url": "Let url string be the result of
    // serializing url. Remove store[url string]." The serialization keeps a fragment, so only
    // the exact URL revokes (`blob:…#x` does not revoke `blob:…`), while resolving ignores it.
    let key = parsed.to_string();
    with_entries(|entries| {
        if entries.get(&key).is_some_and(|e| e.origin == origin) {
            entries.remove(&key);
        }
    });
}

/// <https://w3c.github.io/FileAPI/#blob-url-resolve>: the entry a `blob:` URL names, if any and
/// if `origin` (the requesting environment's `origin::origin_key`) created it: a blob URL is
/// usable only by its own origin (FileAPI's same-partition check, as in Chromium and Gecko), so
/// another origin's fetch, XHR, `<img>` or `<video>` gets a network error.
pub fn resolve(url: &Url, origin: &str) -> Option<BlobUrlEntry> {
    if url.scheme() != "blob" {
        return None;
    }
    with_entries(|entries| entries.get(&without_fragment(url)).filter(|e| e.origin == origin).cloned())
}

fn without_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}
