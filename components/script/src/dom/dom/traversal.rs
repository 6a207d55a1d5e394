//! What `NodeIterator` and `TreeWalker` share (<https://dom.spec.whatwg.org/#traversal>):
//! "filter a node" over a traverser's whatToShow, filter and active flag.

use std::cell::Cell;
use std::rc::Rc;

use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::callback::ExceptionHandling;
use crate::dom::bindings::codegen::Callbacks::NodeFilter;
use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::dom::node::Node;

pub const FILTER_ACCEPT: u16 = 1;
pub const FILTER_REJECT: u16 = 2;
pub const FILTER_SKIP: u16 = 3;

/// <https://dom.spec.whatwg.org/#concept-node-filter>
pub fn filter_node(
    cx: &mut JSContext,
    node: &Node,
    what_to_show: u32,
    filter: Option<&Rc<NodeFilter>>,
    active: &Cell<bool>,
) -> Fallible<u16> {
    // 1. "If traverser's active flag is set, then throw an "InvalidStateError" DOMException."
    if active.get() {
        return Err(Error::InvalidState("The filter is already running.".into()));
    }
    // 2. "Let n be node's nodeType attribute value − 1."
    let n = node.NodeType(cx) as u32 - 1;
    // 3. "If the nth bit (where 0 is the least significant bit) of traverser's whatToShow is not
    //    set, then return FILTER_SKIP."
    if what_to_show & (1 << n) == 0 {
        return Ok(FILTER_SKIP);
    }
    // 4. "If traverser's filter is null, then return FILTER_ACCEPT."
    let Some(filter) = filter else { return Ok(FILTER_ACCEPT) };
    // 5. "Set traverser's active flag."
    active.set(true);
    // 6. "Let result be the return value of call a user object's operation with traverser's
    //    filter, "acceptNode", and « node ». If this throws an exception, then unset traverser's
    //    active flag and rethrow the exception."
    rooted!(&in(cx) let this = UndefinedValue());
    let result = filter.AcceptNode(cx, this.handle(), node, ExceptionHandling::Rethrow);
    // 7. "Unset traverser's active flag."
    active.set(false);
    // 8. "Return result."
    result
}
