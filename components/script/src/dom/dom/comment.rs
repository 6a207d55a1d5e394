//! `Comment` (<https://dom.spec.whatwg.org/#interface-comment>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::CommentBinding::CommentMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::NodeKind;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct Comment {
    characterdata: CharacterData,
}

impl Comment {
    pub fn new(cx: &mut JSContext, data: String, document: &Document) -> DomRoot<Comment> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(Comment { characterdata: CharacterData::new_inherited(NodeKind::Comment, data, document) }),
            &window,
        )
    }
}

impl CommentMethods for Comment {
    /// <https://dom.spec.whatwg.org/#dom-comment-comment>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        data: DOMString,
    ) -> Fallible<DomRoot<Comment>> {
        let document = global.document();
        let comment =
            Comment { characterdata: CharacterData::new_inherited(NodeKind::Comment, data.into(), &document) };
        Ok(reflect_dom_object_with_proto(cx, Box::new(comment), global, proto))
    }
}
