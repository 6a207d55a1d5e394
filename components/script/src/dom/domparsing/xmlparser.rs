//! XML documents from text with xml5ever (`DOMParser` with an XML type,
//! `XMLHttpRequest.responseXML`), building nodes through the HTML parser's
//! sink (`dom/html/parser.rs`).
//!
//! <https://html.spec.whatwg.org/multipage/xhtml.html#parsing-xhtml-documents>: a
//! document that is not namespace-well-formed XML becomes a document whose root is a
//! `parsererror` element. Processing instructions become `ProcessingInstruction` nodes (the XML
//! declaration is none). Deviation: CDATA sections become `Text`, as xml5ever passes their
//! characters as text.
//!
//! xml5ever's tree builder consumes namespace declarations (`xmlns`, `xmlns:p`) instead of
//! passing them on as attributes; a token sink in front of it ([`KeepNamespaceDeclarations`])
//! keeps a copy of each start tag's declarations, and the sink puts them back on the element
//! as attributes in the XMLNS namespace, where the DOM has them.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute as HtmlAttribute, Namespace, QualName};
use mozjs::context::JSContext;
use xml5ever::TokenizerResult;
use xml5ever::buffer_queue::BufferQueue;
use xml5ever::tokenizer::{ProcessResult, TagKind, Token, TokenSink, XmlTokenizer};
use xml5ever::tree_builder::XmlTreeBuilder;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::same_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::createelement::create_element;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::Node;
use crate::dom::dom::text::Text;
use crate::dom::html::parser::{OwnedElemName, Sink};

/// The namespace of the element that reports a parse error.
const PARSERERROR_NS: &str = "http://www.mozilla.org/newlayout/xml/parsererror.xml";

/// The HTML sink, plus what XML needs: errors are remembered (any makes the document
/// not well-formed) and the XML declaration is left out of the tree.
struct XmlSink {
    inner: Sink,
    /// The namespace declarations of the start tag being built.
    declarations: Rc<RefCell<Vec<HtmlAttribute>>>,
    error: RefCell<Option<String>>,
    dropped: RefCell<Vec<DomRoot<Node>>>,
    root_seen: Cell<bool>,
}

impl XmlSink {
    fn is_dropped(&self, node: &NodeOrText<DomRoot<Node>>) -> bool {
        matches!(node, NodeOrText::AppendNode(n) if self.dropped.borrow().iter().any(|d| same_object(&**d, &**n)))
    }
}

impl TreeSink for XmlSink {
    type Handle = DomRoot<Node>;
    type Output = ();
    type ElemName<'a> = OwnedElemName;

