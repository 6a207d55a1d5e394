//! `DOMStringList` (<https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#the-domstringlist-interface>):
//! a fixed list of strings (the Indexed Database API's name lists).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::DOMStringListBinding::DOMStringListMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct DOMStringList {
    reflector_: Reflector,
    #[no_trace]
    strings: Vec<String>,
}

impl DOMStringList {
    pub fn new(cx: &mut JSContext, window: &Window, strings: Vec<String>) -> DomRoot<DOMStringList> {
        reflect_dom_object(cx, Box::new(DOMStringList { reflector_: Reflector::new(), strings }), window)
    }
}

impl DOMStringListMethods for DOMStringList {
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-domstringlist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.strings.len() as u32
    }

    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-domstringlist-item>:
    /// "return the indexth string in this's associated list, or null if index is out of range."
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DOMString> {
        self.strings.get(index as usize).map(|s| s.as_str().into())
    }

    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-domstringlist-contains>
    fn Contains(&self, _cx: &mut JSContext, string: DOMString) -> bool {
        let string = String::from(string);
        self.strings.contains(&string)
    }
}
