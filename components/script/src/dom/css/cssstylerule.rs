//! `CSSStyleRule` (<https://drafts.csswg.org/cssom/#the-cssstylerule-interface>): a selector
//! list and its declarations.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSStyleRuleBinding::CSSStyleRuleMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssproperties::{Declaration, serialize_block};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::dom::selectormatching::parse_selectors;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSStyleRule {
    cssrule: CSSRule,
    /// The associated group of selectors, serialized.
    #[no_trace]
    selectors: RefCell<String>,
    /// The declarations (<https://drafts.csswg.org/cssom/#concept-css-declaration-block-declarations>).
    #[no_trace]
    block: RefCell<Vec<Declaration>>,
    style: MutNullableDom<CSSStyleDeclaration>,
}

impl CSSStyleRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        selectors: String,
        block: Vec<Declaration>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSStyleRule> {
        reflect_dom_object(
            cx,
            Box::new(CSSStyleRule {
                cssrule: CSSRule::new_inherited(sheet, parent),
                selectors: RefCell::new(selectors),
                block: RefCell::new(block),
                style: MutNullableDom::new(None),
            }),
            window,
        )
    }

    pub fn block(&self) -> &RefCell<Vec<Declaration>> {
        &self.block
    }

    pub fn selector_text(&self) -> String {
        self.selectors.borrow().clone()
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>, CSSStyleRule: the selectors,
    /// " {", the declarations after a space if there are any, then " }".
    pub fn serialize(&self) -> String {
        let mut out = format!("{} {{", self.selectors.borrow());
        let decls = serialize_block(&self.block.borrow());
        if !decls.is_empty() {
            out.push(' ');
            out.push_str(&decls);
        }
        out.push_str(" }");
        out
    }
}

impl CSSStyleRuleMethods for CSSStyleRule {
    /// <https://drafts.csswg.org/cssom/#dom-cssstylerule-selectortext>: "the result of
    /// performing serialize a group of selectors on the associated selectors".
    fn SelectorText(&self, _cx: &mut JSContext) -> DOMString {
        self.selector_text().into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylerule-selectortext>
    fn SetSelectorText(&self, _cx: &mut JSContext, value: DOMString) {
        // 1. Run the parse a group of selectors algorithm on the given value.
        // 2. If the algorithm returns a non-null value replace the associated group of
        //    selectors with the returned value.
        // 3. Otherwise, if the algorithm returns a null value, do nothing.
        if let Ok(list) = parse_selectors(&value) {
            *self.selectors.borrow_mut() = cssparser::ToCss::to_css_string(&list);
            crate::dom::layout::cache::invalidate_cssom(self);
        }
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylerule-style>: a CSSStyleDeclaration whose
    /// parent CSS rule is this rule and whose declarations are the rule's.
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        if let Some(style) = self.style.get() {
            return style;
        }
        let style = CSSStyleDeclaration::new_for_rule(cx, self.upcast());
        self.style.set(Some(&style));
        style
    }
}
