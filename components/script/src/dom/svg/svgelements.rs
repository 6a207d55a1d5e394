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
        svg_element!(@bare $name: $parent);

        impl $methods for $name {}
    };
    // The struct only: its `…Methods` are implemented below.
    (@bare $name:ident : $parent:ty) => {
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
    };
}

svg_element!(@bare SVGGraphicsElement: SVGElement);
svg_element!(@bare SVGGeometryElement: SVGGraphicsElement);
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
svg_element!(@bare SVGTextContentElement: SVGGraphicsElement);
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

// ------------------------------------------------------------------ geometry

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::Dictionaries::SVGBoundingBoxOptions;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cascade::Cascade;
use crate::dom::css::computedstyle::{Target, computed_value};
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::geometry::dompoint::DOMPoint;
use crate::dom::geometry::domrect::DOMRect;
use crate::dom::svg::geometry::{self, Polyline};

type Box4 = (f64, f64, f64, f64);

/// What an element's lengths resolve against: its font size and the nearest `<svg>`'s
/// width and height (300×150 when they are not given in user units).
struct Lengths {
    font_size: f64,
    viewport: (f64, f64),
}

impl Lengths {
    fn of(cascade: &Cascade, element: &Element) -> Lengths {
        let font_size = crate::dom::css::cssproperties::length_to_px(&computed_value(
            cascade,
            element,
            Target::Element,
            "font-size",
        ))
        .unwrap_or(16.0);
        let mut viewport = (300.0, 150.0);
        let mut next = element.upcast::<Node>().parent();
        while let Some(node) = next {
            if let Some(e) = node.downcast::<Element>()
                && e.is_svg_element()
                && e.local_name() == "svg"
            {
                let size = |name: &str, default: f64| {
                    e.get_attribute_value(name)
                        .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
                        .unwrap_or(default)
                };
                viewport = (size("width", 300.0), size("height", 150.0));
                break;
            }
            next = node.parent();
        }
        Lengths { font_size, viewport }
    }

    fn get(&self, element: &Element, name: &str, axis: usize) -> f64 {
        let basis = match axis {
            0 => self.viewport.0,
            1 => self.viewport.1,
            _ => (self.viewport.0.powi(2) + self.viewport.1.powi(2)).sqrt() / std::f64::consts::SQRT_2,
        };
        geometry::length(element.get_attribute_value(name), self.font_size, basis)
    }
}

/// The outline of a basic shape or path in its user space
/// (<https://svgwg.org/svg2-draft/shapes.html>); empty for other elements. A rectangle's
/// rounded corners are not modelled (its outline is the plain rectangle).
fn outline(cascade: &Cascade, element: &Element) -> Vec<Polyline> {
    let l = Lengths::of(cascade, element);
    match element.local_name() {
        "rect" => {
            let (x, y, w, h) = (
                l.get(element, "x", 0),
                l.get(element, "y", 1),
                l.get(element, "width", 0),
                l.get(element, "height", 1),
            );
            if w < 0.0 || h < 0.0 {
                return Vec::new();
            }
            vec![Polyline { points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed: true }]
        }
        "circle" => {
            let r = l.get(element, "r", 2);
            geometry::ellipse(l.get(element, "cx", 0), l.get(element, "cy", 1), r, r)
        }
        "ellipse" => geometry::ellipse(
            l.get(element, "cx", 0),
            l.get(element, "cy", 1),
            l.get(element, "rx", 0),
            l.get(element, "ry", 1),
        ),
        "line" => vec![Polyline {
            points: vec![
                (l.get(element, "x1", 0), l.get(element, "y1", 1)),
                (l.get(element, "x2", 0), l.get(element, "y2", 1)),
            ],
            closed: false,
        }],
        "polyline" => geometry::points(&element.get_attribute_value("points").unwrap_or_default(), false),
        "polygon" => geometry::points(&element.get_attribute_value("points").unwrap_or_default(), true),
        "path" => geometry::path_data(&element.get_attribute_value("d").unwrap_or_default()),
        _ => Vec::new(),
    }
}

