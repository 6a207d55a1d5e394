//! `CSSStyleSheet` (<https://drafts.csswg.org/cssom/#the-cssstylesheet-interface>): the sheet
//! of a `<style>` element or a constructed sheet
//! (<https://drafts.csswg.org/cssom/#dom-cssstylesheet-cssstylesheet>), with its CSS rules.

use std::cell::Cell;
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::CSSStyleSheetBinding::CSSStyleSheetMethods;
use crate::dom::bindings::codegen::Dictionaries::CSSStyleSheetInit;
use crate::dom::bindings::codegen::MediaListBinding::MediaListMethods;
use crate::dom::bindings::codegen::Unions::MediaListOrString;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssrulelist::{CSSRuleList, RuleStore};
use crate::dom::css::medialist::MediaList;
use crate::dom::css::sheetparser::{self, RuleData};
use crate::dom::css::stylesheet::StyleSheet;
use crate::dom::dom::document::Document;
use crate::dom::dom::element::Element;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSStyleSheet {
    stylesheet: StyleSheet,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-css-rules>
    rules: RuleStore,
    /// The [SameObject] `cssRules` (and `rules`) list.
    rule_list: MutNullableDom<CSSRuleList>,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-constructed-flag>
    #[no_trace]
    constructed: bool,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-disallow-modification-flag>
    #[no_trace]
    disallow_modification: Cell<bool>,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-constructor-document>
    constructor_document: MutNullableDom<Document>,
}

impl CSSStyleSheet {
    /// The sheet of a `<style>` element (<https://html.spec.whatwg.org/multipage/semantics.html#update-a-style-block>,
    /// "create a CSS style sheet"), its rules parsed from `text`.
    pub fn new_for_element(
        cx: &mut JSContext,
        window: &Window,
        owner: &Element,
        text: &str,
        media: &str,
        title: String,
    ) -> DomRoot<CSSStyleSheet> {
        let media = MediaList::from_text(cx, window, media);
        let sheet = reflect_dom_object(
            cx,
            Box::new(CSSStyleSheet {
                // An inline style sheet has no location (href is null).
                stylesheet: StyleSheet::new_inherited(None, Some(owner), title, &media, false),
                rules: RuleStore::default(),
                rule_list: MutNullableDom::new(None),
                constructed: false,
                disallow_modification: Cell::new(false),
                constructor_document: MutNullableDom::new(None),
            }),
            window,
        );
        sheet.set_rules(cx, sheetparser::parse_stylesheet(text));
        sheet
    }

    pub fn rules(&self) -> &RuleStore {
        &self.rules
    }

    pub fn is_constructed(&self) -> bool {
        self.constructed
    }

    pub fn constructor_document(&self) -> Option<DomRoot<Document>> {
        self.constructor_document.get()
    }

    /// Replaces the CSS rules with objects for `data`.
    fn set_rules(&self, cx: &mut JSContext, data: Vec<RuleData>) {
        let window = self.global();
        let rules = data.into_iter().map(|d| CSSRule::create(cx, &window, d, Some(self), None)).collect();
        self.rules.replace_all(rules);
        crate::dom::layout::cache::invalidate_cssom(self);
    }

    /// The checks shared by insertRule() and deleteRule(): "If the origin-clean flag is unset,
    /// throw a SecurityError exception" (always set: Aperture loads no cross-origin sheet);
    /// "If the disallow modification flag is set, throw a NotAllowedError DOMException."
    fn check_modifiable(&self) -> ErrorResult {
        if self.disallow_modification.get() {
            return Err(Error::NotAllowed("The style sheet is being replaced.".into()));
        }
        Ok(())
    }

    fn rule_list(&self, cx: &mut JSContext) -> DomRoot<CSSRuleList> {
        if let Some(list) = self.rule_list.get() {
            return list;
        }
        let list = CSSRuleList::for_sheet(cx, &self.global(), self);
        self.rule_list.set(Some(&list));
        list
    }
}

