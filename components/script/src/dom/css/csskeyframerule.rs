//! `CSSKeyframeRule` (<https://drafts.csswg.org/css-animations/#interface-csskeyframerule>).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSKeyframeRuleBinding::CSSKeyframeRuleMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::css::cssproperties::{Declaration, serialize_block};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstyledeclaration::CSSStyleDeclaration;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::sheetparser::{KeyframeData, parse_keyframe_selector, serialize_keys};
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSKeyframeRule {
    cssrule: CSSRule,
    #[no_trace]
    keys: RefCell<Vec<f64>>,
    #[no_trace]
    block: RefCell<Vec<Declaration>>,
    style: MutNullableDom<CSSStyleDeclaration>,
}

impl CSSKeyframeRule {
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        data: KeyframeData,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSKeyframeRule> {
        reflect_dom_object(
            cx,
            Box::new(CSSKeyframeRule {
                cssrule: CSSRule::new_inherited(sheet, parent),
                keys: RefCell::new(data.keys),
                block: RefCell::new(data.block),
                style: MutNullableDom::new(None),
            }),
            window,
        )
    }

    pub fn block(&self) -> &RefCell<Vec<Declaration>> {
        &self.block
    }

    pub fn keys(&self) -> Vec<f64> {
        self.keys.borrow().clone()
    }

    /// The keyframe as text: "keyText { declarations }".
    pub fn serialize(&self) -> String {
        let decls = serialize_block(&self.block.borrow());
        let keys = serialize_keys(&self.keys.borrow());
        if decls.is_empty() { format!("{keys} {{ }}") } else { format!("{keys} {{ {decls} }}") }
    }
}

impl CSSKeyframeRuleMethods for CSSKeyframeRule {
    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframerule-keytext>
    fn KeyText(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        Ok(serialize_keys(&self.keys.borrow()).into())
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframerule-keytext>: "If the keyText
    /// is updated with an invalid keyframe selector, a SyntaxError exception must be thrown
    /// and the keyText must remain unchanged."
    fn SetKeyText(&self, _cx: &mut JSContext, value: DOMString) -> ErrorResult {
        let keys = parse_keyframe_selector(&value)
            .ok_or_else(|| Error::Syntax(format!("'{value}' is not a valid keyframe selector.")))?;
        *self.keys.borrow_mut() = keys;
        Ok(())
    }

    /// <https://drafts.csswg.org/css-animations/#dom-csskeyframerule-style>
    fn Style(&self, cx: &mut JSContext) -> DomRoot<CSSStyleDeclaration> {
        if let Some(style) = self.style.get() {
            return style;
        }
        let style = CSSStyleDeclaration::new_for_rule(cx, self.upcast());
        self.style.set(Some(&style));
        style
    }
}
