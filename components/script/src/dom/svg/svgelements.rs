//! The SVG element interfaces with no members of their own in Aperture
//! (<https://svgwg.org/svg2-draft/idl.html>): one struct each, so `instanceof` and
//! `Symbol.toStringTag` are what pages expect. Members that need geometry or
//! rendering are absent, not stubbed.

use crate::dom::bindings::codegen::{
    SVGAElementBinding, SVGCircleElementBinding, SVGClipPathElementBinding, SVGDefsElementBinding,
    SVGDescElementBinding, SVGEllipseElementBinding, SVGForeignObjectElementBinding, SVGGElementBinding,
    SVGGeometryElementBinding, SVGGradientElementBinding, SVGGraphicsElementBinding, SVGImageElementBinding,
    SVGLineElementBinding, SVGLinearGradientElementBinding, SVGMarkerElementBinding, SVGMaskElementBinding,
    SVGMetadataElementBinding, SVGPathElementBinding, SVGPatternElementBinding, SVGPolygonElementBinding,
    SVGPolylineElementBinding, SVGRadialGradientElementBinding, SVGRectElementBinding, SVGSVGElementBinding,
    SVGStopElementBinding, SVGStyleElementBinding, SVGSwitchElementBinding, SVGSymbolElementBinding,
    SVGTSpanElementBinding, SVGTextContentElementBinding, SVGTextElementBinding, SVGTextPathElementBinding,
    SVGTextPositioningElementBinding, SVGTitleElementBinding, SVGUseElementBinding,
};
use crate::dom::svg::svgelement::SVGElement;

/// Declares `#[dom_struct] struct $name { parent: $parent }` with `new_inherited`, `new`
/// (reflecting it) and the empty `…Methods` impl.
macro_rules! svg_element {
    ($name:ident : $parent:ty, $methods:path) => {
        #[dom_struct::dom_struct]
        pub struct $name {
            parent: $parent,
        }

        impl $name {
            pub fn new_inherited(
                local_name: &str,
                prefix: Option<String>,
                document: &crate::dom::dom::document::Document,
            ) -> $name {
                $name { parent: <$parent>::new_inherited(local_name, prefix, document) }
            }

            pub fn new(
                cx: &mut mozjs::context::JSContext,
                local_name: &str,
                prefix: Option<String>,
                document: &crate::dom::dom::document::Document,
            ) -> crate::dom::bindings::root::DomRoot<$name> {
                let window = document.window_for_objects();
                crate::dom::bindings::classes::reflect_dom_object(
                    cx,
                    Box::new($name::new_inherited(local_name, prefix, document)),
                    &window,
                )
            }
        }

        impl $methods for $name {}
    };
}

