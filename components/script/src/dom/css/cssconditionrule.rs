//! `CSSConditionRule` (<https://drafts.csswg.org/css-conditional-3/#the-cssconditionrule-interface>):
//! a grouping rule with a condition (@media, @supports).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CSSConditionRuleBinding::CSSConditionRuleMethods;
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssgroupingrule::CSSGroupingRule;
use crate::dom::css::cssrule::{CSSRule, condition_text};
use crate::dom::css::cssstylesheet::CSSStyleSheet;

#[dom_struct]
pub struct CSSConditionRule {
    groupingrule: CSSGroupingRule,
}

impl CSSConditionRule {
    pub fn new_inherited(sheet: Option<&CSSStyleSheet>, parent: Option<&CSSRule>) -> CSSConditionRule {
        CSSConditionRule { groupingrule: CSSGroupingRule::new_inherited(sheet, parent) }
    }

    pub fn grouping(&self) -> &CSSGroupingRule {
        &self.groupingrule
    }
}

impl CSSConditionRuleMethods for CSSConditionRule {
    /// <https://drafts.csswg.org/css-conditional-3/#dom-cssconditionrule-conditiontext>: "the
    /// derived condition text" of the concrete rule.
    fn ConditionText(&self, _cx: &mut JSContext) -> DOMString {
        condition_text(self).into()
    }
}
