//! The author style rules that apply to an element
//! (<https://drafts.csswg.org/css-cascade-5/#cascading>): the style rules of the CSS style
//! sheets of the element's tree — its document's or shadow root's `<style>` sheets in tree
//! order, then its adopted style sheets — that are not disabled and whose media matches, with
//! @media rules whose query matches and @supports rules whose condition holds. Among the
//! rules that declare a property, the important declarations win, then the highest
//! specificity, then the last in order of appearance.
//!
//! A shadow host also gets the `:host` rules of its shadow tree's sheets, ranked by cascade
//! context (<https://drafts.csswg.org/css-cascade-5/#cascade-context>).
//!
//! Not modelled: `::slotted()` and `::part()`, inheritance through the flat tree (slotted
//! elements inherit from their DOM parent), pseudo-element rules, cascade layers.

use mozjs::context::JSContext;

use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cssgroupingrule::CSSGroupingRule;
use crate::dom::css::cssmediarule::CSSMediaRule;
use crate::dom::css::cssproperties::{Declaration, is_custom, parse_property};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstylerule::CSSStyleRule;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::csssupportsrule::CSSSupportsRule;
use crate::dom::css::stylesheetlist::sheets_of;
use crate::dom::dom::element::Element;
use crate::dom::dom::node::Node;
use crate::dom::dom::selectormatching::{Selectors, matching_specificity, parse_selectors};
use crate::dom::dom::shadowroot::ShadowRoot;

struct AuthorRule {
    selectors: Selectors,
    block: Vec<Declaration>,
    /// Whether the selector text names `style` (say `[style*=…]`): then an element's `style`
    /// attribute can change what matches other elements.
    names_style: bool,
}

/// The style rules of one tree, in order of appearance, and those of the shadow trees of the
/// shadow hosts in it (which reach their host through `:host`).
pub struct Cascade {
    rules: Vec<AuthorRule>,
    /// The host of the tree when it is a shadow tree (its rules' `:host`).
    host: Option<DomRoot<Element>>,
    /// For each shadow host of the tree, the rules of its shadow tree's sheets.
    inner: Vec<(DomRoot<Element>, Vec<AuthorRule>)>,
    /// The adopted sheets read, by tree (a document or shadow root that has an
    /// `adoptedStyleSheets` array): the layout cache compares them at each query.
    pub adopted: Vec<(DomRoot<Node>, Vec<DomRoot<CSSStyleSheet>>)>,
}

/// The cascaded values of one property, by rank (<https://drafts.csswg.org/css-cascade-5/#cascade-context>):
/// for normal declarations the outer context wins, for important ones the inner context.
#[derive(Default)]
pub struct Cascaded {
    /// Important declarations of the host's shadow tree rules (`:host`).
    pub inner_important: Option<String>,
    pub important: Option<String>,
    pub normal: Option<String>,
    /// Normal declarations of the host's shadow tree rules.
    pub inner_normal: Option<String>,
}

/// The style rules of the sheets of `root` (a document or shadow root) that apply; the
/// adopted sheets read go to `adopted`.
fn rules_of_tree(
    cx: &mut JSContext,
    root: &Node,
    adopted: &mut Vec<(DomRoot<Node>, Vec<DomRoot<CSSStyleSheet>>)>,
) -> Vec<AuthorRule> {
    let mut sheets = sheets_of(cx, root);
    if let Some(own) = crate::dom::css::documentorshadowroot::adopted_sheets_of(cx, root) {
        sheets.extend(own.iter().cloned());
        adopted.push((DomRoot::from_ref(root), own));
    }
    let mut rules = Vec::new();
    for sheet in sheets.iter().filter(|s| s.applies()) {
        collect(&sheet_rules(sheet), &mut rules);
    }
    rules
}

