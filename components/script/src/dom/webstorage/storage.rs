//! `Storage` (<https://html.spec.whatwg.org/multipage/webstorage.html#the-storage-interface>).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::StorageBinding::StorageMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

/// "The user agent should limit the total amount of space allowed for storage areas": 5 MiB of
/// UTF-16 per origin, as browsers do.
const QUOTA_BYTES: usize = 5 * 1024 * 1024;

/// A storage area: keys in insertion order, as browsers enumerate them.
#[derive(Default)]
pub struct Area {
    entries: Vec<(String, String)>,
}

impl Area {
    fn size(&self) -> usize {
        self.entries.iter().map(|(k, v)| (k.encode_utf16().count() + v.encode_utf16().count()) * 2).sum()
    }
}

thread_local! {
    /// Local storage areas by origin; session storage areas by origin (one top-level browsing
    /// session per engine).
    static LOCAL: RefCell<HashMap<String, Rc<RefCell<Area>>>> = RefCell::new(HashMap::new());
    static SESSION: RefCell<HashMap<String, Rc<RefCell<Area>>>> = RefCell::new(HashMap::new());
}

#[dom_struct]
pub struct Storage {
    reflector_: Reflector,
    #[no_trace]
    area: Rc<RefCell<Area>>,
}

impl Storage {
    /// The `localStorage` (`local`) or `sessionStorage` of `window`'s origin.
    pub fn new(cx: &mut JSContext, window: &Window, local: bool) -> DomRoot<Storage> {
        let origin = crate::origin::origin_key(&window.url());
        let store = if local { &LOCAL } else { &SESSION };
        let area = store.with(|s| s.borrow_mut().entry(origin).or_default().clone());
        reflect_dom_object(cx, Box::new(Storage { reflector_: Reflector::new(), area }), window)
    }
}

impl StorageMethods for Storage {
    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.area.borrow().entries.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-key>: "If index is
    /// greater than or equal to this's map's size, then return null … return the indexth key."
    fn Key(&self, _cx: &mut JSContext, index: u32) -> Option<DOMString> {
        self.area.borrow().entries.get(index as usize).map(|(k, _)| k.clone().into())
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-getitem>
    fn GetItem(&self, _cx: &mut JSContext, key: DOMString) -> Option<DOMString> {
        let key = String::from(key);
        self.area.borrow().entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone().into())
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-setitem>: "If
    /// this's map[key] exists and is value, then return. … If storing fails (the quota), throw a
    /// QuotaExceededError."
    fn SetItem(&self, _cx: &mut JSContext, key: DOMString, value: DOMString) -> ErrorResult {
        let (key, value) = (String::from(key), String::from(value));
        let mut area = self.area.borrow_mut();
        let old = area.entries.iter().position(|(k, _)| *k == key);
        if let Some(i) = old
            && area.entries[i].1 == value
        {
            return Ok(());
        }
        let added = (key.encode_utf16().count() + value.encode_utf16().count()) * 2;
        let freed = old
            .map_or(0, |i| (area.entries[i].0.encode_utf16().count() + area.entries[i].1.encode_utf16().count()) * 2);
        if area.size() - freed + added > QUOTA_BYTES {
            return Err(Error::Quota(format!("Setting the value of '{key}' exceeded the quota.")));
        }
        match old {
            Some(i) => area.entries[i].1 = value,
            None => area.entries.push((key, value)),
        }
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-removeitem>
    fn RemoveItem(&self, _cx: &mut JSContext, key: DOMString) {
        let key = String::from(key);
        self.area.borrow_mut().entries.retain(|(k, _)| *k != key);
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#dom-storage-clear>
    fn Clear(&self, _cx: &mut JSContext) {
        self.area.borrow_mut().entries.clear();
    }

    /// <https://html.spec.whatwg.org/multipage/webstorage.html#the-storage-interface>: "The
    /// supported property names on a Storage object storage are the result of running get the
    /// keys on storage's map" (insertion order here).
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        self.area.borrow().entries.iter().map(|(k, _)| k.clone().into()).collect()
    }
}

/// The bytes `origin`'s local storage area holds (keys and values as UTF-16, as the quota counts
/// them): its part of the Storage Standard's storage usage (`navigator.storage.estimate()`).
pub fn local_storage_usage(origin: &str) -> u64 {
    LOCAL.with(|s| s.borrow().get(origin).map_or(0, |area| area.borrow().size() as u64))
}
