//! Selectors for `querySelector(All)`, `matches` and `closest`
//! (<https://dom.spec.whatwg.org/#scope-match-a-selectors-string>), with the
//! `selectors` crate: a [`SelectorImpl`] that parses the selectors Aperture
//! can answer without a layout or a user, and [`selectors::Element`] over
//! Aperture's element tree.
//!
//! No style system exists, so pseudo-classes that need one (`:hover`,
//! `:focus`, `:visited`…) parse and never match, as in a browser whose user
//! never moved the mouse; pseudo-elements parse and match nothing.

use std::borrow::Borrow;
use std::fmt;

use cssparser::{ParseError, Parser as CssParser, ToCss, serialize_identifier, serialize_string};
use precomputed_hash::PrecomputedHash;
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode, SelectorCaches,
};
use selectors::matching::{ElementSelectorFlags, matches_selector_list};
use selectors::parser::{ParseRelative, SelectorParseErrorKind};
use selectors::{OpaqueElement, SelectorList};

use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::dom::characterdata::CharacterData;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::{Node, NodeKind};

/// A string as it appears in a selector: an identifier (names, ids, classes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ident(pub String);

/// A string in an attribute selector's value (serialized as a CSS string).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttrString(pub String);

impl<'a> From<&'a str> for Ident {
    fn from(s: &'a str) -> Ident {
        Ident(s.to_owned())
    }
}

impl<'a> From<&'a str> for AttrString {
    fn from(s: &'a str) -> AttrString {
        AttrString(s.to_owned())
    }
}

impl Borrow<str> for Ident {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for AttrString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for Ident {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        serialize_identifier(&self.0, dest)
    }
}

impl ToCss for AttrString {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        serialize_string(&self.0, dest)
    }
}

impl PrecomputedHash for Ident {
    fn precomputed_hash(&self) -> u32 {
        // FNV-1a: only used by bloom filters, which Aperture does not use.
        self.0.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
    }
}

/// The pseudo-classes the selectors crate leaves to the embedder
/// (<https://drafts.csswg.org/selectors/#overview>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PseudoClass {
    AnyLink,
    Link,
    Visited,
    Hover,
    Active,
    Focus,
    FocusWithin,
    FocusVisible,
    Target,
    Checked,
    Disabled,
    Enabled,
    Defined,
    Required,
    Optional,
    ReadOnly,
    ReadWrite,
    PlaceholderShown,
    Indeterminate,
    Fullscreen,
}

impl PseudoClass {
    fn from_name(name: &str) -> Option<PseudoClass> {
        use PseudoClass::*;
        Some(match name.to_ascii_lowercase().as_str() {
            "any-link" => AnyLink,
            "link" => Link,
            "visited" => Visited,
            "hover" => Hover,
            "active" => Active,
            "focus" => Focus,
            "focus-within" => FocusWithin,
            "focus-visible" => FocusVisible,
            "target" => Target,
            "checked" => Checked,
            "disabled" => Disabled,
            "enabled" => Enabled,
            "defined" => Defined,
            "required" => Required,
            "optional" => Optional,
            "read-only" => ReadOnly,
            "read-write" => ReadWrite,
            "placeholder-shown" => PlaceholderShown,
            "indeterminate" => Indeterminate,
            "fullscreen" => Fullscreen,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        use PseudoClass::*;
        match self {
            AnyLink => "any-link",
            Link => "link",
            Visited => "visited",
            Hover => "hover",
            Active => "active",
            Focus => "focus",
            FocusWithin => "focus-within",
            FocusVisible => "focus-visible",
            Target => "target",
            Checked => "checked",
            Disabled => "disabled",
            Enabled => "enabled",
            Defined => "defined",
            Required => "required",
            Optional => "optional",
            ReadOnly => "read-only",
            ReadWrite => "read-write",
            PlaceholderShown => "placeholder-shown",
            Indeterminate => "indeterminate",
            Fullscreen => "fullscreen",
        }
    }
}

impl ToCss for PseudoClass {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        dest.write_char(':')?;
        dest.write_str(self.name())
    }
}

impl selectors::parser::NonTSPseudoClass for PseudoClass {
    fn is_active_or_hover(&self) -> bool {
        matches!(self, PseudoClass::Active | PseudoClass::Hover)
    }

