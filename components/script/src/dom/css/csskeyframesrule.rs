//! `CSSKeyframesRule` (<https://drafts.csswg.org/css-animations/#interface-csskeyframesrule>).
//! No animation runs (Aperture has no layout or animation timeline).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSKeyframesRuleBinding::CSSKeyframesRuleMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::csskeyframerule::CSSKeyframeRule;
use crate::dom::css::cssrule::{CSSRule, serialize_group};
use crate::dom::css::cssrulelist::{CSSRuleList, RuleStore};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::sheetparser::{KeyframeData, parse_keyframe_rule, parse_keyframe_selector, serialize_identifier};
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSKeyframesRule {
    cssrule: CSSRule,
    #[no_trace]
    name: RefCell<String>,
    rules: RuleStore,
    rule_list: MutNullableDom<CSSRuleList>,
}

impl CSSKeyframesRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        name: String,
        keyframes: Vec<KeyframeData>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSKeyframesRule> {
        let rule = reflect_dom_object(
            cx,
            Box::new(CSSKeyframesRule {
                cssrule: CSSRule::new_inherited(sheet, parent),
                name: RefCell::new(name),
                rules: RuleStore::default(),
                rule_list: MutNullableDom::new(None),
            }),
            window,
        );
        let children = keyframes
            .into_iter()
            .map(|k| DomRoot::upcast(CSSKeyframeRule::new(cx, window, k, sheet, Some(rule.upcast()))))
            .collect();
        rule.rules.replace_all(children);
        rule
    }

    pub fn rules(&self) -> &RuleStore {
        &self.rules
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>: "@keyframes name {", each
    /// keyframe on its own line, "\n}".
    pub fn serialize(&self) -> String {
        serialize_group(&format!("@keyframes {}", serialize_identifier(&self.name.borrow())), &self.rules.items())
    }

    /// The index of the last keyframe rule whose keys are `select`'s.
    fn find_index(&self, select: &str) -> Option<usize> {
        let keys = parse_keyframe_selector(select)?;
        let items = self.rules.items();
        items.iter().rposition(|r| r.downcast::<CSSKeyframeRule>().is_some_and(|k| k.keys() == keys))
    }
}

impl CSSKeyframesRuleMethods for CSSKeyframesRule {
    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-name>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        self.name.borrow().clone().into()
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-name>
    fn SetName(&self, _cx: &mut JSContext, value: DOMString) {
        *self.name.borrow_mut() = value.to_string();
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-cssrules>
    fn CssRules(&self, cx: &mut JSContext) -> DomRoot<CSSRuleList> {
        if let Some(list) = self.rule_list.get() {
            return list;
        }
        let list = CSSRuleList::for_keyframes(cx, &self.global(), self);
        self.rule_list.set(Some(&list));
        list
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.rules.len() as u32
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-appendrule>: "parse the
    /// given rule as a keyframe rule; if parsing fails, do nothing; otherwise append it".
    fn AppendRule(&self, cx: &mut JSContext, rule: DOMString) {
        let Some(data) = parse_keyframe_rule(&rule) else { return };
        let sheet = self.upcast::<CSSRule>().parent_sheet();
        let keyframe = CSSKeyframeRule::new(cx, &self.global(), data, sheet.as_deref(), Some(self.upcast()));
        self.rules.push(keyframe.upcast());
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-deleterule>: remove the
    /// last keyframe rule whose key matches `select`, if any.
    fn DeleteRule(&self, _cx: &mut JSContext, select: DOMString) {
        if let Some(i) = self.find_index(&select) {
            let _ = self.rules.remove(i as u32);
        }
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframesrule-findrule>: the last
    /// keyframe rule whose key matches `select`, or null.
    fn FindRule(&self, _cx: &mut JSContext, select: DOMString) -> Option<DomRoot<CSSKeyframeRule>> {
        let i = self.find_index(&select)?;
        self.rules.get(i).and_then(|r| r.downcast::<CSSKeyframeRule>().map(DomRoot::from_ref))
    }
}
