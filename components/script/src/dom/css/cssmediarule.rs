//! `CSSMediaRule` (<https://drafts.csswg.org/css-conditional-3/#the-cssmediarule-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSMediaRuleBinding::CSSMediaRuleMethods;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::css::cssconditionrule::CSSConditionRule;
use crate::dom::css::cssrule::{CSSRule, serialize_group};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::medialist::MediaList;
use crate::dom::css::sheetparser::RuleData;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSMediaRule {
    conditionrule: CSSConditionRule,
    media: Dom<MediaList>,
}

impl CSSMediaRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        media: Vec<String>,
        children: Vec<RuleData>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSMediaRule> {
        let media = MediaList::new(cx, window, media);
        let rule = reflect_dom_object(
            cx,
            Box::new(CSSMediaRule {
                conditionrule: CSSConditionRule::new_inherited(sheet, parent),
                media: Dom::from_ref(&*media),
            }),
            window,
        );
        rule.conditionrule.grouping().set_children(cx, window, children);
        rule
    }

    /// <https://drafts.csswg.org/css-conditional-3/#dom-cssmediarule-conditiontext>: the
    /// serialized media query list.
    pub fn condition_text(&self) -> String {
        self.media.text()
    }

    /// Whether the media query list matches the headless environment.
    pub fn matches(&self) -> bool {
        self.media.matches()
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>, CSSMediaRule.
    pub fn serialize(&self) -> String {
        serialize_group(&format!("@media {}", self.media.text()), &self.conditionrule.grouping().rules().items())
    }
}

impl CSSMediaRuleMethods for CSSMediaRule {
    /// <https://drafts.csswg.org/css-conditional-3/#dom-cssmediarule-media>
    fn Media(&self, _cx: &mut JSContext) -> DomRoot<MediaList> {
        self.media.as_rooted()
    }
}