/// The text of a text content element as SVG lays it out by default (`xml:space` default):
/// newlines removed, tabs as spaces, runs of spaces collapsed, leading and trailing ones gone.
fn text_of(element: &Element) -> String {
    let raw = element.upcast::<Node>().descendant_text_content();
    let spaced: String =
        raw.chars().filter(|c| *c != '\n' && *c != '\r').map(|c| if c == '\t' { ' ' } else { c }).collect();
    spaced.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A text element's font as a CSS `font` value, and its metrics for `text` (measured on the
/// canvas thread with the faces that font selects, as canvas text is).
fn measure_text(cascade: &Cascade, element: &Element, text: &str) -> canvas_traits::text::TextMetrics {
    let get = |p: &str| computed_value(cascade, element, Target::Element, p);
    let family = match get("font-family") {
        f if f.is_empty() => "serif".to_owned(),
        f => f,
    };
    let value = format!("{} {} {} {}", get("font-style"), get("font-weight"), get("font-size"), family);
    let font = canvas_traits::text::CanvasFont::parse(&value, 16.0)
        .or_else(|| canvas_traits::text::CanvasFont::parse(&format!("{} serif", get("font-size")), 16.0))
        .unwrap_or_default();
    let text_options = canvas_traits::text::TextOptions { font, ..Default::default() };
    let text = text.to_owned();
    crate::dom::canvas::rendering::round_trip(|reply| canvas_traits::command::CanvasCommand::MeasureText {
        text,
        text_options,
        reply,
    })
    .unwrap_or_default()
}

/// A text element's box: from its first `x`/`y`, the advance of its text and the font's
/// ascent and descent, shifted by `text-anchor`.
fn text_box(cascade: &Cascade, element: &Element) -> Option<Box4> {
    let text = text_of(element);
    let l = Lengths::of(cascade, element);
    let first = |name: &str, axis: usize| {
        let list = element.get_attribute_value(name).unwrap_or_default();
        let first = list.split(|c: char| c == ',' || c.is_whitespace()).find(|v| !v.is_empty()).map(str::to_owned);
        geometry::length(first, l.font_size, if axis == 0 { l.viewport.0 } else { l.viewport.1 })
    };
    let (x, y) = (first("x", 0), first("y", 1));
    let metrics = measure_text(cascade, element, &text);
    let width = metrics.width;
    let shift = match computed_value(cascade, element, Target::Element, "text-anchor").as_str() {
        "middle" => width / 2.0,
        "end" => width,
        _ => 0.0,
    };
    let (ascent, descent) = (metrics.font_bounding_box_ascent, metrics.font_bounding_box_descent);
    Some((x - shift, y - ascent, width, ascent + descent))
}

/// The elements that are not rendered and add nothing to a container's box.
fn is_never_rendered(element: &Element) -> bool {
    matches!(
        element.local_name(),
        "defs"
            | "title"
            | "desc"
            | "metadata"
            | "style"
            | "script"
            | "linearGradient"
            | "radialGradient"
            | "pattern"
            | "clipPath"
            | "mask"
            | "marker"
            | "symbol"
            | "filter"
    )
}

/// <https://svgwg.org/svg2-draft/coords.html#BoundingBoxes>: the object bounding box of
/// `element` in its own user space (its own `transform` not applied; its children's are).
/// `stroke`: widened by half the stroke width (exact for straight edges meeting at right
/// angles, not for miters).
fn bounding_box(cascade: &Cascade, element: &Element, stroke: bool) -> Option<Box4> {
    let own = match element.local_name() {
        "rect" | "circle" | "ellipse" | "line" | "polyline" | "polygon" | "path" => {
            geometry::bounds(&outline(cascade, element), &svgtypes::Transform::default())
        }
        "text" => text_box(cascade, element),
        "image" | "foreignObject" | "use" => {
            let l = Lengths::of(cascade, element);
            Some((
                l.get(element, "x", 0),
                l.get(element, "y", 1),
                l.get(element, "width", 0),
                l.get(element, "height", 1),
            ))
        }
        _ => {
            // A container: the union of its rendered children's boxes in its user space.
            let mut union = None;
            for child in element.upcast::<Node>().children() {
                let Some(child) = child.downcast::<Element>() else { continue };
                if !child.is_svg_element() || is_never_rendered(child) {
                    continue;
                }
                let Some((x, y, w, h)) = bounding_box(cascade, child, stroke) else { continue };
                let m = geometry::transform_attribute(child.get_attribute_value("transform"));
                let corners = Polyline { points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed: true };
                union = geometry::union(union, geometry::bounds(&[corners], &m));
            }
            return union;
        }
    }?;
    if !stroke {
        return Some(own);
    }
    let stroke_none = computed_value(cascade, element, Target::Element, "stroke");
    if stroke_none.is_empty() || stroke_none == "none" {
        return Some(own);
    }
    let width = crate::dom::css::cssproperties::length_to_px(&computed_value(
        cascade,
        element,
        Target::Element,
        "stroke-width",
    ))
    .unwrap_or(1.0);
    let half = width / 2.0;
    Some((own.0 - half, own.1 - half, own.2 + width, own.3 + width))
}

impl SVGGraphicsElementBinding::SVGGraphicsElementMethods for SVGGraphicsElement {
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGGraphicsElement__getBBox>: the union of
    /// the boxes the options ask for (fill: the geometry; stroke: widened by the stroke), in the
    /// element's user space. Markers and clipping are not modelled (`markers`/`clipped` add and
    /// take away nothing).
    fn GetBBox(&self, cx: &mut JSContext, options: &SVGBoundingBoxOptions) -> DomRoot<DOMRect> {
        let element = self.upcast::<Element>();
        let cascade = Cascade::for_element(cx, element);
        let fill = if options.fill { bounding_box(&cascade, element, false) } else { None };
        let stroked = if options.stroke { bounding_box(&cascade, element, true) } else { None };
        let (x, y, w, h) = geometry::union(fill, stroked).unwrap_or_default();
        let window = crate::dom::globalscope::DomGlobal::global(self);
        DOMRect::new(cx, &window, x, y, w, h)
    }
}

impl SVGGeometryElementBinding::SVGGeometryElementMethods for SVGGeometryElement {
    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGGeometryElement__getTotalLength>: "the
    /// user agent's computed value for the total length of the path, in user units".
    fn GetTotalLength(&self, cx: &mut JSContext) -> Finite<f32> {
        let element = self.upcast::<Element>();
        let cascade = Cascade::for_element(cx, element);
        Finite::<f32>::wrap(geometry::total_length(&outline(&cascade, element)) as f32)
    }

    /// <https://svgwg.org/svg2-draft/types.html#__svg__SVGGeometryElement__getPointAtLength>: "1.
    /// If current element is a non-rendered element, and the UA is not able to compute the total
    /// length of its path, then throw an InvalidStateError. 2. Let length be the total length
    /// … 3. Clamp distance to [0, length]. 4. Let (x, y) be the point on the path at distance
    /// distance. 5. Return a newly created, detached DOMPoint object representing the point
    /// (x, y)."
    fn GetPointAtLength(&self, cx: &mut JSContext, distance: Finite<f32>) -> Fallible<DomRoot<DOMPoint>> {
        let element = self.upcast::<Element>();
        let cascade = Cascade::for_element(cx, element);
        let lines = outline(&cascade, element);
        if lines.is_empty() && !element.upcast::<Node>().is_connected() {
            return Err(Error::InvalidState("the element has no path to measure.".into()));
        }
        let (x, y) = geometry::point_at_length(&lines, f64::from(*distance));
        let window = crate::dom::globalscope::DomGlobal::global(self);
        Ok(DOMPoint::new(cx, &window, (x, y, 0.0, 1.0)))
    }
}

impl SVGTextContentElementBinding::SVGTextContentElementMethods for SVGTextContentElement {
    /// <https://svgwg.org/svg2-draft/text.html#__svg__SVGTextContentElement__getNumberOfChars>:
    /// the number of addressable characters (UTF-16 code units of the laid-out text).
    fn GetNumberOfChars(&self, _cx: &mut JSContext) -> i32 {
        text_of(self.upcast::<Element>()).encode_utf16().count() as i32
    }

    /// <https://svgwg.org/svg2-draft/text.html#__svg__SVGTextContentElement__getComputedTextLength>:
    /// "the total sum of all of the advance values of all of the typographic characters" (one
    /// run in the element's font).
    fn GetComputedTextLength(&self, cx: &mut JSContext) -> Finite<f32> {
        let element = self.upcast::<Element>();
        let cascade = Cascade::for_element(cx, element);
        let width = measure_text(&cascade, element, &text_of(element)).width;
        Finite::<f32>::wrap(width as f32)
    }
}
