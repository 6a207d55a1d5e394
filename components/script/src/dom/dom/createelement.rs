//! Creating elements by name (<https://dom.spec.whatwg.org/#concept-create-element>).

use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::htmliframeelement::HTMLIFrameElement;
use crate::dom::html::htmlscriptelement::HTMLScriptElement;
use crate::dom::html::htmlstyleelement::HTMLStyleElement;
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

/// Creates an element of `namespace` named `local_name` with the interface the name calls
/// for (<https://dom.spec.whatwg.org/#concept-create-element> with the synchronous custom
/// elements flag unset: a defined custom element is created "undefined" and upgraded by a
/// reaction).
pub fn create_element(
    cx: &mut JSContext,
    document: &Document,
    local_name: &str,
    namespace: Option<&str>,
    prefix: Option<String>,
) -> DomRoot<Element> {
    create_element_with_flag(cx, document, local_name, namespace, prefix, false)
}

/// <https://dom.spec.whatwg.org/#concept-create-element> with the synchronous custom elements
/// flag set (`createElement()`, the document's parser): a defined custom element's constructor
/// runs now.
pub fn create_element_synchronously(
    cx: &mut JSContext,
    document: &Document,
    local_name: &str,
    namespace: Option<&str>,
    prefix: Option<String>,
) -> DomRoot<Element> {
    create_element_with_flag(cx, document, local_name, namespace, prefix, true)
}

fn create_element_with_flag(
    cx: &mut JSContext,
    document: &Document,
    local_name: &str,
    namespace: Option<&str>,
    prefix: Option<String>,
    synchronous_custom_elements: bool,
) -> DomRoot<Element> {
    use crate::dom::html::customelements::{self, CustomElementState};
    // 3. "Let definition be the result of looking up a custom element definition given
    //    document, namespace, localName, and is." (5: customized built-ins are not supported.)
    let definition =
        if prefix.is_none() { customelements::look_up_definition(document, namespace, local_name) } else { None };
    // 6. "Otherwise, if definition is non-null:"
    if let Some(definition) = definition {
        // 6.1. "If synchronousCustomElements is true, then run these steps while catching any
        //    exceptions: …"
        if synchronous_custom_elements {
            match construct_custom_element(cx, document, &definition, local_name) {
                Ok(element) => return element,
                Err(error) => {
                    // "If any of these steps threw an exception e: report the exception; set
                    // result to a new element that implements the HTMLUnknownElement interface,
                    // with no namespace prefix, … custom element state set to "failed"."
                    customelements::reactions::report_error(cx, &document.window_for_objects(), error);
                    let element = DomRoot::upcast::<Element>(HTMLUnknownElement::new(cx, local_name, document));
                    element.set_custom_element_state(CustomElementState::Failed);
                    return element;
                }
            }
        }
        // 6.2. "Otherwise: set result to a new element that implements the HTMLElement
        //    interface, … custom element state set to "undefined" …; enqueue a custom element
        //    upgrade reaction given result and definition."
        let window = document.window_for_objects();
        let element: DomRoot<Element> = DomRoot::upcast(reflect_dom_object(
            cx,
            Box::new(HTMLElement::new_inherited(local_name, document)),
            &window,
        ));
        element.set_custom_element_state(CustomElementState::Undefined);
        customelements::enqueue_upgrade_reaction(cx, &element, definition);
        return element;
    }
    // 7. "Otherwise: let interface be the element interface for localName and namespace …"
    let element = create_element_by_interface(cx, document, local_name, namespace, prefix);
    // 7.3. "If namespace is the HTML namespace, and either localName is a valid custom element
    //    name or is is non-null, then set result's custom element state to "undefined"."
    if element.is_html_element() && customelements::is_valid_custom_element_name(local_name) {
        element.set_custom_element_state(CustomElementState::Undefined);
    }
    element
}

