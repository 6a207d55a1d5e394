//! `DOMParser` (<https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#domparser>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::reflect_dom_object_with_proto;
use crate::dom::bindings::codegen::DOMParserBinding::DOMParserMethods;
use crate::dom::bindings::codegen::Enums::DOMParserSupportedType;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct DOMParser {
    reflector_: Reflector,
}

impl DOMParserMethods for DOMParser {
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-domparser-constructor>
    fn Constructor(cx: &mut JSContext, global: &Window, proto: Option<HandleObject>) -> Fallible<DomRoot<DOMParser>> {
        Ok(reflect_dom_object_with_proto(cx, Box::new(DOMParser { reflector_: Reflector::new() }), global, proto))
    }

    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-domparser-parsefromstring>
    fn ParseFromString(
        &self,
        cx: &mut JSContext,
        string: DOMString,
        type_: DOMParserSupportedType,
    ) -> Fallible<DomRoot<Document>> {
        let window = crate::dom::globalscope::DomGlobal::global(self);
        let url = window.document().url();
        if type_ != DOMParserSupportedType::TextHtml {
            // "Otherwise: let document be a new XMLDocument whose content type is type and
            // URL is the relevant global object's associated Document's URL; parse
            // compliantString with the XML parser; if that resulted in a well-formedness
            // error, document's only child is a parsererror element."
            let content_type = match type_ {
                DOMParserSupportedType::TextXml => "text/xml",
                DOMParserSupportedType::ApplicationXhtmlXml => "application/xhtml+xml",
                DOMParserSupportedType::ImageSvgXml => "image/svg+xml",
                _ => "application/xml",
            };
            let document = Document::new_inert_xml(cx, &window, url, content_type);
            crate::dom::domparsing::xmlparser::parse_xml_document(cx, &document, &string);
            return Ok(document);
        }
        // 1–3. "Let document be a new Document, whose content type is type and URL is this's
        //    relevant global object's associated Document's URL" (an HTML document without a
        //    browsing context: its scripts never run).
        let document = Document::new_inert(cx, &window, url);
        // 4. "Parse HTML from a string given document and compliantString."
        crate::dom::html::parser::parse_inert_document(cx, &document, &string);
        Ok(document)
    }
}
