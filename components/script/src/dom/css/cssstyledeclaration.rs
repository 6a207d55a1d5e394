//! `CSSStyleDeclaration` (<https://drafts.csswg.org/cssom/#the-cssstyledeclaration-interface>):
//! an element's inline style (read from and written back to its `style`
//! attribute, so both stay in step) or a computed style (read-only, live).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSStyleDeclarationBinding::CSSStyleDeclarationMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::css::cascade::Cascade;
use crate::dom::css::computedstyle::{self, Target, computed_value, inline_block};
use crate::dom::css::cssproperties::{
    Declaration, is_custom, is_supported, parse_declaration_block, parse_property, serialize_block,
    serialize_shorthand, set_declaration, shorthand,
};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::dom::element::Element;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

/// Whose declarations these are.
enum Owner {
    /// The inline style of an element (<https://drafts.csswg.org/cssom/#dom-elementcssinlinestyle-style>).
    Inline(Dom<Element>),
    /// A computed style (readonly, computed flag set).
    Computed(Dom<Element>, Target),
    /// The style of a pseudo-element Aperture does not know: no declarations.
    Empty,
    /// The declarations of a CSS rule (<https://drafts.csswg.org/cssom/#dom-cssstylerule-style>):
    /// its parent CSS rule is the rule, which holds them.
    Rule(Dom<CSSRule>),
}

// SAFETY: `trace` below reaches every GC thing a `Owner` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Owner {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            match self {
                Owner::Inline(e) | Owner::Computed(e, _) => e.trace(trc),
                Owner::Empty => {}
                Owner::Rule(r) => r.trace(trc),
            }
        }
    }
}

#[dom_struct]
pub struct CSSStyleDeclaration {
    reflector_: Reflector,
    owner: Owner,
}

/// Lower-cases a property name unless it is a custom property (`--Name` is case-sensitive).
fn normalize_name(property: &str) -> String {
    if is_custom(property) { property.to_owned() } else { property.to_ascii_lowercase() }
}

impl CSSStyleDeclaration {
    /// The inline style declaration of `element`.
    pub fn new_inline(cx: &mut JSContext, element: &Element) -> DomRoot<CSSStyleDeclaration> {
        let global = element.global();
        reflect_dom_object(
            cx,
            Box::new(CSSStyleDeclaration {
                reflector_: Reflector::new(),
                owner: Owner::Inline(Dom::from_ref(element)),
            }),
            &global,
        )
    }

    /// <https://drafts.csswg.org/cssom/#dom-window-getcomputedstyle>
    pub fn new_computed(
        cx: &mut JSContext,
        window: &Window,
        element: &Element,
        pseudo: Option<&str>,
    ) -> DomRoot<CSSStyleDeclaration> {
        // Steps 3–4: a pseudo-element given as ":before", "::after"… (legacy single colon
        // for the CSS2 ones); anything unknown gives an empty declaration block.
        let owner = match pseudo.map(|p| p.to_ascii_lowercase()) {
            None => Owner::Computed(Dom::from_ref(element), Target::Element),
            Some(p) if p.is_empty() || !p.starts_with(':') => Owner::Computed(Dom::from_ref(element), Target::Element),
            Some(p) => match p.as_str() {
                "::before" | "::after" | ":before" | ":after" | "::first-line" | ":first-line" | "::first-letter"
                | ":first-letter" | "::marker" | "::placeholder" | "::selection" | "::backdrop" => {
                    Owner::Computed(Dom::from_ref(element), Target::PseudoElement)
                }
                _ => Owner::Empty,
            },
        };
        reflect_dom_object(cx, Box::new(CSSStyleDeclaration { reflector_: Reflector::new(), owner }), window)
    }

    /// The declarations of `rule` (a style, keyframe or @font-face rule).
    pub fn new_for_rule(cx: &mut JSContext, rule: &CSSRule) -> DomRoot<CSSStyleDeclaration> {
        let global = rule.global();
        reflect_dom_object(
            cx,
            Box::new(CSSStyleDeclaration { reflector_: Reflector::new(), owner: Owner::Rule(Dom::from_ref(rule)) }),
            &global,
        )
    }

    fn is_readonly(&self) -> bool {
        !matches!(self.owner, Owner::Inline(_) | Owner::Rule(_))
    }

    fn readonly_error() -> Error {
        Error::NoModificationAllowed("These styles are computed, and therefore read-only.".into())
    }

