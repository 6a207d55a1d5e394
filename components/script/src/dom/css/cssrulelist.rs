//! `CSSRuleList` (<https://drafts.csswg.org/cssom/#the-cssrulelist-interface>) and the list of
//! CSS rules behind it, with "insert a CSS rule" and "remove a CSS rule".

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSRuleListBinding::CSSRuleListMethods;
use crate::dom::bindings::error::{Error, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::css::cssgroupingrule::CSSGroupingRule;
use crate::dom::css::csskeyframesrule::CSSKeyframesRule;
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::html::window::Window;

/// A list of CSS rules (<https://drafts.csswg.org/cssom/#list-of-css-rules>).
#[derive(Default)]
pub struct RuleStore(RefCell<Vec<Dom<CSSRule>>>);

// SAFETY: `trace` below reaches every GC thing a `RuleStore` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for RuleStore {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the
        // JSTraceable contract), which is what the inner `trace` needs too.
        unsafe { self.0.trace(trc) }
    }
}

impl RuleStore {
    pub fn items(&self) -> Vec<DomRoot<CSSRule>> {
        self.0.borrow().iter().map(|r| r.as_rooted()).collect()
    }

    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    pub fn get(&self, index: usize) -> Option<DomRoot<CSSRule>> {
        self.0.borrow().get(index).map(|r| r.as_rooted())
    }

    /// Replaces every rule (the old ones are detached).
    pub fn replace_all(&self, rules: Vec<DomRoot<CSSRule>>) {
        let old = std::mem::replace(&mut *self.0.borrow_mut(), rules.iter().map(|r| Dom::from_ref(&**r)).collect());
        for rule in old {
            rule.detach();
        }
    }

    pub fn push(&self, rule: &CSSRule) {
        self.0.borrow_mut().push(Dom::from_ref(rule));
    }

    /// Whether the list holds anything but @import and @namespace rules.
    fn has_other_than_import_and_namespace(&self) -> bool {
        self.0.borrow().iter().any(|r| !r.is_import() && !r.is_namespace())
    }

    /// <https://drafts.csswg.org/cssom/#insert-a-css-rule>, steps 1–2 and 6–9, for a rule
    /// already parsed (steps 3–5); `make` builds the rule object once the checks passed.
    pub fn insert(
        &self,
        index: u32,
        is_import: bool,
        is_namespace: bool,
        make: impl FnOnce() -> DomRoot<CSSRule>,
    ) -> Fallible<u32> {
        // 1. Set length to the number of items in list.
        let length = self.len();
        // 2. If index is greater than length, then throw an IndexSizeError exception.
        let i = index as usize;
        if i > length {
            return Err(Error::IndexSize(format!("Index {index} is greater than the number of rules ({length}).")));
        }
        // 6. If new rule cannot be inserted into list at the zero-index position index due to
        //    constraints specified by CSS, then throw a HierarchyRequestError exception.
        //    (@import rules come before every other rule but @charset; @namespace rules after
        //    @import rules and before every other rule.)
        let rules = self.items();
        let before = &rules[..i];
        let after = &rules[i..];
        let violates = if is_import {
            before.iter().any(|r| !r.is_import())
        } else if is_namespace {
            before.iter().any(|r| !r.is_import() && !r.is_namespace()) || after.iter().any(|r| r.is_import())
        } else {
            after.iter().any(|r| r.is_import() || r.is_namespace())
        };
        if violates {
            return Err(Error::HierarchyRequest("The rule cannot be inserted at this position.".into()));
        }
        // 7. If new rule is an @namespace at-rule, and list contains anything other than
        //    @import at-rules, and @namespace at-rules, throw an InvalidStateError exception.
        if is_namespace && self.has_other_than_import_and_namespace() {
            return Err(Error::InvalidState("@namespace rules cannot be added to a list with other rules.".into()));
        }
        // 8. Insert new rule into list at the zero-indexed position index.
        let rule = make();
        self.0.borrow_mut().insert(i, Dom::from_ref(&*rule));
        // 9. Return index.
        Ok(index)
    }

    /// <https://drafts.csswg.org/cssom/#remove-a-css-rule>
    pub fn remove(&self, index: u32) -> Fallible<()> {
        // 1. Set length to the number of items in list.
        let length = self.len();
        // 2. If index is greater than or equal to length, then throw an IndexSizeError exception.
        if index as usize >= length {
            return Err(Error::IndexSize(format!("There is no rule at index {index} (length {length}).")));
        }
        // 3. Set old rule to the indexth item in list.
        let old = self.get(index as usize).expect("index checked");
        // 4. If old rule is an @namespace at-rule, and list contains anything other than
        //    @import at-rules, and @namespace at-rules, then throw an InvalidStateError exception.
        if old.is_namespace() && self.has_other_than_import_and_namespace() {
            return Err(Error::InvalidState("@namespace rules cannot be removed from a list with other rules.".into()));
        }
        // 5. Remove rule old rule from list at the zero-indexed position index.
        self.0.borrow_mut().remove(index as usize);
        // 6. Set old rule's parent CSS rule and parent CSS style sheet to null.
        old.detach();
        Ok(())
    }
}

/// Whose rules a `CSSRuleList` shows.
enum Owner {
    Sheet(Dom<CSSStyleSheet>),
    Group(Dom<CSSGroupingRule>),
    Keyframes(Dom<CSSKeyframesRule>),
}

// SAFETY: `trace` below reaches every GC thing a `Owner` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for Owner {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            match self {
                Owner::Sheet(s) => s.trace(trc),
                Owner::Group(g) => g.trace(trc),
                Owner::Keyframes(k) => k.trace(trc),
            }
        }
    }
}

#[dom_struct]
pub struct CSSRuleList {
    reflector_: Reflector,
    owner: Owner,
}

impl CSSRuleList {
    fn new(cx: &mut JSContext, window: &Window, owner: Owner) -> DomRoot<CSSRuleList> {
        reflect_dom_object(cx, Box::new(CSSRuleList { reflector_: Reflector::new(), owner }), window)
    }

    pub fn for_sheet(cx: &mut JSContext, window: &Window, sheet: &CSSStyleSheet) -> DomRoot<CSSRuleList> {
        Self::new(cx, window, Owner::Sheet(Dom::from_ref(sheet)))
    }

    pub fn for_group(cx: &mut JSContext, window: &Window, group: &CSSGroupingRule) -> DomRoot<CSSRuleList> {
        Self::new(cx, window, Owner::Group(Dom::from_ref(group)))
    }

    pub fn for_keyframes(cx: &mut JSContext, window: &Window, rule: &CSSKeyframesRule) -> DomRoot<CSSRuleList> {
        Self::new(cx, window, Owner::Keyframes(Dom::from_ref(rule)))
    }

    fn with_store<R>(&self, f: impl FnOnce(&RuleStore) -> R) -> R {
        match &self.owner {
            Owner::Sheet(s) => f(s.rules()),
            Owner::Group(g) => f(g.rules()),
            Owner::Keyframes(k) => f(k.rules()),
        }
    }
}

impl CSSRuleListMethods for CSSRuleList {
    /// <https://drafts.csswg.org/cssom/#dom-cssrulelist-item>: "the indexth CSSRule object in
    /// the collection", or null.
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<CSSRule>> {
        self.with_store(|s| s.get(index as usize))
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssrulelist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.with_store(|s| s.len() as u32)
    }
}