    fn is_user_action_state(&self) -> bool {
        matches!(self, PseudoClass::Active | PseudoClass::Hover | PseudoClass::Focus)
    }
}

/// Pseudo-elements: they parse (pages use them in selectors) but no element is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PseudoElement(&'static str);

impl PseudoElement {
    fn from_name(name: &str) -> Option<PseudoElement> {
        const KNOWN: &[&str] = &[
            "before",
            "after",
            "first-line",
            "first-letter",
            "marker",
            "placeholder",
            "selection",
            "backdrop",
            "file-selector-button",
        ];
        let lower = name.to_ascii_lowercase();
        KNOWN.iter().find(|k| **k == lower).map(|k| PseudoElement(k))
    }
}

impl ToCss for PseudoElement {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        dest.write_str("::")?;
        dest.write_str(self.0)
    }
}

impl selectors::parser::PseudoElement for PseudoElement {}

/// Aperture's choice of types for the selectors crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApertureSelectors;

impl selectors::SelectorImpl for ApertureSelectors {
    type ExtraMatchingData<'a> = ();
    type AttrValue = AttrString;
    type Identifier = Ident;
    type LocalName = Ident;
    type NamespaceUrl = Ident;
    type NamespacePrefix = Ident;
    type BorrowedNamespaceUrl = str;
    type BorrowedLocalName = str;
    type NonTSPseudoClass = PseudoClass;
    type PseudoElement = PseudoElement;
}

/// The parser configuration: what `querySelector` accepts.
struct SelectorParser;

impl<'i> selectors::Parser<'i> for SelectorParser {
    type Impl = ApertureSelectors;
    type Error = SelectorParseErrorKind;

    fn parse_nth_child_of(&self) -> bool {
        true
    }
    fn parse_is_and_where(&self) -> bool {
        true
    }
    fn parse_has(&self) -> bool {
        true
    }
    fn parse_host(&self) -> bool {
        true
    }

    fn parse_non_ts_pseudo_class(&self, name: &str) -> Result<PseudoClass, ParseError<Self::Error>> {
        PseudoClass::from_name(name)
            .ok_or_else(|| ParseError::custom(SelectorParseErrorKind::UnsupportedPseudoClassOrElement))
    }

    fn parse_pseudo_element(&self, name: &str) -> Result<PseudoElement, ParseError<Self::Error>> {
        PseudoElement::from_name(name)
            .ok_or_else(|| ParseError::custom(SelectorParseErrorKind::UnsupportedPseudoClassOrElement))
    }
}

/// A parsed selector list.
pub type Selectors = SelectorList<ApertureSelectors>;

/// <https://drafts.csswg.org/selectors-4/#parse-a-selector>: a list, or a
/// "SyntaxError" DOMException when `source` is not a valid selector list.
pub fn parse_selectors(source: &str) -> Fallible<Selectors> {
    let mut parser = CssParser::new(source);
    SelectorList::parse(&SelectorParser, &mut parser, ParseRelative::No)
        .map_err(|_| Error::Syntax(format!("'{source}' is not a valid selector.")))
}

/// An element seen by the selectors crate. Matching runs no script and never
/// changes the tree, so the elements it walks stay alive (the tree holds them)
/// without a root per step.
#[derive(Clone, Copy)]
pub struct ElementRef<'a>(&'a Element);

impl fmt::Debug for ElementRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0.local_name())
    }
}

/// Borrows a rooted node for the duration of a match.
fn unrooted<'a, T: DomObject>(root: DomRoot<T>) -> &'a T {
    // SAFETY: see `ElementRef`: the node is reachable from the rooted match
    // root through traced tree links, and no GC can run while matching.
    unsafe { &*root.as_ptr() }
}

impl<'a> ElementRef<'a> {
    fn node(&self) -> &'a Node {
        self.0.upcast()
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.get_attribute_value(name)
    }

    fn is_html(&self, names: &[&str]) -> bool {
        self.0.is_html_element() && names.contains(&self.0.local_name())
    }

    /// <https://html.spec.whatwg.org/multipage/semantics-other.html#selector-link>
    fn is_link_element(&self) -> bool {
        self.is_html(&["a", "area"]) && self.0.has_attribute_named("href")
    }

    /// <https://html.spec.whatwg.org/multipage/semantics-other.html#concept-element-disabled>:
    /// a disabled form control (its own attribute or a disabled fieldset ancestor outside that
    /// fieldset's first legend), an optgroup with `disabled`, an option that is disabled (its own
    /// attribute or its optgroup parent's), or a fieldset that is a disabled fieldset.
    fn is_disabled(&self) -> bool {
        if self.is_html(&["button", "input", "select", "textarea"]) {
            return crate::dom::html::forms::is_disabled_control(self.0);
        }
        if self.is_html(&["option"]) {
            return self
                .0
                .downcast::<crate::dom::html::forms::htmloptionelement::HTMLOptionElement>()
                .is_some_and(|o| o.is_disabled());
        }
        if self.is_html(&["fieldset"]) {
            return crate::dom::html::forms::is_disabled_fieldset(self.0);
        }
        self.is_html(&["optgroup"]) && self.0.has_attribute_named("disabled")
    }

    fn is_form_control(&self) -> bool {
        self.is_html(&["button", "input", "select", "textarea", "optgroup", "option", "fieldset"])
    }

    fn input_type(&self) -> String {
        self.attr("type").unwrap_or_default().to_ascii_lowercase()
    }

    /// Elements whose value the user could edit (`:read-write`).
    fn is_mutable_text_control(&self) -> bool {
        let editable_input = self.is_html(&["input"])
            && !matches!(
                self.input_type().as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "image" | "hidden" | "file" | "color" | "range"
            );
        (editable_input || self.is_html(&["textarea"]))
            && !self.0.has_attribute_named("readonly")
            && !self.is_disabled()
    }

    fn element_children(&self) -> impl Iterator<Item = &'a Element> {
        self.node().children().into_iter().filter_map(|c| c.downcast_root::<Element>()).map(unrooted)
    }
}

