//! `CSSRule` (<https://drafts.csswg.org/cssom/#the-cssrule-interface>): the base of every rule
//! object, with the parent links, the historical `type`, and "serialize a CSS rule"
//! dispatched to the concrete rule.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CSSRuleBinding::CSSRuleMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssconditionrule::CSSConditionRule;
use crate::dom::css::cssfontfacerule::CSSFontFaceRule;
use crate::dom::css::cssgroupingrule::CSSGroupingRule;
use crate::dom::css::cssimportrule::CSSImportRule;
use crate::dom::css::csskeyframerule::CSSKeyframeRule;
use crate::dom::css::csskeyframesrule::CSSKeyframesRule;
use crate::dom::css::cssmediarule::CSSMediaRule;
use crate::dom::css::cssnamespacerule::CSSNamespaceRule;
use crate::dom::css::cssproperties::Declaration;
use crate::dom::css::cssstylerule::CSSStyleRule;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::csssupportsrule::CSSSupportsRule;
use crate::dom::css::sheetparser::RuleData;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSRule {
    reflector_: Reflector,
    /// <https://drafts.csswg.org/cssom/#concept-css-rule-parent-css-rule>
    parent_rule: MutNullableDom<CSSRule>,
    /// <https://drafts.csswg.org/cssom/#concept-css-rule-parent-css-style-sheet>
    parent_sheet: MutNullableDom<CSSStyleSheet>,
}

impl CSSRule {
    pub fn new_inherited(parent_sheet: Option<&CSSStyleSheet>, parent_rule: Option<&CSSRule>) -> CSSRule {
        CSSRule {
            reflector_: Reflector::new(),
            parent_rule: MutNullableDom::new(parent_rule),
            parent_sheet: MutNullableDom::new(parent_sheet),
        }
    }

    /// The rule object for parsed `data`, with its parents.
    pub fn create(
        cx: &mut JSContext,
        window: &Window,
        data: RuleData,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSRule> {
        match data {
            RuleData::Style { selectors, block } => {
                DomRoot::upcast(CSSStyleRule::new(cx, window, selectors, block, sheet, parent))
            }
            RuleData::Import { href, media, layer, supports } => {
                DomRoot::upcast(CSSImportRule::new(cx, window, href, media, layer, supports, sheet, parent))
            }
            RuleData::Namespace { prefix, uri } => {
                DomRoot::upcast(CSSNamespaceRule::new(cx, window, prefix, uri, sheet, parent))
            }
            RuleData::Media { media, rules } => {
                DomRoot::upcast(CSSMediaRule::new(cx, window, media, rules, sheet, parent))
            }
            RuleData::Supports { condition, rules } => {
                DomRoot::upcast(CSSSupportsRule::new(cx, window, condition, rules, sheet, parent))
            }
            RuleData::FontFace { block } => DomRoot::upcast(CSSFontFaceRule::new(cx, window, block, sheet, parent)),
            RuleData::Keyframes { name, keyframes } => {
                DomRoot::upcast(CSSKeyframesRule::new(cx, window, name, keyframes, sheet, parent))
            }
        }
    }

    pub fn parent_sheet(&self) -> Option<DomRoot<CSSStyleSheet>> {
        self.parent_sheet.get()
    }

    /// Detaches the rule (and its descendants keep pointing at it): "set old rule's parent
    /// CSS rule and parent CSS style sheet to null" (<https://drafts.csswg.org/cssom/#remove-a-css-rule>).
    pub fn detach(&self) {
        self.parent_rule.set(None);
        self.set_parent_sheet(None);
    }

    /// Sets the parent style sheet of this rule and of the rules nested in it.
    pub fn set_parent_sheet(&self, sheet: Option<&CSSStyleSheet>) {
        self.parent_sheet.set(sheet);
        if let Some(group) = self.downcast::<CSSGroupingRule>() {
            for child in group.rules().items() {
                child.set_parent_sheet(sheet);
            }
        }
        if let Some(keyframes) = self.downcast::<CSSKeyframesRule>() {
            for child in keyframes.rules().items() {
                child.set_parent_sheet(sheet);
            }
        }
    }

    pub fn is_import(&self) -> bool {
        self.is::<CSSImportRule>()
    }

    pub fn is_namespace(&self) -> bool {
        self.is::<CSSNamespaceRule>()
    }

    /// The declarations of a rule that has them (style, keyframe and @font-face rules).
    pub fn declarations(&self) -> Option<&RefCell<Vec<Declaration>>> {
        if let Some(r) = self.downcast::<CSSStyleRule>() {
            return Some(r.block());
        }
        if let Some(r) = self.downcast::<CSSKeyframeRule>() {
            return Some(r.block());
        }
        self.downcast::<CSSFontFaceRule>().map(|r| r.block())
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>
    pub fn serialize(&self) -> String {
        if let Some(r) = self.downcast::<CSSStyleRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSImportRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSNamespaceRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSMediaRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSSupportsRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSFontFaceRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSKeyframesRule>() {
            return r.serialize();
        }
        if let Some(r) = self.downcast::<CSSKeyframeRule>() {
            return r.serialize();
        }
        String::new()
    }

    /// The `type` constant of the concrete rule (<https://drafts.csswg.org/cssom/#dom-cssrule-type>).
    fn type_constant(&self) -> u16 {
        if self.is::<CSSStyleRule>() {
            1
        } else if self.is::<CSSImportRule>() {
            3
        } else if self.is::<CSSMediaRule>() {
            4
        } else if self.is::<CSSFontFaceRule>() {
            5
        } else if self.is::<CSSKeyframesRule>() {
            7
        } else if self.is::<CSSKeyframeRule>() {
            8
        } else if self.is::<CSSNamespaceRule>() {
            10
        } else if self.is::<CSSSupportsRule>() {
            12
        } else {
            0
        }
    }
}

/// The serialization of a grouping rule: "@name prelude {", each child rule on its own line
/// indented by two spaces, then "\n}" (<https://drafts.csswg.org/cssom/#serialize-a-css-rule>,
/// CSSMediaRule and CSSSupportsRule).
pub fn serialize_group(head: &str, rules: &[DomRoot<CSSRule>]) -> String {
    let mut out = format!("{head} {{");
    for rule in rules {
        out.push_str("\n  ");
        out.push_str(&rule.serialize());
    }
    out.push_str("\n}");
    out
}

/// Lets `CSSConditionRule` reach its concrete rule's condition.
pub fn condition_text(rule: &CSSConditionRule) -> String {
    let rule = rule.upcast::<CSSRule>();
    if let Some(m) = rule.downcast::<CSSMediaRule>() {
        return m.condition_text();
    }
    if let Some(s) = rule.downcast::<CSSSupportsRule>() {
        return s.condition_text();
    }
    String::new()
}

impl CSSRuleMethods for CSSRule {
    /// <https://drafts.csswg.org/cssom/#dom-cssrule-csstext>: "return a serialization of the
    /// CSS rule".
    fn CssText(&self, _cx: &mut JSContext) -> DOMString {
        self.serialize().into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssrule-csstext>: "On setting the cssText
    /// attribute must do nothing."
    fn SetCssText(&self, _cx: &mut JSContext, _value: DOMString) {}

    /// <https://drafts.csswg.org/cssom/#dom-cssrule-parentrule>
    fn ParentRule(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSRule>> {
        self.parent_rule.get()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssrule-parentstylesheet>
    fn ParentStyleSheet(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSStyleSheet>> {
        self.parent_sheet.get()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssrule-type>
    fn Type(&self, _cx: &mut JSContext) -> u16 {
        self.type_constant()
    }
}