impl CSSStyleSheetMethods for CSSStyleSheet {
    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-cssstylesheet>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        options: &CSSStyleSheetInit,
    ) -> Fallible<DomRoot<CSSStyleSheet>> {
        let document = global.document();
        // 12. If the media attribute of options is a string, create a MediaList object from
        //     the string and assign it as sheet's media. Otherwise, serialize a media query
        //     list from the attribute and then create a MediaList object from the resulting
        //     string and set it as sheet's media.
        let media_text = match &options.media {
            MediaListOrString::String(s) => s.to_string(),
            MediaListOrString::MediaList(list) => list.MediaText(cx).to_string(),
        };
        let media = MediaList::from_text(cx, global, &media_text);
        // 1. Construct a new CSSStyleSheet object sheet.
        // 2. Set sheet's location to the base URL of the associated Document for the current
        //    global object.
        // 3. Set sheet's stylesheet base URL to the baseURL attribute value from options.
        //    (FIXME: no URL in a rule is resolved, so the base URL is not kept.)
        // 4.–6. Parent CSS style sheet, owner node and owner CSS rule are null.
        // 7. Set sheet's title to the empty string. 8. Unset sheet's alternate flag.
        // 9. Set sheet's origin-clean flag. 10. Set sheet's constructed flag.
        // 11. Set sheet's Constructor document to the associated Document for the current
        //     global object.
        // 13. If the disabled attribute of options is true, set sheet's disabled flag.
        let sheet = CSSStyleSheet {
            stylesheet: StyleSheet::new_inherited(
                Some(document.url().to_string()),
                None,
                String::new(),
                &media,
                options.disabled,
            ),
            rules: RuleStore::default(),
            rule_list: MutNullableDom::new(None),
            constructed: true,
            disallow_modification: Cell::new(false),
            constructor_document: MutNullableDom::new(Some(&document)),
        };
        // 14. Return sheet.
        Ok(reflect_dom_object_with_proto(cx, Box::new(sheet), global, proto))
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-ownerrule>: only imported sheets
    /// have an owner rule, and Aperture loads none.
    fn OwnerRule(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSRule>> {
        None
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-cssrules>: "If the origin-clean flag
    /// is unset, throw a SecurityError" (never: every sheet is origin-clean); return a
    /// read-only, live CSSRuleList object representing the CSS rules.
    fn CssRules(&self, cx: &mut JSContext) -> Fallible<DomRoot<CSSRuleList>> {
        Ok(self.rule_list(cx))
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-rules>: "must return the value of
    /// the cssRules attribute".
    fn Rules(&self, cx: &mut JSContext) -> Fallible<DomRoot<CSSRuleList>> {
        self.CssRules(cx)
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-insertrule>
    fn InsertRule(&self, cx: &mut JSContext, rule: DOMString, index: u32) -> Fallible<u32> {
        // 1. If the origin-clean flag is unset, throw a SecurityError exception.
        // 2. If the disallow modification flag is set, throw a NotAllowedError DOMException.
        self.check_modifiable()?;
        // 3. Let parsed rule be the return value of invoking parse a rule with rule.
        // 4. If parsed rule is a syntax error, return parsed rule.
        let Some(parsed) = sheetparser::parse_rule(&rule, false) else {
            return Err(Error::Syntax(format!("'{rule}' is not a valid CSS rule.")));
        };
        // 5. If parsed rule is an @import rule, and the constructed flag is set, throw a
        //    SyntaxError DOMException.
        if parsed.is_import() && self.constructed {
            return Err(Error::Syntax("@import rules are not allowed in constructed style sheets.".into()));
        }
        // 6. Return the result of invoking insert a CSS rule rule in the CSS rules at index.
        let (is_import, is_namespace) = (parsed.is_import(), parsed.is_namespace());
        let window = self.global();
        let inserted = self
            .rules
            .insert(index, is_import, is_namespace, || CSSRule::create(cx, &window, parsed, Some(self), None));
        crate::dom::layout::cache::invalidate_cssom(self);
        inserted
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-deleterule>
    fn DeleteRule(&self, _cx: &mut JSContext, index: u32) -> ErrorResult {
        // 1. If the origin-clean flag is unset, throw a SecurityError exception.
        // 2. If the disallow modification flag is set, throw a NotAllowedError DOMException.
        self.check_modifiable()?;
        // 3. Remove a CSS rule in the CSS rules at index.
        self.rules.remove(index)?;
        crate::dom::layout::cache::invalidate_cssom(self);
        Ok(())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-replace>
    fn Replace(&self, cx: &mut JSContext, text: USVString) -> Rc<Promise> {
        let window = self.global();
        // 1. Let promise be a promise.
        let promise = Promise::new(cx, &window);
        // 2. If the constructed flag is not set, or the disallow modification flag is set,
        //    reject promise with a NotAllowedError DOMException and return promise.
        if !self.constructed || self.disallow_modification.get() {
            let message = if self.constructed {
                "The style sheet is already being replaced."
            } else {
                "Only constructed style sheets can be replaced."
            };
            promise.reject_error(cx, Error::NotAllowed(message.into()));
            return promise;
        }
        // 3. Set the disallow modification flag.
        self.disallow_modification.set(true);
        // 4. In parallel, do these steps: (parsing needs no other thread, so they run from a
        //    task, which keeps the flag set until then as the standard requires).
        let this = Trusted::new(self);
        let p = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(sheet) = this.root() else { return };
            // 4.1. Let rules be the result of running parse a stylesheet's contents from text.
            // 4.2. If rules contains one or more @import rules, remove those rules from rules.
            let rules = sheetparser::parse_stylesheet(&text.0).into_iter().filter(|r| !r.is_import()).collect();
            // 4.3. Set sheet's CSS rules to rules.
            sheet.set_rules(cx, rules);
            // 4.4. Unset sheet's disallow modification flag.
            sheet.disallow_modification.set(false);
            // 4.5. Resolve promise with sheet.
            p.resolve_native(cx, &sheet);
        }));
        promise
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-replacesync>
    fn ReplaceSync(&self, cx: &mut JSContext, text: USVString) -> ErrorResult {
        // 1. If the constructed flag is not set, or the disallow modification flag is set,
        //    throw a NotAllowedError DOMException.
        if !self.constructed {
            return Err(Error::NotAllowed("Only constructed style sheets can be replaced.".into()));
        }
        self.check_modifiable()?;
        // 2. Let rules be the result of running parse a stylesheet's contents from text.
        // 3. If rules contains one or more @import rules, remove those rules from rules.
        let rules = sheetparser::parse_stylesheet(&text.0).into_iter().filter(|r| !r.is_import()).collect();
        // 4. Set sheet's CSS rules to rules.
        self.set_rules(cx, rules);
        Ok(())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-addrule>
    fn AddRule(&self, cx: &mut JSContext, selector: DOMString, style: DOMString, index: Option<u32>) -> Fallible<i32> {
        // 1. Let rule be an empty string. 2. Append selector to rule.
        // 3. Append " { " to rule.
        let mut rule = format!("{selector} {{ ");
        // 4. If block is not empty, append block, followed by a space, to rule.
        if !style.is_empty() {
            rule.push_str(&style);
            rule.push(' ');
        }
        // 5. Append "}" to rule.
        rule.push('}');
        // 6. Let index be optionalIndex if provided, or the number of CSS rules in the
        //    stylesheet otherwise.
        let index = index.unwrap_or(self.rules.len() as u32);
        // 7. Call insertRule(), with rule and index as arguments.
        self.InsertRule(cx, rule.into(), index)?;
        // 8. Return -1.
        Ok(-1)
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssstylesheet-removerule>: "invoke deleteRule()
    /// with index as its argument".
    fn RemoveRule(&self, cx: &mut JSContext, index: u32) -> ErrorResult {
        self.DeleteRule(cx, index)
    }
}

impl CSSStyleSheet {
    /// Whether this sheet's rules apply: not disabled and its media list matches.
    pub fn applies(&self) -> bool {
        !self.stylesheet.is_disabled() && self.stylesheet.media_list().matches()
    }
}