/// Step 6.1 of creating an element: constructs a defined custom element synchronously.
fn construct_custom_element(
    cx: &mut JSContext,
    document: &Document,
    definition: &crate::dom::html::customelements::CustomElementDefinition,
    local_name: &str,
) -> crate::dom::bindings::error::Fallible<DomRoot<Element>> {
    use crate::dom::bindings::conversions::FromJSVal;
    use crate::dom::bindings::error::Error;
    use crate::dom::bindings::inheritance::Castable;
    use crate::dom::dom::node::Node;
    // 6.1.1. "Let C be definition's constructor." 6.1.2. "Set result to the result of
    //    constructing C, with no arguments."
    let object = crate::dom::html::customelements::construct(cx, &definition.constructor)?;
    use mozjs::rooted;
    rooted!(&in(cx) let value = mozjs::jsval::ObjectValue(object));
    // 6.1.3–4 (via the IDL conversion to HTMLElement): "If result does not implement the
    //    HTMLElement interface, throw a TypeError."
    let result = match DomRoot::<HTMLElement>::from_jsval(cx, value.handle(), ()) {
        Ok(Ok(e)) => DomRoot::upcast::<Element>(e),
        _ => return Err(Error::Type("The custom element constructor did not return an HTMLElement.".into())),
    };
    let node = result.upcast::<Node>();
    // 6.1.5. "If result's attribute list is not empty, then throw a "NotSupportedError"."
    if !result.attributes().is_empty() {
        return Err(Error::NotSupported("A new custom element must not have attributes.".into()));
    }
    // 6.1.6. "If result has children, then throw a "NotSupportedError"."
    if node.first_child().is_some() {
        return Err(Error::NotSupported("A new custom element must not have children.".into()));
    }
    // 6.1.7. "If result's parent is not null, then throw a "NotSupportedError"."
    if node.parent().is_some() {
        return Err(Error::NotSupported("A new custom element must not have a parent.".into()));
    }
    // 6.1.8. "If result's node document is not document, then throw a "NotSupportedError"."
    if !std::ptr::eq(&*node.owner_doc(), document) {
        return Err(Error::NotSupported("A new custom element must belong to the document.".into()));
    }
    // 6.1.9. "If result's local name is not equal to localName, then throw a "NotSupportedError"."
    if result.local_name() != local_name {
        return Err(Error::NotSupported("The custom element constructor created another element.".into()));
    }
    // 6.1.10–11. (The prefix is null here, and there is no is value.)
    Ok(result)
}

/// Step 7 of creating an element: the element interface for `local_name` and `namespace`.
fn create_element_by_interface(
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
            "base" => make!(HTMLBaseElement),
            "div" => make!(HTMLDivElement),
            "span" => make!(HTMLSpanElement),
            "picture" => make!(HTMLPictureElement),
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
            "area" => make!(crate::dom::html::htmlareaelement::HTMLAreaElement),
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
            "track" => make!(crate::dom::texttracks::htmltrackelement::HTMLTrackElement),
            "template" => make!(crate::dom::html::htmltemplateelement::HTMLTemplateElement),
            "dialog" => make!(crate::dom::html::htmldialogelement::HTMLDialogElement),
            "slot" => make!(crate::dom::html::htmlslotelement::HTMLSlotElement),
            "details" => make!(crate::dom::html::htmldetailselement::HTMLDetailsElement),
            "fieldset" => make!(crate::dom::html::forms::formelements::HTMLFieldSetElement),
            "legend" => make!(crate::dom::html::forms::formelements::HTMLLegendElement),
            "output" => make!(crate::dom::html::forms::formelements::HTMLOutputElement),
            "progress" => make!(crate::dom::html::forms::formelements::HTMLProgressElement),
            "meter" => make!(crate::dom::html::forms::formelements::HTMLMeterElement),
            "datalist" => make!(crate::dom::html::forms::formelements::HTMLDataListElement),
            "time" => make!(crate::dom::html::simpleelements::HTMLTimeElement),
            "data" => make!(crate::dom::html::simpleelements::HTMLDataElement),
            "q" | "blockquote" => make!(crate::dom::html::simpleelements::HTMLQuoteElement),
            "ins" | "del" => make!(crate::dom::html::simpleelements::HTMLModElement),
            "dl" => make!(crate::dom::html::simpleelements::HTMLDListElement),
            "menu" => make!(crate::dom::html::simpleelements::HTMLMenuElement),
            "dir" => make!(crate::dom::html::simpleelements::HTMLDirectoryElement),
            "font" => make!(crate::dom::html::simpleelements::HTMLFontElement),
            "param" => make!(crate::dom::html::simpleelements::HTMLParamElement),
            "map" => make!(crate::dom::html::simpleelements::HTMLMapElement),
            "table" => make!(crate::dom::html::tables::HTMLTableElement),
            "caption" => make!(crate::dom::html::tables::HTMLTableCaptionElement),
            "col" | "colgroup" => make!(crate::dom::html::tables::HTMLTableColElement),
            "thead" | "tbody" | "tfoot" => make!(crate::dom::html::tables::HTMLTableSectionElement),
            "tr" => make!(crate::dom::html::tables::HTMLTableRowElement),
            "td" | "th" => make!(crate::dom::html::tables::HTMLTableCellElement),
            // <https://html.spec.whatwg.org/multipage/dom.html#element-interface>: "If name is a
            // valid custom element name, return HTMLElement."
            name if is_known_html_element(name)
                || crate::dom::html::customelements::is_valid_custom_element_name(name) =>
            {
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