impl<'a> selectors::Element for ElementRef<'a> {
    type Impl = ApertureSelectors;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(self.0)
    }

    fn parent_element(&self) -> Option<Self> {
        self.node().parent().and_then(|p| p.downcast_root::<Element>()).map(|e| ElementRef(unrooted(e)))
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        self.node().parent().is_some_and(|p| p.is::<crate::dom::dom::shadowroot::ShadowRoot>())
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        let root = self.node().root();
        root.downcast::<crate::dom::dom::shadowroot::ShadowRoot>().map(|s| ElementRef(unrooted(s.host())))
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        let mut sibling = self.node().prev_sibling();
        while let Some(s) = sibling {
            if let Some(e) = s.downcast_root::<Element>() {
                return Some(ElementRef(unrooted(e)));
            }
            sibling = s.prev_sibling();
        }
        None
    }

    fn next_sibling_element(&self) -> Option<Self> {
        let mut sibling = self.node().next_sibling();
        while let Some(s) = sibling {
            if let Some(e) = s.downcast_root::<Element>() {
                return Some(ElementRef(unrooted(e)));
            }
            sibling = s.next_sibling();
        }
        None
    }

    fn first_element_child(&self) -> Option<Self> {
        self.element_children().next().map(ElementRef)
    }

    fn is_html_element_in_html_document(&self) -> bool {
        self.0.is_html_element() && self.node().owner_doc().is_html_document()
    }

    fn has_local_name(&self, local_name: &str) -> bool {
        self.0.local_name() == local_name
    }

    fn has_namespace(&self, ns: &str) -> bool {
        self.0.namespace().unwrap_or("") == ns
    }

    fn is_same_type(&self, other: &Self) -> bool {
        self.0.local_name() == other.0.local_name() && self.0.namespace() == other.0.namespace()
    }

    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&Ident>,
        local_name: &Ident,
        operation: &AttrSelectorOperation<&AttrString>,
    ) -> bool {
        self.0.attributes().iter().any(|a| {
            let ns_ok = match ns {
                NamespaceConstraint::Any => true,
                NamespaceConstraint::Specific(url) => a.namespace.as_deref().unwrap_or("") == url.0,
            };
            ns_ok && a.local_name == local_name.0 && operation.eval_str(&a.value)
        })
    }

    fn match_non_ts_pseudo_class(&self, pc: &PseudoClass, _context: &mut MatchingContext<ApertureSelectors>) -> bool {
        use PseudoClass::*;
        match pc {
            // Every link is unvisited: there is no history.
            AnyLink | Link => self.is_link_element(),
            // No user, no focus, no fragment navigation.
            Visited | Hover | Active | Focus | FocusWithin | FocusVisible | Target => false,
            // <https://fullscreen.spec.whatwg.org/#:fullscreen-pseudo-class>: "an element that
            // is its node document's fullscreen element" (Aperture's documents have one at most).
            Fullscreen => crate::dom::fullscreen::fullscreen_element(
                &crate::dom::bindings::inheritance::Castable::upcast::<crate::dom::dom::node::Node>(self.0).owner_doc(),
            )
            .is_some_and(|f| std::ptr::eq(&*f, self.0)),
            Checked => {
                (self.is_html(&["input"])
                    && matches!(self.input_type().as_str(), "checkbox" | "radio")
                    && self.0.has_attribute_named("checked"))
                    || (self.is_html(&["option"]) && self.0.has_attribute_named("selected"))
            }
            Indeterminate => false,
            Disabled => self.is_disabled(),
            Enabled => self.is_form_control() && !self.is_disabled(),
            // <https://dom.spec.whatwg.org/#concept-element-defined>: "An element whose custom
            // element state is "uncustomized" or "custom" is said to be defined."
            Defined => matches!(
                self.0.custom_element_state(),
                crate::dom::html::customelements::CustomElementState::Uncustomized
                    | crate::dom::html::customelements::CustomElementState::Custom
            ),
            Required => self.is_html(&["input", "select", "textarea"]) && self.0.has_attribute_named("required"),
            Optional => self.is_html(&["input", "select", "textarea"]) && !self.0.has_attribute_named("required"),
            ReadWrite => self.is_mutable_text_control(),
            ReadOnly => !self.is_mutable_text_control(),
            PlaceholderShown => {
                self.is_html(&["input", "textarea"])
                    && self.0.has_attribute_named("placeholder")
                    && self.attr("value").unwrap_or_default().is_empty()
            }
        }
    }

    fn match_pseudo_element(&self, _pe: &PseudoElement, _context: &mut MatchingContext<ApertureSelectors>) -> bool {
        false
    }

    fn apply_selector_flags(&self, _flags: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        self.is_link_element()
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.attr("id").is_some_and(|v| case_sensitivity.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.0.class_list().iter().any(|c| case_sensitivity.eq(c.as_bytes(), name.0.as_bytes()))
    }

    fn has_custom_state(&self, _name: &Ident) -> bool {
        false
    }

    fn imported_part(&self, _name: &Ident) -> Option<Ident> {
        None
    }

    fn is_part(&self, _name: &Ident) -> bool {
        false
    }

    /// <https://drafts.csswg.org/selectors/#the-empty-pseudo>: no element or
    /// non-empty text children.
    fn is_empty(&self) -> bool {
        self.node().children().iter().all(|c| match c.kind() {
            NodeKind::Element => false,
            NodeKind::Text => c.downcast::<CharacterData>().is_some_and(|t| t.data_string().is_empty()),
            _ => true,
        })
    }

    fn is_root(&self) -> bool {
        self.node().parent().is_some_and(|p| p.kind() == NodeKind::Document)
    }

    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}

