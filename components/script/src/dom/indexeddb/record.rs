//! `IDBRecord` (<https://w3c.github.io/IndexedDB/#record-interface>): what getAllRecords()
//! returns, one per record.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::MutableHandleValue;

use super::convert::{Value, deserialize, key_to_value};
use super::key::Key;
use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::IDBRecordBinding::IDBRecordMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct IDBRecord {
    reflector_: Reflector,
    key: Box<Heap<JSVal>>,
    primary_key: Box<Heap<JSVal>>,
    value: Box<Heap<JSVal>>,
}

impl IDBRecord {
    /// A record's key, primary key and a clone of its value, converted in `window`'s realm.
    pub fn new(cx: &mut JSContext, window: &Window, key: &Key, primary_key: &Key, value: &Value) -> DomRoot<IDBRecord> {
        let record = reflect_dom_object(
            cx,
            Box::new(IDBRecord {
                reflector_: Reflector::new(),
                key: Box::new(Heap::default()),
                primary_key: Box::new(Heap::default()),
                value: Box::new(Heap::default()),
            }),
            window,
        );
        rooted!(&in(cx) let mut v = UndefinedValue());
        key_to_value(cx, key, v.handle_mut());
        record.key.set(v.get());
        key_to_value(cx, primary_key, v.handle_mut());
        record.primary_key.set(v.get());
        deserialize(cx, value, v.handle_mut());
        record.value.set(v.get());
        record
    }
}

impl IDBRecordMethods for IDBRecord {
    /// <https://w3c.github.io/IndexedDB/#dom-idbrecord-key>
    fn Key(&self, _cx: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(self.key.get());
        mozjs::rust::maybe_wrap_value(_cx, rval);
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrecord-primarykey>
    fn PrimaryKey(&self, _cx: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(self.primary_key.get());
        mozjs::rust::maybe_wrap_value(_cx, rval);
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbrecord-value>
    fn Value(&self, _cx: &mut JSContext, mut rval: MutableHandleValue) {
        rval.set(self.value.get());
        mozjs::rust::maybe_wrap_value(_cx, rval);
    }
}
