//! `URLSearchParams` (<https://url.spec.whatwg.org/#interface-urlsearchparams>): an ordered list
//! of name-value pairs, parsed and serialized as `application/x-www-form-urlencoded`
//! (`form_urlencoded`), kept in step with its `URL` object's query.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::URLSearchParamsBinding::URLSearchParamsMethods;
use crate::dom::bindings::codegen::Unions::USVStringSequenceSequenceOrUSVStringRecordOrUSVString as Init;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::html::window::Window;
use crate::dom::url::url::URL;

#[dom_struct]
pub struct URLSearchParams {
    reflector_: Reflector,
    /// <https://url.spec.whatwg.org/#concept-urlsearchparams-list>
    #[no_trace]
    list: RefCell<Vec<(String, String)>>,
    /// <https://url.spec.whatwg.org/#concept-urlsearchparams-url-object>
    url_object: MutNullableDom<URL>,
}

/// <https://url.spec.whatwg.org/#concept-urlencoded-parser>
fn parse(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).map(|(n, v)| (n.into_owned(), v.into_owned())).collect()
}

/// <https://url.spec.whatwg.org/#concept-urlencoded-serializer>
fn serialize(list: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(list.iter()).finish()
}

impl URLSearchParams {
    fn new_inherited(list: Vec<(String, String)>) -> URLSearchParams {
        URLSearchParams { reflector_: Reflector::new(), list: RefCell::new(list), url_object: Default::default() }
    }

    /// A query object for a URL: the list parsed from `query`.
    pub fn from_query(cx: &mut JSContext, global: &Window, query: &str) -> DomRoot<URLSearchParams> {
        reflect_dom_object(cx, Box::new(URLSearchParams::new_inherited(parse(query))), global)
    }

    pub fn set_url_object(&self, url: &URL) {
        self.url_object.set(Some(url));
    }

    /// Replaces the list with `query` parsed (the URL's href or search changed).
    pub fn set_list_from_query(&self, query: &str) {
        *self.list.borrow_mut() = parse(query);
    }

    /// <https://url.spec.whatwg.org/#concept-urlsearchparams-update>
    fn update(&self) {
        // 1. "If query's URL object is null, then return."
        let Some(url) = self.url_object.get() else { return };
        // 2. "Let serializedQuery be the serialization of query's list."
        // 3. "If serializedQuery is the empty string, then set serializedQuery to null."
        let serialized = serialize(&self.list.borrow());
        // 4. "Set query's URL object's URL's query to serializedQuery."
        url.set_query(if serialized.is_empty() { None } else { Some(&serialized) });
    }
}

impl URLSearchParamsMethods for URLSearchParams {
    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-urlsearchparams>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        init: Init,
    ) -> Fallible<DomRoot<URLSearchParams>> {
        let list = match init {
            // "If init is a sequence, then for each innerSequence of init: if innerSequence's
            // size is not 2, then throw a TypeError; append (innerSequence[0], innerSequence[1])."
            Init::USVStringSequenceSequence(pairs) => {
                let mut list = Vec::with_capacity(pairs.len());
                for pair in pairs {
                    let [name, value]: [USVString; 2] = pair.try_into().map_err(|_| {
                        Error::Type(
                            "Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence of pairs."
                                .into(),
                        )
                    })?;
                    list.push((name.0, value.0));
                }
                list
            }
            // "Otherwise, if init is a record, then for each name → value of init, append (name, value)."
            Init::USVStringRecord(record) => record.0.into_iter().map(|(name, value)| (name.0, value.0)).collect(),
            // "Otherwise: … if init starts with U+003F (?), remove the first code point; set
            // query's list to the result of parsing init."
            Init::USVString(s) => parse(s.0.strip_prefix('?').unwrap_or(&s.0)),
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(URLSearchParams::new_inherited(list)), global, proto))
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-size>
    fn Size(&self, _cx: &mut JSContext) -> u32 {
        self.list.borrow().len() as u32
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-append>: "Append (name, value) to
    /// this's list. Update this."
    fn Append(&self, _cx: &mut JSContext, name: USVString, value: USVString) {
        self.list.borrow_mut().push((name.0, value.0));
        self.update();
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-delete>: "If value is given, remove all
    /// tuples whose name is name and value is value; otherwise, remove all tuples whose name is
    /// name. Update this."
    fn Delete(&self, _cx: &mut JSContext, name: USVString, value: Option<USVString>) {
        self.list.borrow_mut().retain(|(n, v)| !(*n == name.0 && value.as_ref().is_none_or(|value| *v == value.0)));
        self.update();
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-get>: the value of the first tuple whose
    /// name is name, if there is such a tuple; otherwise null.
    fn Get(&self, _cx: &mut JSContext, name: USVString) -> Option<USVString> {
        self.list.borrow().iter().find(|(n, _)| *n == name.0).map(|(_, v)| USVString(v.clone()))
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-getall>
    fn GetAll(&self, _cx: &mut JSContext, name: USVString) -> Vec<USVString> {
        self.list.borrow().iter().filter(|(n, _)| *n == name.0).map(|(_, v)| USVString(v.clone())).collect()
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-has>
    fn Has(&self, _cx: &mut JSContext, name: USVString, value: Option<USVString>) -> bool {
        self.list.borrow().iter().any(|(n, v)| *n == name.0 && value.as_ref().is_none_or(|value| *v == value.0))
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-set>: "If this's list contains any
    /// tuples whose name is name, then set the value of the first such tuple to value and remove
    /// the others. Otherwise, append (name, value). Update this."
    fn Set(&self, _cx: &mut JSContext, name: USVString, value: USVString) {
        {
            let mut list = self.list.borrow_mut();
            match list.iter().position(|(n, _)| *n == name.0) {
                Some(first) => {
                    list[first].1 = value.0;
                    let mut i = 0;
                    list.retain(|(n, _)| {
                        let keep = i <= first || *n != name.0;
                        i += 1;
                        keep
                    });
                }
                None => list.push((name.0, value.0)),
            }
        }
        self.update();
    }

    /// <https://url.spec.whatwg.org/#dom-urlsearchparams-sort>: "Sort all tuples in this's list,
    /// if any, by their names. Sorting must be done by comparison of code units. The relative
    /// order between tuples with equal names must be preserved. Update this."
    fn Sort(&self, _cx: &mut JSContext) {
        self.list.borrow_mut().sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
        self.update();
    }

    /// <https://url.spec.whatwg.org/#urlsearchparams-stringification-behavior>
    fn Stringifier(&self, _cx: &mut JSContext) -> DOMString {
        self.serialized().into()
    }

    /// <https://url.spec.whatwg.org/#interface-urlsearchparams>: "The value pairs to iterate over
    /// are this's list's name-value pairs".
    fn PairIterable(&self, _cx: &mut JSContext) -> Vec<(USVString, USVString)> {
        self.list.borrow().iter().map(|(n, v)| (USVString(n.clone()), USVString(v.clone()))).collect()
    }
}

impl URLSearchParams {
    /// The list, application/x-www-form-urlencoded serialized (a request body).
    pub fn serialized(&self) -> String {
        serialize(&self.list.borrow())
    }
}
