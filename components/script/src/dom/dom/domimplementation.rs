//! `DOMImplementation` (<https://dom.spec.whatwg.org/#interface-domimplementation>) and
//! `XMLDocument` (<https://dom.spec.whatwg.org/#xmldocument>).
//!
//! Aperture has no XML parser or serializer: an `XMLDocument` is a tree made by script (its
//! nodes, names and namespaces behave as in any XML document), but nothing loads or serializes
//! XML (no `XMLSerializer`, no `DOMParser` XML types).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::DOMImplementationBinding::DOMImplementationMethods;
use crate::dom::bindings::codegen::XMLDocumentBinding::XMLDocumentMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::createelement::create_element;
use crate::dom::dom::document::Document;
use crate::dom::dom::documenttype::DocumentType;
use crate::dom::dom::element::{HTML_NAMESPACE, SVG_NAMESPACE, validate_qualified};
use crate::dom::dom::node::Node;
use crate::dom::dom::text::Text;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct XMLDocument {
    document: Document,
}

impl XMLDocument {
    /// A new XML document with no browsing context, whose content type is `content_type`.
    pub fn new(cx: &mut JSContext, window: &Window, content_type: &'static str) -> DomRoot<XMLDocument> {
        let url = url::Url::parse("about:blank").expect("a valid URL");
        reflect_dom_object(
            cx,
            Box::new(XMLDocument { document: Document::new_inherited(window, false, url, false, content_type) }),
            window,
        )
    }
}

impl XMLDocumentMethods for XMLDocument {}

#[dom_struct]
pub struct DOMImplementation {
    reflector_: Reflector,
    /// The associated document.
    document: Dom<Document>,
}

impl DOMImplementation {
    pub fn new(cx: &mut JSContext, document: &Document) -> DomRoot<DOMImplementation> {
        let window = document.global();
        reflect_dom_object(
            cx,
            Box::new(DOMImplementation { reflector_: Reflector::new(), document: Dom::from_ref(document) }),
            &window,
        )
    }
}

impl DOMImplementationMethods for DOMImplementation {
    /// <https://dom.spec.whatwg.org/#dom-domimplementation-createdocumenttype>
    fn CreateDocumentType(
        &self,
        cx: &mut JSContext,
        name: DOMString,
        public_id: DOMString,
        system_id: DOMString,
    ) -> Fallible<DomRoot<DocumentType>> {
        // 1. "If name is not a valid doctype name, then throw an "InvalidCharacterError"
        //    DOMException." (A valid doctype name has no ASCII whitespace, U+0000 NULL or ">".)
        if name.chars().any(|c| c.is_ascii_whitespace() || c == '\0' || c == '>') {
            return Err(Error::InvalidCharacter(format!("'{name}' is not a valid doctype name.")));
        }
        // 2. "Return a new doctype, with name as its name, publicId as its public ID, and systemId
        //    as its system ID, and with its node document set to the associated document of this."
        Ok(DocumentType::new(cx, name.into(), public_id.into(), system_id.into(), &self.document))
    }

    /// <https://dom.spec.whatwg.org/#dom-domimplementation-createdocument>
    fn CreateDocument(
        &self,
        cx: &mut JSContext,
        namespace: Option<DOMString>,
        qualified_name: DOMString,
        doctype: Option<&DocumentType>,
    ) -> Fallible<DomRoot<XMLDocument>> {
        let namespace: Option<String> = namespace.map(String::from).filter(|n| !n.is_empty());
        // 7. "document's content type is determined by namespace": application/xhtml+xml for the
        //    HTML namespace, image/svg+xml for the SVG namespace, application/xml otherwise.
        let content_type = match namespace.as_deref() {
            Some(HTML_NAMESPACE) => "application/xhtml+xml",
            Some(SVG_NAMESPACE) => "image/svg+xml",
            _ => "application/xml",
        };
        // 1. "Let document be a new XMLDocument."
        let document = XMLDocument::new(cx, &self.document.window_for_objects(), content_type);
        let doc = document.upcast::<Document>();
        // 2–3. "Let element be null. If qualifiedName is not the empty string, then set element to
        //      the result of running the internal createElementNS steps, given document,
        //      namespace, qualifiedName, and an empty dictionary."
        let element = if qualified_name.is_empty() {
            None
        } else {
            let (namespace, prefix, local) = validate_qualified(namespace, &qualified_name)?;
            Some(create_element(cx, doc, &local, namespace.as_deref(), prefix))
        };
        // 4. "If doctype is non-null, append doctype to document."
        if let Some(doctype) = doctype {
            doc.upcast::<Node>().pre_insert(cx, doctype.upcast(), None)?;
        }
        // 5. "If element is non-null, append element to document."
        if let Some(element) = element {
            doc.upcast::<Node>().pre_insert(cx, element.upcast(), None)?;
        }
        // 6. "document's origin is this's associated document's origin": every document of a
        //    window shares its origin in Aperture.
        // 8. "Return document."
        Ok(document)
    }

    /// <https://dom.spec.whatwg.org/#dom-domimplementation-createhtmldocument>
    fn CreateHTMLDocument(&self, cx: &mut JSContext, title: Option<DOMString>) -> DomRoot<Document> {
        // 1–2. "Let doc be a new document that is an HTML document. Set doc's content type to
        //      "text/html"."
        let window = self.document.window_for_objects();
        let url = url::Url::parse("about:blank").expect("a valid URL");
        let doc = Document::new_inert(cx, &window, url);
        doc.mark_completely_loaded();
        let node = doc.upcast::<Node>();
        // 3. "Append a new doctype, with "html" as its name and with its node document set to
        //    doc, to doc."
        let doctype = DocumentType::new(cx, "html".into(), String::new(), String::new(), &doc);
        node.insert(cx, doctype.upcast(), None, false);
        // 4. "Append the result of creating an element given doc, "html", and the HTML
        //    namespace, to doc."
        let html = create_element(cx, &doc, "html", Some(HTML_NAMESPACE), None);
        node.insert(cx, html.upcast(), None, false);
        // 5. "Append the result of creating an element given doc, "head", and the HTML
        //    namespace, to the html element created earlier."
        let head = create_element(cx, &doc, "head", Some(HTML_NAMESPACE), None);
        html.upcast::<Node>().insert(cx, head.upcast(), None, false);
        // 6. "If title is given:"
        if let Some(title) = title {
            // 6.1. "Append the result of creating an element given doc, "title", and the HTML
            //      namespace, to the head element created earlier."
            let title_element = create_element(cx, &doc, "title", Some(HTML_NAMESPACE), None);
            head.upcast::<Node>().insert(cx, title_element.upcast(), None, false);
            // 6.2. "Append a new Text node, with its data set to title (which could be the empty
            //      string) and its node document set to doc, to the title element created earlier."
            let text = Text::new(cx, title.into(), &doc);
            title_element.upcast::<Node>().insert(cx, text.upcast(), None, false);
        }
        // 7. "Append the result of creating an element given doc, "body", and the HTML
        //    namespace, to the html element created earlier."
        let body = create_element(cx, &doc, "body", Some(HTML_NAMESPACE), None);
        html.upcast::<Node>().insert(cx, body.upcast(), None, false);
        // 8. "doc's origin is this's associated document's origin." 9. "Return doc."
        doc
    }

    /// <https://dom.spec.whatwg.org/#dom-domimplementation-hasfeature>
    fn HasFeature(&self, _cx: &mut JSContext) -> bool {
        // "The hasFeature() method steps are to return true."
        true
    }
}
