//! Creating elements by name (<https://dom.spec.whatwg.org/#concept-create-element>).

use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::htmliframeelement::HTMLIFrameElement;
use crate::dom::html::htmlscriptelement::HTMLScriptElement;
use crate::dom::html::simpleelements::*;

/// Known HTML elements whose interface is HTMLElement itself, or which have no
/// dedicated interface in Aperture yet (they are created as HTMLElement).
fn is_known_html_element(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "address"
            | "area"
            | "article"
            | "aside"
            | "audio"
            | "b"
            | "base"
            | "bdi"
            | "bdo"
            | "blockquote"
            | "br"
            | "caption"
            | "cite"
            | "code"
            | "col"
            | "colgroup"
            | "data"
            | "datalist"
            | "dd"
            | "del"
            | "details"
            | "dfn"
            | "dialog"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "i"
            | "img"
            | "input"
            | "ins"
            | "kbd"
            | "label"
            | "legend"
            | "li"
            | "link"
            | "main"
            | "map"
            | "mark"
            | "menu"
            | "meter"
            | "nav"
            | "noscript"
            | "object"
            | "ol"
            | "optgroup"
            | "option"
            | "output"
            | "picture"
            | "progress"
            | "q"
            | "rp"
            | "rt"
            | "ruby"
            | "s"
            | "samp"
            | "search"
            | "section"
            | "select"
            | "slot"
            | "small"
            | "source"
            | "strong"
            | "sub"
            | "summary"
            | "sup"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "time"
            | "tr"
            | "track"
            | "u"
            | "ul"
            | "var"
            | "wbr"
            | "center"
            | "nobr"
            | "font"
    )
}

/// Creates an element of `namespace` named `local_name` with the interface
/// the name calls for.
pub fn create_element(
    cx: &mut JSContext,
    document: &Document,
    local_name: &str,
    namespace: Option<&str>,
    prefix: Option<String>,
) -> DomRoot<Element> {
    use crate::dom::bindings::root::DomRoot as R;
    if namespace == Some(HTML_NAMESPACE) && prefix.is_none() {
        macro_rules! make {
            ($t:ty) => {
                R::upcast::<Element>(<$t>::new(cx, local_name, document))
            };
        }
        return match local_name {
            "html" => make!(HTMLHtmlElement),
            "head" => make!(HTMLHeadElement),
            "body" => make!(HTMLBodyElement),
            "title" => make!(HTMLTitleElement),
            "meta" => make!(HTMLMetaElement),
            "div" => make!(HTMLDivElement),
            "span" => make!(HTMLSpanElement),
            "p" => make!(HTMLParagraphElement),
            "pre" | "listing" | "xmp" => make!(HTMLPreElement),
            "style" => make!(HTMLStyleElement),
            "button" => make!(HTMLButtonElement),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => make!(HTMLHeadingElement),
            "ul" => make!(HTMLUListElement),
            "ol" => make!(HTMLOListElement),
            "li" => make!(HTMLLIElement),
            "br" => make!(HTMLBRElement),
            "hr" => make!(HTMLHRElement),
            "link" => make!(HTMLLinkElement),
            "a" => make!(crate::dom::html::htmlanchorelement::HTMLAnchorElement),
            "img" => make!(crate::dom::html::htmlimageelement::HTMLImageElement),
            "form" => make!(crate::dom::html::forms::htmlformelement::HTMLFormElement),
            "input" => make!(crate::dom::html::forms::htmlinputelement::HTMLInputElement),
            "textarea" => make!(crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement),
            "select" => make!(crate::dom::html::forms::htmlselectelement::HTMLSelectElement),
            "option" => make!(crate::dom::html::forms::htmloptionelement::HTMLOptionElement),
            "optgroup" => make!(crate::dom::html::forms::htmloptionelement::HTMLOptGroupElement),
            "label" => make!(crate::dom::html::forms::htmllabelelement::HTMLLabelElement),
            "script" => make!(HTMLScriptElement),
            "iframe" => make!(HTMLIFrameElement),
            "canvas" => make!(crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement),
            "video" => make!(crate::dom::html::htmlvideoelement::HTMLVideoElement),
            "audio" => make!(crate::dom::html::htmlvideoelement::HTMLAudioElement),
            "source" => make!(crate::dom::html::htmlsourceelement::HTMLSourceElement),
            name if is_known_html_element(name) => {
                let window = document.window_for_objects();
                R::upcast(reflect_dom_object(cx, Box::new(HTMLElement::new_inherited(name, document)), &window))
            }
            _ => make!(HTMLUnknownElement),
        };
    }
    // "Otherwise, if namespace is the SVG namespace, the interface is the one the SVG
    // specification names for localName, or SVGElement."
    if namespace == Some(crate::dom::dom::element::SVG_NAMESPACE) {
        return crate::dom::svg::svgelements::create_svg_element(cx, document, local_name, prefix);
    }
    // <https://w3c.github.io/mathml-core/#dom-and-javascript>: MathMLElement for every name.
    if namespace == Some(crate::dom::dom::element::MATHML_NAMESPACE) {
        let element = crate::dom::mathml::mathmlelement::MathMLElement::new(cx, local_name, prefix, document);
        return R::upcast(element);
    }
    // Elements of other namespaces are plain Elements.
    let window = document.window_for_objects();
    reflect_dom_object(
        cx,
        Box::new(Element::new_inherited(local_name.to_owned(), namespace.map(str::to_owned), prefix, document)),
        &window,
    )
}