    /// The declarations (<https://drafts.csswg.org/cssom/#cssstyledeclaration-declarations>).
    fn declarations(&self, cx: &mut JSContext) -> Vec<Declaration> {
        match &self.owner {
            Owner::Inline(e) => inline_block(e),
            Owner::Rule(r) => r.declarations().map(|b| b.borrow().clone()).unwrap_or_default(),
            Owner::Computed(e, target) => {
                if !crate::dom::bindings::inheritance::Castable::upcast::<crate::dom::dom::node::Node>(&**e)
                    .is_connected()
                {
                    return Vec::new();
                }
                let cascade = Cascade::for_element(cx, e);
                let mut declarations: Vec<Declaration> = computedstyle::computed_property_names()
                    .into_iter()
                    .map(|name| Declaration {
                        name: name.to_owned(),
                        value: computed_value(&cascade, e, *target, name),
                        important: false,
                    })
                    .collect();
                for d in declarations.iter_mut().filter(|d| matches!(d.name.as_str(), "width" | "height" | "transform"))
                {
                    if let Some(used) = resolved_size(cx, &cascade, e, *target, &d.name) {
                        d.value = used;
                    }
                }
                declarations
            }
            Owner::Empty => Vec::new(),
        }
    }

    /// <https://drafts.csswg.org/cssom/#update-style-attribute-for>: the `style`
    /// attribute becomes the serialization of `block`.
    fn update_style_attribute(&self, cx: &mut JSContext, block: &[Declaration]) {
        match &self.owner {
            Owner::Inline(e) => e.set_attribute_value(cx, "style", serialize_block(block)),
            // A rule's declarations are the rule's own: replace them.
            Owner::Rule(r) => {
                if let Some(b) = r.declarations() {
                    *b.borrow_mut() = block.to_vec();
                }
                crate::dom::layout::cache::invalidate_cssom(self);
            }
            Owner::Computed(..) | Owner::Empty => {}
        }
    }