    fn finish(self) {}

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.error.borrow_mut().get_or_insert_with(|| msg.into_owned());
    }

    fn get_document(&self) -> DomRoot<Node> {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a DomRoot<Node>) -> OwnedElemName {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<HtmlAttribute>, flags: ElementFlags) -> DomRoot<Node> {
        let mut all: Vec<HtmlAttribute> = std::mem::take(&mut *self.declarations.borrow_mut())
            .into_iter()
            .map(|mut a| {
                a.name.ns = Namespace::from(XMLNS_NS);
                a
            })
            .collect();
        all.extend(attrs);
        self.inner.create_element(name, all, flags)
    }

    fn create_comment(&self, text: StrTendril) -> DomRoot<Node> {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> DomRoot<Node> {
        // The XML declaration (`<?xml version="1.0"?>`) comes as a processing instruction
        // whose target is "xml"; it is not a node of the document.
        if target.eq_ignore_ascii_case("xml") {
            let node = self.inner.create_pi(target, data);
            self.dropped.borrow_mut().push(node.clone());
            return node;
        }
        self.inner.create_processing_instruction(&target, &data)
    }

    fn append(&self, parent: &DomRoot<Node>, child: NodeOrText<DomRoot<Node>>) {
        if self.is_dropped(&child) {
            return;
        }
        // Well-formedness the tree builder lets through: one document element, and no
        // text outside it.
        if parent.downcast::<Document>().is_some() {
            match &child {
                NodeOrText::AppendText(t) if !t.trim().is_empty() => self.parse_error("text outside the root".into()),
                NodeOrText::AppendText(_) => return,
                NodeOrText::AppendNode(n) if n.downcast::<crate::dom::dom::element::Element>().is_some() => {
                    if self.root_seen.replace(true) {
                        self.parse_error("a second root element".into());
                    }
                }
                NodeOrText::AppendNode(_) => {}
            }
        }
        self.inner.append(parent, child)
    }

    fn append_based_on_parent_node(
        &self,
        element: &DomRoot<Node>,
        prev_element: &DomRoot<Node>,
        child: NodeOrText<DomRoot<Node>>,
    ) {
        if !self.is_dropped(&child) {
            self.inner.append_based_on_parent_node(element, prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id)
    }

    fn get_template_contents(&self, target: &DomRoot<Node>) -> DomRoot<Node> {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &DomRoot<Node>, y: &DomRoot<Node>) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &DomRoot<Node>, new_node: NodeOrText<DomRoot<Node>>) {
        if !self.is_dropped(&new_node) {
            self.inner.append_before_sibling(sibling, new_node)
        }
    }

    fn add_attrs_if_missing(&self, target: &DomRoot<Node>, attrs: Vec<HtmlAttribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn remove_from_parent(&self, target: &DomRoot<Node>) {
        self.inner.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &DomRoot<Node>, new_parent: &DomRoot<Node>) {
        self.inner.reparent_children(node, new_parent)
    }
}

const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Passes tokens to xml5ever's tree builder, keeping a copy of each start tag's namespace
/// declarations for the sink first.
struct KeepNamespaceDeclarations {
    builder: XmlTreeBuilder<DomRoot<Node>, XmlSink>,
    declarations: Rc<RefCell<Vec<HtmlAttribute>>>,
}

impl TokenSink for KeepNamespaceDeclarations {
    type Handle = DomRoot<Node>;

    fn process_token(&self, token: Token) -> ProcessResult<DomRoot<Node>> {
        if let Token::Tag(tag) = &token
            && matches!(tag.kind, TagKind::StartTag | TagKind::EmptyTag)
        {
            *self.declarations.borrow_mut() = tag
                .attrs
                .iter()
                .filter(|a| {
                    a.name.prefix.as_deref() == Some("xmlns") || (a.name.prefix.is_none() && &*a.name.local == "xmlns")
                })
                .cloned()
                .collect();
        }
        self.builder.process_token(token)
    }

    fn end(&self) {
        self.builder.end()
    }
}

/// Parses `text` as XML into the empty, non-HTML `document`. A document that is not
/// well-formed is emptied and gets a `parsererror` root describing the error
/// (<https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-domparser-parsefromstring>,
/// step "If the previous step resulted in an XML well-formedness or XML namespace
/// well-formedness error"). Returns whether the text was well-formed.
pub fn parse_xml_document(cx: &mut JSContext, document: &Document, text: &str) -> bool {
    let declarations = Rc::new(RefCell::new(Vec::new()));
    let sink = XmlSink {
        inner: Sink::inert(cx, document),
        declarations: declarations.clone(),
        error: RefCell::new(None),
        dropped: RefCell::new(Vec::new()),
        root_seen: Cell::new(false),
    };
    let builder = XmlTreeBuilder::new(sink, Default::default());
    let tokenizer = XmlTokenizer::new(KeepNamespaceDeclarations { builder, declarations }, Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // No script runs in these documents: a Script result only pauses the tokenizer.
    while let TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    let sink = &tokenizer.sink.builder.sink;
    let sink_error =
        sink.error.borrow().clone().or_else(|| (!sink.root_seen.get()).then(|| "no root element".to_owned()));
    let Some(message) = sink_error else {
        return true;
    };
    // "Assert: document has no child nodes" (the partial tree is discarded), then a
    // parsererror root, "optionally" describing the error.
    let node = document.upcast::<Node>();
    for child in node.children() {
        node.remove(cx, &child, true);
    }
    let root = create_element(cx, document, "parsererror", Some(PARSERERROR_NS), None);
    let description = Text::new(cx, format!("XML parsing error: {message}"), document);
    root.upcast::<Node>().insert(cx, description.upcast(), None, true);
    node.insert(cx, root.upcast(), None, true);
    false
}