/// The winning value among `rules` for `property` (important, normal). `matched` remembers,
/// per rule, whether it matches `element` (with its specificity) once a property asked for it.
fn winner(
    rules: &[AuthorRule],
    matched: &mut [Option<Option<u32>>],
    element: &Element,
    property: &str,
    host: Option<&Element>,
    featureless: bool,
) -> (Option<String>, Option<String>) {
    let mut important: Option<(u32, &str)> = None;
    let mut normal: Option<(u32, &str)> = None;
    for (rule, matched) in rules.iter().zip(matched.iter_mut()) {
        let Some(declaration) = rule.block.iter().find(|d| d.name == property) else { continue };
        let specificity =
            *matched.get_or_insert_with(|| matching_specificity(&rule.selectors, element, host, featureless));
        let Some(specificity) = specificity else { continue };
        let slot = if declaration.important { &mut important } else { &mut normal };
        // A later rule of equal specificity wins (order of appearance).
        if slot.is_none_or(|(s, _)| specificity >= s) {
            *slot = Some((specificity, &declaration.value));
        }
    }
    (important.map(|(_, v)| v.to_owned()), normal.map(|(_, v)| v.to_owned()))
}

impl Cascade {
    /// No author rules (an element that is not connected has no computed style anyway).
    pub fn empty() -> Cascade {
        Cascade { rules: Vec::new(), host: None, inner: Vec::new(), adopted: Vec::new() }
    }

    /// The rules of the sheets of `element`'s tree, and of the shadow trees of its hosts.
    pub fn for_element(cx: &mut JSContext, element: &Element) -> Cascade {
        Cascade::for_tree(cx, &element.upcast::<Node>().root())
    }

    /// The rules of the sheets of the tree whose root is `root` (a document or shadow root),
    /// and of the shadow trees of its hosts.
    pub fn for_tree(cx: &mut JSContext, root: &Node) -> Cascade {
        let mut adopted = Vec::new();
        let rules = rules_of_tree(cx, root, &mut adopted);
        let host = root.downcast::<ShadowRoot>().map(|s| s.host());
        let mut shadows = Vec::new();
        root.for_each_inclusive_descendant(|node| {
            if let Some(shadow) = node.downcast::<Element>().and_then(|e| e.shadow_root()) {
                shadows.push(shadow);
            }
        });
        let mut inner = Vec::new();
        for shadow in shadows {
            let shadow_rules = rules_of_tree(cx, shadow.upcast(), &mut adopted);
            if !shadow_rules.is_empty() {
                inner.push((shadow.host(), shadow_rules));
            }
        }
        Cascade { rules, host, inner, adopted }
    }

    /// Whether a selector among the rules names `style`, so that a `style` attribute may change
    /// which rules match an element other than its own.
    pub fn names_style_attribute(&self) -> bool {
        self.rules.iter().chain(self.inner.iter().flat_map(|(_, rules)| rules)).any(|r| r.names_style)
    }

    /// The cascaded values of `property` for `element` among the rules.
    pub fn lookup(&self, element: &Element, property: &str) -> Cascaded {
        self.lookups(element).get(property)
    }

    /// Lookups of several properties for `element`, each rule's selectors matched at most once.
    pub fn lookups<'a>(&'a self, element: &'a Element) -> Lookups<'a> {
        let inner = self.inner.iter().find(|(h, _)| std::ptr::eq(&**h, element));
        Lookups {
            cascade: self,
            element,
            matched: vec![None; self.rules.len()],
            inner,
            inner_matched: vec![None; inner.map_or(0, |(_, rules)| rules.len())],
        }
    }
}

/// Cascaded values of one element, property by property (see [`Cascade::lookups`]).
pub struct Lookups<'a> {
    cascade: &'a Cascade,
    element: &'a Element,
    /// Per rule: not matched yet, or whether it matches and with which specificity.
    matched: Vec<Option<Option<u32>>>,
    inner: Option<&'a (DomRoot<Element>, Vec<AuthorRule>)>,
    inner_matched: Vec<Option<Option<u32>>>,
}

