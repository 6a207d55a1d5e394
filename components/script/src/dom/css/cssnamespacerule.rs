//! `CSSNamespaceRule` (<https://drafts.csswg.org/cssom/#the-cssnamespacerule-interface>).

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSNamespaceRuleBinding::CSSNamespaceRuleMethods;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::sheetparser::{serialize_identifier, serialize_url};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSNamespaceRule {
    cssrule: CSSRule,
    #[no_trace]
    prefix: String,
    #[no_trace]
    uri: String,
}

impl CSSNamespaceRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        prefix: String,
        uri: String,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSNamespaceRule> {
        reflect_dom_object(
            cx,
            Box::new(CSSNamespaceRule { cssrule: CSSRule::new_inherited(sheet, parent), prefix, uri }),
            window,
        )
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>, CSSNamespaceRule: "@namespace",
    /// the prefix if not empty, the URL, ";".
    pub fn serialize(&self) -> String {
        let mut out = String::from("@namespace ");
        if !self.prefix.is_empty() {
            out.push_str(&serialize_identifier(&self.prefix));
            out.push(' ');
        }
        out.push_str(&serialize_url(&self.uri));
        out.push(';');
        out
    }
}

impl CSSNamespaceRuleMethods for CSSNamespaceRule {
    /// <https://drafts.csswg.org/cssom/#dom-cssnamespacerule-namespaceuri>
    fn NamespaceURI(&self, _cx: &mut JSContext) -> DOMString {
        self.uri.clone().into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssnamespacerule-prefix>
    fn Prefix(&self, _cx: &mut JSContext) -> DOMString {
        self.prefix.clone().into()
    }
}
