//! `CSSGroupingRule` (<https://drafts.csswg.org/cssom/#the-cssgroupingrule-interface>): a rule
//! with child CSS rules (@media, @supports).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::CSSGroupingRuleBinding::CSSGroupingRuleMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssrulelist::{CSSRuleList, RuleStore};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::sheetparser::{self, RuleData};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSGroupingRule {
    cssrule: CSSRule,
    /// <https://drafts.csswg.org/cssom/#concept-css-grouping-rule-child-css-rules>
    rules: RuleStore,
    rule_list: MutNullableDom<CSSRuleList>,
}

impl CSSGroupingRule {
    pub fn new_inherited(sheet: Option<&CSSStyleSheet>, parent: Option<&CSSRule>) -> CSSGroupingRule {
        CSSGroupingRule {
            cssrule: CSSRule::new_inherited(sheet, parent),
            rules: RuleStore::default(),
            rule_list: MutNullableDom::new(None),
        }
    }

    pub fn rules(&self) -> &RuleStore {
        &self.rules
    }

    /// Makes the child rule objects of a freshly reflected grouping rule.
    pub fn set_children(&self, cx: &mut JSContext, window: &Window, children: Vec<RuleData>) {
        let sheet = self.upcast::<CSSRule>().parent_sheet();
        let rules = children
            .into_iter()
            .map(|d| CSSRule::create(cx, window, d, sheet.as_deref(), Some(self.upcast())))
            .collect();
        self.rules.replace_all(rules);
        crate::dom::layout::cache::invalidate_cssom(self);
    }
}

impl CSSGroupingRuleMethods for CSSGroupingRule {
    /// <https://drafts.csswg.org/cssom/#dom-cssgroupingrule-cssrules>
    fn CssRules(&self, cx: &mut JSContext) -> DomRoot<CSSRuleList> {
        if let Some(list) = self.rule_list.get() {
            return list;
        }
        let list = CSSRuleList::for_group(cx, &self.global(), self);
        self.rule_list.set(Some(&list));
        list
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssgroupingrule-insertrule>: "return the result of
    /// invoking insert a CSS rule rule into the child CSS rules at index, with nested set".
    fn InsertRule(&self, cx: &mut JSContext, rule: DOMString, index: u32) -> Fallible<u32> {
        // Insert a CSS rule, step 3: "Set new rule to the results of performing parse a CSS
        // rule on argument rule."; step 5: a syntax error throws a SyntaxError; step 6: an
        // @import or @namespace rule cannot be a child of a grouping rule in CSS, so it is a
        // HierarchyRequestError.
        let parsed = match sheetparser::parse_rule_for_group(&rule) {
            Ok(parsed) => parsed,
            Err(true) => {
                return Err(Error::HierarchyRequest(
                    "@import and @namespace rules cannot be nested in a grouping rule.".into(),
                ));
            }
            Err(false) => return Err(Error::Syntax(format!("'{rule}' is not a valid CSS rule."))),
        };
        let window = self.global();
        let sheet = self.upcast::<CSSRule>().parent_sheet();
        let inserted = self.rules.insert(index, false, false, || {
            CSSRule::create(cx, &window, parsed, sheet.as_deref(), Some(self.upcast()))
        });
        crate::dom::layout::cache::invalidate_cssom(self);
        inserted
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssgroupingrule-deleterule>: "remove a CSS rule
    /// from the child CSS rules at index".
    fn DeleteRule(&self, _cx: &mut JSContext, index: u32) -> ErrorResult {
        self.rules.remove(index)?;
        crate::dom::layout::cache::invalidate_cssom(self);
        Ok(())
    }
}
