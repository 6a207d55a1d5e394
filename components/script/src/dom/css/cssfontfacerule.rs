//! `CSSFontFaceRule` (<https://drafts.csswg.org/css-fonts-4/#om-fontface>): the descriptors
//! of an @font-face rule, kept as written. No font is loaded.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSFontFaceRuleBinding::CSSFontFaceRuleMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::css::cssproperties::{Declaration, serialize_block};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSFontFaceRule {
    cssrule: CSSRule,
    #[no_trace]
    block: RefCell<Vec<Declaration>>,
    style: MutNullableDom<CSSStyleDeclaration>,
}

impl CSSFontFaceRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        block: Vec<Declaration>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSFontFaceRule> {
        reflect_dom_object(
            cx,
            Box::new(CSSFontFaceRule {
                cssrule: CSSRule::new_inherited(sheet, parent),
                block: RefCell::new(block),
                style: MutNullableDom::new(None),
            }),
            window,
        )
    }

    pub fn block(&self) -> &RefCell<Vec<Declaration>> {
        &self.block
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>: "@font-face {", the
    /// descriptors after a space if any, " }".
    pub fn serialize(&self) -> String {
        let decls = serialize_block(&self.block.borrow());
        if decls.is_empty() { "@font-face { }".to_owned() } else { format!("@font-face {{ {decls} }}") }
    }
}

impl CSSFontFaceRuleMethods for CSSFontFaceRule {
    /// <https://drafts.csswg.org/css-fonts-4/#dom-cssfontfacerule-style>
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        if let Some(style) = self.style.get() {
            return style;
        }
        let style = CSSStyleDeclaration::new_for_rule(cx, self.upcast());
        self.style.set(Some(&style));
        style
    }
}
