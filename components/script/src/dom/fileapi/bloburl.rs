//! Blob URLs (<https://w3c.github.io/FileAPI/#url>): the blob URL store of this script thread
//! (one per engine: every window of the engine shares it, as same-agent documents share one),
//! `URL.createObjectURL()`/`revokeObjectURL()`, and resolution for `fetch()` and `<img>`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use url::Url;

/// A blob URL entry (<https://w3c.github.io/FileAPI/#blob-url-entry>): the blob's bytes and type,
/// and the origin of the environment that created it (`origin::origin_key`).
#[derive(Clone)]
pub struct BlobUrlEntry {
    pub bytes: Rc<[u8]>,
    pub type_: String,
    pub origin: String,
}

thread_local! {
    /// <https://w3c.github.io/FileAPI/#BlobURLStore>, keyed by the URL serialized without fragment.
    static STORE: RefCell<HashMap<String, BlobUrlEntry>> = RefCell::new(HashMap::new());
}

/// <https://w3c.github.io/FileAPI/#unicodeBlobURL>: "blob:" + the origin's serialization + "/" +
/// a UUID ("null" for an opaque origin such as a file: page's).
fn generate_url(origin: &str) -> String {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_err() {
        log::warn!("no random source for a blob URL; using a counter");
        let n = STORE.with(|s| s.borrow().len() as u128 + 1);
        bytes = n.to_be_bytes();
    }
    format!("blob:{origin}/{}", crate::dom::webcrypto::crypto::uuid_v4(bytes))
}

/// <https://w3c.github.io/FileAPI/#add-an-entry>: stores `entry`, returns its new URL.
pub fn add_entry(entry: BlobUrlEntry, origin: &str) -> String {
    let url = generate_url(origin);
    STORE.with(|s| s.borrow_mut().insert(url.clone(), entry));
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
    let key = without_fragment(&parsed);
    STORE.with(|s| {
        let mut store = s.borrow_mut();
        if store.get(&key).is_some_and(|e| e.origin == origin) {
            store.remove(&key);
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
    STORE.with(|s| s.borrow().get(&without_fragment(url)).filter(|e| e.origin == origin).cloned())
}

fn without_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}
