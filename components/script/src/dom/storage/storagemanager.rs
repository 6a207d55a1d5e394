//! `StorageManager` (<https://storage.spec.whatwg.org/#storagemanager>).

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::StorageEstimate;
use crate::dom::bindings::codegen::StorageManagerBinding::StorageManagerMethods;
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// The storage quota (<https://storage.spec.whatwg.org/#storage-quota>) of every origin: the
/// figure headless Chromium reports for a page of a new profile (10 GiB). Aperture's storage is
/// in memory and its own limits are smaller (5 MiB of `localStorage`), so a page that checks
/// `usage < quota` before writing takes the path it takes in Chromium.
pub const QUOTA_BYTES: u64 = 10 * 1024 * 1024 * 1024;

#[dom_struct]
pub struct StorageManager {
    reflector_: Reflector,
}

impl StorageManager {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<StorageManager> {
        reflect_dom_object(cx, Box::new(StorageManager { reflector_: Reflector::new() }), window)
    }

    /// <https://storage.spec.whatwg.org/#obtain-a-storage-key>: the origin key of this object's
    /// relevant settings object, or `None` (failure) for an opaque origin. `file:` pages are one
    /// origin in Aperture (`crate::origin`), as their storage is.
    fn storage_key(&self) -> Option<String> {
        let key = crate::origin::origin_key(&self.global().document().origin_url());
        (key != "null").then_some(key)
    }

    /// `persisted()` and `persist()`: the default bucket's mode is never "persistent" here.
    fn persisted_promise(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. Let promise be a new promise.
        let promise = Promise::new(cx, &window);
        // 2. Let shelf be the result of running obtain a local storage shelf with this's
        //    relevant settings object.
        // 3. If shelf is failure, then reject promise with a TypeError.
        if self.storage_key().is_none() {
            promise.reject_error(cx, Error::Type("Storage is not available in this context.".into()));
            return promise;
        }
        // 4. Otherwise, run these steps in parallel: let persisted be true if shelf's bucket
        //    map["default"]'s mode is "persistent", otherwise false (always "best-effort"
        //    here); queue a storage task with this's relevant global object to resolve promise
        //    with persisted.
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &false)));
        // 5. Return promise.
        promise
    }
}

impl StorageManagerMethods for StorageManager {
    /// <https://storage.spec.whatwg.org/#dom-storagemanager-persisted>
    fn Persisted(&self, cx: &mut JSContext) -> Rc<Promise> {
        self.persisted_promise(cx)
    }

    /// <https://storage.spec.whatwg.org/#dom-storagemanager-persist>
    fn Persist(&self, cx: &mut JSContext) -> Rc<Promise> {
        // 4.1. "Let permission be the result of requesting permission to use
        //      "persistent-storage"": denied, as headless Chromium answers (nothing Aperture
        //      stores outlives the engine, so it cannot be made persistent).
        // 4.4. "If persisted is false and permission is "granted", then set bucket's mode to
        //      "persistent"": not reached; persisted stays false.
        self.persisted_promise(cx)
    }

    /// <https://storage.spec.whatwg.org/#dom-storagemanager-estimate>
    fn Estimate(&self, cx: &mut JSContext) -> Rc<Promise> {
        let window = self.global();
        // 1. Let promise be a new promise.
        let promise = Promise::new(cx, &window);
        // 2. Let storageKey be the result of running obtain a storage key given this's relevant
        //    settings object.
        // 3. If storageKey is failure, then reject promise with a TypeError.
        let Some(key) = self.storage_key() else {
            promise.reject_error(cx, Error::Type("Storage is not available in this context.".into()));
            return promise;
        };
        // 4. Otherwise, run these steps in parallel:
        // 4.1. Let usage be storage usage for storageKey: the bytes of the origin's local
        //      storage area (the only storage endpoint Aperture keeps per origin so far).
        let usage = crate::dom::webstorage::storage::local_storage_usage(&key);
        // 4.2. Let quota be storage quota for storageKey.
        // 4.3. Let dictionary be a new StorageEstimate dictionary whose usage member is usage
        //      and quota member is quota.
        let dictionary = StorageEstimate { usage: Some(usage), quota: Some(QUOTA_BYTES) };
        // 4.5. Queue a storage task with this's relevant global object to resolve promise with
        //      dictionary.
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| p.resolve_native(cx, &dictionary)));
        // 5. Return promise.
        promise
    }
}