/// Whether `element` matches `selectors`, with `scope` as `:scope`
/// (<https://drafts.csswg.org/selectors-4/#match-a-selector-against-an-element>).
pub fn element_matches(selectors: &Selectors, element: &Element, scope: Option<&Element>) -> bool {
    let mut caches = SelectorCaches::default();
    let mut context = MatchingContext::new(
        MatchingMode::Normal,
        None,
        &mut caches,
        QuirksMode::NoQuirks,
        NeedsSelectorFlags::No,
        MatchingForInvalidation::No,
    );
    context.scope_element = scope.map(OpaqueElement::new);
    matches_selector_list(selectors, ElementRef(element), &mut context)
}

/// The highest specificity (<https://drafts.csswg.org/selectors-4/#specificity-rules>) among
/// the selectors of `selectors` that match `element`, or `None` when none does. `host` is the
/// shadow host whose shadow tree the rules come from (for `:host`); `featureless` matches the
/// host itself from inside its shadow tree (<https://drafts.csswg.org/css-scoping-1/#host-element-in-tree>).
pub fn matching_specificity(
    selectors: &Selectors,
    element: &Element,
    host: Option<&Element>,
    featureless: bool,
) -> Option<u32> {
    let mut caches = SelectorCaches::default();
    let mut context = MatchingContext::new(
        MatchingMode::Normal,
        None,
        &mut caches,
        QuirksMode::NoQuirks,
        NeedsSelectorFlags::No,
        MatchingForInvalidation::No,
    );
    context.with_shadow_host(host.map(ElementRef), |context| {
        context.with_featureless(featureless, |context| {
            selectors
                .slice()
                .iter()
                .filter(|s| selectors::matching::matches_selector(s, 0, None, ElementRef(element), context))
                .map(|s| s.specificity())
                .max()
        })
    })
}

/// <https://dom.spec.whatwg.org/#scope-match-a-selectors-string>: the
/// elements among `node`'s descendants, in tree order, that match
/// `selectors` with `node` as the scoping root. `first_only` stops at the
/// first match (`querySelector`).
pub fn scope_match(node: &Node, source: &str, first_only: bool) -> Fallible<Vec<DomRoot<Element>>> {
    // Step 1: Let s be the result of parse a selector selectors; if s is failure, throw a "SyntaxError".
    let selectors = parse_selectors(source)?;
    // Step 2: match s against node's descendants with scoping root node. A
    // document or fragment as the scoping root leaves `:scope` to mean `:root`.
    let scope = node.downcast::<Element>();
    let mut out = Vec::new();
    for element in node.element_descendants() {
        if element_matches(&selectors, &element, scope) {
            out.push(element);
            if first_only {
                break;
            }
        }
    }
    Ok(out)
}