impl Lookups<'_> {
    /// The cascaded values of `property`.
    pub fn get(&mut self, property: &str) -> Cascaded {
        let c = self.cascade;
        let (important, normal) = if c.rules.is_empty() {
            (None, None)
        } else {
            winner(&c.rules, &mut self.matched, self.element, property, c.host.as_deref(), false)
        };
        let mut cascaded = Cascaded { important, normal, ..Default::default() };
        if let Some((host, rules)) = self.inner {
            let (inner_important, inner_normal) =
                winner(rules, &mut self.inner_matched, self.element, property, Some(host), true);
            cascaded.inner_important = inner_important;
            cascaded.inner_normal = inner_normal;
        }
        cascaded
    }
}

fn sheet_rules(sheet: &CSSStyleSheet) -> Vec<DomRoot<CSSRule>> {
    sheet.rules().items()
}

/// The style rules among `rules`, descending into @media and @supports rules that apply.
fn collect(rules: &[DomRoot<CSSRule>], out: &mut Vec<AuthorRule>) {
    for rule in rules {
        if let Some(style) = rule.downcast::<CSSStyleRule>() {
            let text = style.selector_text();
            if let Ok(selectors) = parse_selectors(&text) {
                let names_style = text.to_ascii_lowercase().contains("style");
                out.push(AuthorRule { selectors, block: style.block().borrow().clone(), names_style });
            }
            continue;
        }
        let applies = if let Some(media) = rule.downcast::<CSSMediaRule>() {
            media.matches()
        } else if let Some(supports) = rule.downcast::<CSSSupportsRule>() {
            supports_condition(&supports.condition_text()).unwrap_or(false)
        } else {
            false
        };
        if applies && let Some(group) = rule.downcast::<CSSGroupingRule>() {
            collect(&group.rules().items(), out);
        }
    }
}

/// <https://drafts.csswg.org/css-conditional-3/#at-supports>: whether a supports condition
/// holds: `(property: value)` declarations Aperture parses, combined with `not`, `and`, `or`
/// and parentheses. `None` for a condition that does not parse (false), such as `selector()`.
pub fn supports_condition(condition: &str) -> Option<bool> {
    let condition = condition.trim();
    let lower = condition.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("not ") {
        return supports_in_parens(condition[condition.len() - rest.len()..].trim()).map(|b| !b);
    }
    let parts = split_top_level_words(condition);
    if parts.len() == 1 {
        return supports_in_parens(condition);
    }
    // parts alternate: operand, operator, operand… with one kind of operator.
    let operators: Vec<String> = parts.iter().skip(1).step_by(2).map(|o| o.to_ascii_lowercase()).collect();
    if !(operators.iter().all(|o| o == "and") || operators.iter().all(|o| o == "or")) || parts.len().is_multiple_of(2) {
        return None;
    }
    let mut values = Vec::new();
    for operand in parts.iter().step_by(2) {
        values.push(supports_in_parens(operand)?);
    }
    Some(if operators[0] == "and" { values.iter().all(|v| *v) } else { values.iter().any(|v| *v) })
}

/// `( condition )` or `( property: value )`.
fn supports_in_parens(text: &str) -> Option<bool> {
    let inner = text.strip_prefix('(')?.strip_suffix(')')?.trim();
    if inner.starts_with('(') || inner.to_ascii_lowercase().starts_with("not ") {
        return supports_condition(inner);
    }
    let (name, value) = inner.split_once(':')?;
    let name = name.trim();
    let value = value.trim();
    if is_custom(name) {
        return Some(true);
    }
    Some(parse_property(&name.to_ascii_lowercase(), value).is_some())
}

/// Splits at whitespace outside parentheses into operands and operator words.
fn split_top_level_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::supports_condition;

    #[test]
    fn supports_conditions() {
        assert_eq!(supports_condition("(display: grid)"), Some(true));
        assert_eq!(supports_condition("(display: nonsense)"), Some(false));
        assert_eq!(supports_condition("not (display: nonsense)"), Some(true));
        assert_eq!(supports_condition("(display: grid) and (color: red)"), Some(true));
        assert_eq!(supports_condition("(display: nonsense) or (color: red)"), Some(true));
        assert_eq!(supports_condition("selector(a > b)"), None);
        assert_eq!(supports_condition("not ((display: grid) and (color: nonsense))"), Some(true));
    }
}