    /// The value for `property` (already normalized), as getPropertyValue() returns it.
    fn property_value(&self, cx: &mut JSContext, property: &str) -> String {
        match &self.owner {
            Owner::Computed(e, target) => {
                let cascade =
                    if crate::dom::bindings::inheritance::Castable::upcast::<crate::dom::dom::node::Node>(&**e)
                        .is_connected()
                    {
                        Cascade::for_element(cx, e)
                    } else {
                        Cascade::empty()
                    };
                if matches!(property, "width" | "height" | "transform")
                    && let Some(used) = resolved_size(cx, &cascade, e, *target, property)
                {
                    return used;
                }
                computed_value(&cascade, e, *target, property)
            }
            Owner::Empty => String::new(),
            Owner::Inline(_) | Owner::Rule(_) => {
                let block = self.declarations(cx);
                // Step 1: If property is a shorthand, serialize it from its longhands if all are there.
                if let Some(s) = shorthand(property) {
                    return serialize_shorthand(s, &block).map(|(text, _)| text).unwrap_or_default();
                }
                // Step 2: the value of the declaration named property, or the empty string.
                block.into_iter().find(|d| d.name == property).map(|d| d.value).unwrap_or_default()
            }
        }
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-setproperty>
    pub fn set_property(&self, cx: &mut JSContext, property: &str, value: &str, priority: &str) -> ErrorResult {
        // Step 1: If the computed flag is set, throw a NoModificationAllowedError.
        if self.is_readonly() {
            return Err(Self::readonly_error());
        }
        // Steps 2–3: lower-case a non-custom property; if it is not supported, return.
        let property = normalize_name(property);
        if !is_supported(&property) {
            return Ok(());
        }
        // Step 4: If value is the empty string, invoke removeProperty() and return.
        if value.is_empty() {
            self.remove_property(cx, &property)?;
            return Ok(());
        }
        // Step 5: If priority is neither "important" (ASCII case-insensitive) nor empty, return.
        let important = if priority.eq_ignore_ascii_case("important") {
            true
        } else if priority.is_empty() {
            false
        } else {
            return Ok(());
        };
        let mut block = self.declarations(cx);
        if is_custom(&property) {
            set_declaration(&mut block, &property, value.trim().to_owned(), important);
        } else {
            // Step 6: parse the value; Step 7: if that fails, return.
            let Some(longhands) = parse_property(&property, value) else { return Ok(()) };
            // Steps 8–9: set each longhand (a shorthand expands to its longhands).
            for (name, v) in longhands {
                set_declaration(&mut block, name, v, important);
            }
        }
        // Step 10: update style attribute for the CSS declaration block.
        self.update_style_attribute(cx, &block);
        Ok(())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-removeproperty>
    fn remove_property(&self, cx: &mut JSContext, property: &str) -> Fallible<String> {
        // Step 1: If the computed flag is set, throw a NoModificationAllowedError.
        if self.is_readonly() {
            return Err(Self::readonly_error());
        }
        // Step 2: lower-case a non-custom property.
        let property = normalize_name(property);
        // Step 3: Let value be the return value of getPropertyValue(property).
        let value = self.property_value(cx, &property);
        // Steps 4–5: remove the declaration, or each longhand of a shorthand.
        let mut block = self.declarations(cx);
        let before = block.len();
        match shorthand(&property) {
            Some(s) => block.retain(|d| !s.longhands.contains(&d.name.as_str())),
            None => block.retain(|d| d.name != property),
        }
        // Step 6: If removed is true, update style attribute for the block.
        if block.len() != before {
            self.update_style_attribute(cx, &block);
        }
        // Step 7: Return value.
        Ok(value)
    }
}

/// The camel-cased attributes: the getter is getPropertyValue(), the setter setProperty().
macro_rules! css_attributes {
    ($($getter:ident, $setter:ident => $property:literal;)*) => {
        $(
            /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-camel-cased-attribute>
            fn $getter(&self, cx: &mut JSContext) -> Fallible<DOMString> {
                // Return the result of invoking getPropertyValue() with the property name.
                Ok(self.property_value(cx, $property).into())
            }
            /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-camel-cased-attribute>
            fn $setter(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
                // Invoke setProperty() with the property name, the value and the empty string.
                self.set_property(cx, $property, &value, "")
            }
        )*
    };
}

impl CSSStyleDeclarationMethods for CSSStyleDeclaration {
    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-parentrule>: "return the
    /// parent CSS rule".
    fn ParentRule(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSRule>> {
        match &self.owner {
            Owner::Rule(r) => Some(r.as_rooted()),
            _ => None,
        }
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-csstext>
    fn CssText(&self, cx: &mut JSContext) -> Fallible<DOMString> {
        // If the computed flag is set, return the empty string; otherwise serialize the block.
        if self.is_readonly() {
            return Ok(DOMString::new());
        }
        Ok(serialize_block(&self.declarations(cx)).into())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-csstext>
    fn SetCssText(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
        // Step 1: If the computed flag is set, throw a NoModificationAllowedError.
        if self.is_readonly() {
            return Err(Self::readonly_error());
        }
        // Steps 2–3: empty the declarations, then parse the value into them.
        let block = parse_declaration_block(&value);
        // Step 4: update style attribute for the CSS declaration block.
        self.update_style_attribute(cx, &block);
        Ok(())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-length>
    fn Length(&self, cx: &mut JSContext) -> u32 {
        self.declarations(cx).len() as u32
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-item>
    fn Item(&self, cx: &mut JSContext, index: u32) -> DOMString {
        // The name of the declaration at index, or the empty string.
        self.declarations(cx).into_iter().nth(index as usize).map(|d| d.name).unwrap_or_default().into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-getpropertyvalue>
    fn GetPropertyValue(&self, cx: &mut JSContext, property: DOMString) -> DOMString {
        self.property_value(cx, &normalize_name(&property)).into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-getpropertypriority>
    fn GetPropertyPriority(&self, cx: &mut JSContext, property: DOMString) -> DOMString {
        let property = normalize_name(&property);
        let block = self.declarations(cx);
        // Step 1: a shorthand is important if all its longhands are.
        let important = match shorthand(&property) {
            Some(s) => serialize_shorthand(s, &block).is_some_and(|(_, important)| important),
            // Step 2: "important" if the declaration's important flag is set.
            None => block.iter().any(|d| d.name == property && d.important),
        };
        if important { "important".into() } else { DOMString::new() }
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-setproperty>
    fn SetProperty(
        &self,
        cx: &mut JSContext,
        property: DOMString,
        value: DOMString,
        priority: DOMString,
    ) -> ErrorResult {
        self.set_property(cx, &property, &value, &priority)
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstyledeclaration-removeproperty>
    fn RemoveProperty(&self, cx: &mut JSContext, property: DOMString) -> Fallible<DOMString> {
        self.remove_property(cx, &property).map(Into::into)
    }

    css_attributes! {
        BackgroundClip, SetBackgroundClip => "background-clip";
        BackgroundOrigin, SetBackgroundOrigin => "background-origin";
        BackgroundPosition, SetBackgroundPosition => "background-position";
        BackgroundRepeat, SetBackgroundRepeat => "background-repeat";
        BackgroundSize, SetBackgroundSize => "background-size";
        CounterIncrement, SetCounterIncrement => "counter-increment";
        CounterReset, SetCounterReset => "counter-reset";
        Direction, SetDirection => "direction";
        FontVariant, SetFontVariant => "font-variant";
        LetterSpacing, SetLetterSpacing => "letter-spacing";
        LineBreak, SetLineBreak => "line-break";
        ListStyleImage, SetListStyleImage => "list-style-image";
        ListStylePosition, SetListStylePosition => "list-style-position";
        ListStyleType, SetListStyleType => "list-style-type";
        OverflowWrap, SetOverflowWrap => "overflow-wrap";
        Quotes, SetQuotes => "quotes";
        TextDecorationLine, SetTextDecorationLine => "text-decoration-line";
        TextShadow, SetTextShadow => "text-shadow";
        TextTransform, SetTextTransform => "text-transform";
        WordBreak, SetWordBreak => "word-break";
        Width, SetWidth => "width";
        Height, SetHeight => "height";
        MinWidth, SetMinWidth => "min-width";
        MinHeight, SetMinHeight => "min-height";
        MaxWidth, SetMaxWidth => "max-width";
        MaxHeight, SetMaxHeight => "max-height";
        Top, SetTop => "top";
        Right, SetRight => "right";
        Bottom, SetBottom => "bottom";
        Left, SetLeft => "left";
        Margin, SetMargin => "margin";
        MarginTop, SetMarginTop => "margin-top";
        MarginRight, SetMarginRight => "margin-right";
        MarginBottom, SetMarginBottom => "margin-bottom";
        MarginLeft, SetMarginLeft => "margin-left";
        Padding, SetPadding => "padding";
        PaddingTop, SetPaddingTop => "padding-top";
        PaddingRight, SetPaddingRight => "padding-right";
        PaddingBottom, SetPaddingBottom => "padding-bottom";
        PaddingLeft, SetPaddingLeft => "padding-left";
        Border, SetBorder => "border";
        BorderWidth, SetBorderWidth => "border-width";
        BorderStyle, SetBorderStyle => "border-style";
        BorderColor, SetBorderColor => "border-color";
        BorderTop, SetBorderTop => "border-top";
        BorderRight, SetBorderRight => "border-right";
        BorderBottom, SetBorderBottom => "border-bottom";
        BorderLeft, SetBorderLeft => "border-left";
        BorderTopWidth, SetBorderTopWidth => "border-top-width";
        BorderTopStyle, SetBorderTopStyle => "border-top-style";
        BorderTopColor, SetBorderTopColor => "border-top-color";
        BorderRightWidth, SetBorderRightWidth => "border-right-width";
        BorderRightStyle, SetBorderRightStyle => "border-right-style";
        BorderRightColor, SetBorderRightColor => "border-right-color";
        BorderBottomWidth, SetBorderBottomWidth => "border-bottom-width";
        BorderBottomStyle, SetBorderBottomStyle => "border-bottom-style";
        BorderBottomColor, SetBorderBottomColor => "border-bottom-color";
        BorderLeftWidth, SetBorderLeftWidth => "border-left-width";
        BorderLeftStyle, SetBorderLeftStyle => "border-left-style";
        BorderLeftColor, SetBorderLeftColor => "border-left-color";
        Display, SetDisplay => "display";
        Visibility, SetVisibility => "visibility";
        Position, SetPosition => "position";
        ZIndex, SetZIndex => "z-index";
        CssFloat, SetCssFloat => "float";
        BoxSizing, SetBoxSizing => "box-sizing";
        Overflow, SetOverflow => "overflow";
        OverflowX, SetOverflowX => "overflow-x";
        OverflowY, SetOverflowY => "overflow-y";
        Color, SetColor => "color";
        BackgroundColor, SetBackgroundColor => "background-color";
        Background, SetBackground => "background";
        Opacity, SetOpacity => "opacity";
        AlignItems, SetAlignItems => "align-items";
        Animation, SetAnimation => "animation";
        AspectRatio, SetAspectRatio => "aspect-ratio";
        BackgroundImage, SetBackgroundImage => "background-image";
        BorderRadius, SetBorderRadius => "border-radius";
        BoxShadow, SetBoxShadow => "box-shadow";
        Content, SetContent => "content";
        Cursor, SetCursor => "cursor";
        Filter, SetFilter => "filter";
        Flex, SetFlex => "flex";
        FlexDirection, SetFlexDirection => "flex-direction";
        Font, SetFont => "font";
        FontFamily, SetFontFamily => "font-family";
        FontSize, SetFontSize => "font-size";
        FontStyle, SetFontStyle => "font-style";
        FontWeight, SetFontWeight => "font-weight";
        Gap, SetGap => "gap";
        JustifyContent, SetJustifyContent => "justify-content";
        LineHeight, SetLineHeight => "line-height";
        ObjectFit, SetObjectFit => "object-fit";
        Outline, SetOutline => "outline";
        PointerEvents, SetPointerEvents => "pointer-events";
        TextAlign, SetTextAlign => "text-align";
        TextDecoration, SetTextDecoration => "text-decoration";
        TouchAction, SetTouchAction => "touch-action";
        Transform, SetTransform => "transform";
        TransformOrigin, SetTransformOrigin => "transform-origin";
        Transition, SetTransition => "transition";
        UserSelect, SetUserSelect => "user-select";
        VerticalAlign, SetVerticalAlign => "vertical-align";
        WhiteSpace, SetWhiteSpace => "white-space";
        Fill, SetFill => "fill";
        FillOpacity, SetFillOpacity => "fill-opacity";
        FillRule, SetFillRule => "fill-rule";
        Stroke, SetStroke => "stroke";
        StrokeDasharray, SetStrokeDasharray => "stroke-dasharray";
        StrokeDashoffset, SetStrokeDashoffset => "stroke-dashoffset";
        StrokeLinecap, SetStrokeLinecap => "stroke-linecap";
        StrokeLinejoin, SetStrokeLinejoin => "stroke-linejoin";
        StrokeMiterlimit, SetStrokeMiterlimit => "stroke-miterlimit";
        StrokeOpacity, SetStrokeOpacity => "stroke-opacity";
        StrokeWidth, SetStrokeWidth => "stroke-width";
        StopColor, SetStopColor => "stop-color";
        StopOpacity, SetStopOpacity => "stop-opacity";
        TextAnchor, SetTextAnchor => "text-anchor";
        ClipPath, SetClipPath => "clip-path";
        ClipRule, SetClipRule => "clip-rule";
        DominantBaseline, SetDominantBaseline => "dominant-baseline";
        MarkerEnd, SetMarkerEnd => "marker-end";
        MarkerMid, SetMarkerMid => "marker-mid";
        MarkerStart, SetMarkerStart => "marker-start";
        Mask, SetMask => "mask";
        PaintOrder, SetPaintOrder => "paint-order";
        ShapeRendering, SetShapeRendering => "shape-rendering";
        VectorEffect, SetVectorEffect => "vector-effect";
    }
}

/// <https://drafts.csswg.org/cssom/#resolved-value>: for `transform`, a matrix (see
/// `css::transforms`); for `width` and `height`, "if the property
/// applies to the element or pseudo-element and the resolved value of the display property is
/// not none or contents, then the resolved value is the used value" — from layout, in pixels
/// (a border-box size under `box-sizing: border-box`); `None` where the computed value stands (no
/// box, an inline box, a pseudo-element).
fn resolved_size(
    cx: &mut JSContext,
    cascade: &Cascade,
    element: &crate::dom::dom::element::Element,
    target: computedstyle::Target,
    property: &str,
) -> Option<String> {
    if target != computedstyle::Target::Element {
        return None;
    }
    if property == "transform" {
        // "transform: the resolved value is the computed value converted to a matrix" (the
        // percentages of translate() against the border box; none stays none).
        let computed = computed_value(cascade, element, target, "transform");
        let size = crate::dom::layout::queries::element_box(cx, element)
            .map_or((0.0, 0.0), |b| (b.geometry.border_box.width, b.geometry.border_box.height));
        let ctx = crate::dom::css::transforms::length_context(cascade, element, size);
        return Some(crate::dom::css::transforms::resolved_transform(&computed, &ctx));
    }
    let b = crate::dom::layout::queries::element_box(cx, element)?;
    if b.geometry.inline {
        return None;
    }
    let border_box = computed_value(cascade, element, target, "box-sizing") == "border-box";
    let size = if border_box { b.geometry.border_box } else { b.geometry.content_box() };
    let px = if property == "width" { size.width } else { size.height };
    Some(format!("{}px", crate::dom::css::cssproperties::format_number(px)))
}