svg_element!(SVGGraphicsElement: SVGElement, SVGGraphicsElementBinding::SVGGraphicsElementMethods);
svg_element!(SVGGeometryElement: SVGGraphicsElement, SVGGeometryElementBinding::SVGGeometryElementMethods);
svg_element!(SVGSVGElement: SVGGraphicsElement, SVGSVGElementBinding::SVGSVGElementMethods);
svg_element!(SVGGElement: SVGGraphicsElement, SVGGElementBinding::SVGGElementMethods);
svg_element!(SVGDefsElement: SVGGraphicsElement, SVGDefsElementBinding::SVGDefsElementMethods);
svg_element!(SVGDescElement: SVGElement, SVGDescElementBinding::SVGDescElementMethods);
svg_element!(SVGMetadataElement: SVGElement, SVGMetadataElementBinding::SVGMetadataElementMethods);
svg_element!(SVGTitleElement: SVGElement, SVGTitleElementBinding::SVGTitleElementMethods);
svg_element!(SVGSymbolElement: SVGGraphicsElement, SVGSymbolElementBinding::SVGSymbolElementMethods);
svg_element!(SVGUseElement: SVGGraphicsElement, SVGUseElementBinding::SVGUseElementMethods);
svg_element!(SVGSwitchElement: SVGGraphicsElement, SVGSwitchElementBinding::SVGSwitchElementMethods);
svg_element!(SVGPathElement: SVGGeometryElement, SVGPathElementBinding::SVGPathElementMethods);
svg_element!(SVGRectElement: SVGGeometryElement, SVGRectElementBinding::SVGRectElementMethods);
svg_element!(SVGCircleElement: SVGGeometryElement, SVGCircleElementBinding::SVGCircleElementMethods);
svg_element!(SVGEllipseElement: SVGGeometryElement, SVGEllipseElementBinding::SVGEllipseElementMethods);
svg_element!(SVGLineElement: SVGGeometryElement, SVGLineElementBinding::SVGLineElementMethods);
svg_element!(SVGPolylineElement: SVGGeometryElement, SVGPolylineElementBinding::SVGPolylineElementMethods);
svg_element!(SVGPolygonElement: SVGGeometryElement, SVGPolygonElementBinding::SVGPolygonElementMethods);
svg_element!(SVGTextContentElement: SVGGraphicsElement, SVGTextContentElementBinding::SVGTextContentElementMethods);
svg_element!(SVGTextPositioningElement: SVGTextContentElement, SVGTextPositioningElementBinding::SVGTextPositioningElementMethods);
svg_element!(SVGTextElement: SVGTextPositioningElement, SVGTextElementBinding::SVGTextElementMethods);
svg_element!(SVGTSpanElement: SVGTextPositioningElement, SVGTSpanElementBinding::SVGTSpanElementMethods);
svg_element!(SVGTextPathElement: SVGTextContentElement, SVGTextPathElementBinding::SVGTextPathElementMethods);
svg_element!(SVGImageElement: SVGGraphicsElement, SVGImageElementBinding::SVGImageElementMethods);
svg_element!(SVGForeignObjectElement: SVGGraphicsElement, SVGForeignObjectElementBinding::SVGForeignObjectElementMethods);
svg_element!(SVGAElement: SVGGraphicsElement, SVGAElementBinding::SVGAElementMethods);
svg_element!(SVGGradientElement: SVGElement, SVGGradientElementBinding::SVGGradientElementMethods);
svg_element!(SVGLinearGradientElement: SVGGradientElement, SVGLinearGradientElementBinding::SVGLinearGradientElementMethods);
svg_element!(SVGRadialGradientElement: SVGGradientElement, SVGRadialGradientElementBinding::SVGRadialGradientElementMethods);
svg_element!(SVGStopElement: SVGElement, SVGStopElementBinding::SVGStopElementMethods);
svg_element!(SVGPatternElement: SVGElement, SVGPatternElementBinding::SVGPatternElementMethods);
svg_element!(SVGClipPathElement: SVGElement, SVGClipPathElementBinding::SVGClipPathElementMethods);
svg_element!(SVGMaskElement: SVGElement, SVGMaskElementBinding::SVGMaskElementMethods);
svg_element!(SVGMarkerElement: SVGElement, SVGMarkerElementBinding::SVGMarkerElementMethods);
svg_element!(SVGStyleElement: SVGElement, SVGStyleElementBinding::SVGStyleElementMethods);

/// <https://svgwg.org/svg2-draft/idl.html>: the interface of an SVG-namespace element named
/// `local_name` (`SVGElement` for names SVG does not define, or whose interface Aperture lacks).
pub fn create_svg_element(
    cx: &mut mozjs::context::JSContext,
    document: &crate::dom::dom::document::Document,
    local_name: &str,
    prefix: Option<String>,
) -> crate::dom::bindings::root::DomRoot<crate::dom::dom::element::Element> {
    use crate::dom::bindings::root::DomRoot;
    macro_rules! make {
        ($t:ty) => {
            DomRoot::upcast(<$t>::new(cx, local_name, prefix, document))
        };
    }
    match local_name {
        "svg" => make!(SVGSVGElement),
        "g" => make!(SVGGElement),
        "defs" => make!(SVGDefsElement),
        "desc" => make!(SVGDescElement),
        "metadata" => make!(SVGMetadataElement),
        "title" => make!(SVGTitleElement),
        "symbol" => make!(SVGSymbolElement),
        "use" => make!(SVGUseElement),
        "switch" => make!(SVGSwitchElement),
        "path" => make!(SVGPathElement),
        "rect" => make!(SVGRectElement),
        "circle" => make!(SVGCircleElement),
        "ellipse" => make!(SVGEllipseElement),
        "line" => make!(SVGLineElement),
        "polyline" => make!(SVGPolylineElement),
        "polygon" => make!(SVGPolygonElement),
        "text" => make!(SVGTextElement),
        "tspan" => make!(SVGTSpanElement),
        "textPath" => make!(SVGTextPathElement),
        "image" => make!(SVGImageElement),
        "foreignObject" => make!(SVGForeignObjectElement),
        "a" => make!(SVGAElement),
        "linearGradient" => make!(SVGLinearGradientElement),
        "radialGradient" => make!(SVGRadialGradientElement),
        "stop" => make!(SVGStopElement),
        "pattern" => make!(SVGPatternElement),
        "clipPath" => make!(SVGClipPathElement),
        "mask" => make!(SVGMaskElement),
        "marker" => make!(SVGMarkerElement),
        "style" => make!(SVGStyleElement),
        _ => make!(SVGElement),
    }
}
