//! The DOM Standard (<https://dom.spec.whatwg.org/>): nodes, the tree, events, abort signals,
//! DOMException and selectors matching.

pub mod abortcontroller;
pub mod abortsignal;
pub mod attr;
pub mod characterdata;
pub mod comment;
pub mod createelement;
pub mod customevent;
pub mod document;
pub mod documentfragment;
pub mod documenttype;
pub mod domexception;
pub mod domimplementation;
pub mod domtokenlist;
pub mod element;
pub mod event;
pub mod eventtarget;
pub mod htmlcollection;
pub mod mutationobserver;
pub mod namednodemap;
pub mod namespacelookup;
pub mod node;
pub mod nodecompare;
pub mod nodeiterator;
pub mod nodelist;
pub mod parentnode;
pub mod processinginstruction;
pub mod selectormatching;
pub mod shadowroot;
pub mod text;
pub mod traversal;
pub mod treewalker;
pub mod virtualmethods;
