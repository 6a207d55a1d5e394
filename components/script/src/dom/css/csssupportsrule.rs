//! `CSSSupportsRule` (<https://drafts.csswg.org/css-conditional-3/#the-csssupportsrule-interface>).
//! The condition is kept as written (whitespace collapsed) and is not evaluated.

use dom_struct::dom_struct;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSSupportsRuleBinding::CSSSupportsRuleMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::css::cssconditionrule::CSSConditionRule;
use crate::dom::css::cssrule::{CSSRule, serialize_group};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::sheetparser::RuleData;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSSupportsRule {
    conditionrule: CSSConditionRule,
    #[no_trace]
    condition: String,
}

impl CSSSupportsRule {
    pub fn new(
        cx: &mut mozjs::context::JSContext,
        window: &Window,
        condition: String,
        children: Vec<RuleData>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSSupportsRule> {
        let rule = reflect_dom_object(
            cx,
            Box::new(CSSSupportsRule { conditionrule: CSSConditionRule::new_inherited(sheet, parent), condition }),
            window,
        );
        rule.conditionrule.grouping().set_children(cx, window, children);
        rule
    }

    /// <https://drafts.csswg.org/css-conditional-3/#dom-csssupportsrule-conditiontext>
    pub fn condition_text(&self) -> String {
        self.condition.clone()
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>, CSSSupportsRule.
    pub fn serialize(&self) -> String {
        serialize_group(&format!("@supports {}", self.condition), &self.conditionrule.grouping().rules().items())
    }
}

impl CSSSupportsRuleMethods for CSSSupportsRule {}
