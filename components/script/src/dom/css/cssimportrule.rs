//! `CSSImportRule` (<https://drafts.csswg.org/cssom/#the-cssimportrule-interface>). Aperture
//! loads no imported style sheet, so `styleSheet` is null.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::CSSImportRuleBinding::CSSImportRuleMethods;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::css::cssrule::CSSRule;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::medialist::MediaList;
use crate::dom::css::sheetparser::serialize_url;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct CSSImportRule {
    cssrule: CSSRule,
    #[no_trace]
    href: String,
    media: Dom<MediaList>,
    #[no_trace]
    layer: Option<String>,
    #[no_trace]
    supports: Option<String>,
}

impl CSSImportRule {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        href: String,
        media: Vec<String>,
        layer: Option<String>,
        supports: Option<String>,
        sheet: Option<&CSSStyleSheet>,
        parent: Option<&CSSRule>,
    ) -> DomRoot<CSSImportRule> {
        let media = MediaList::new(cx, window, media);
        reflect_dom_object(
            cx,
            Box::new(CSSImportRule {
                cssrule: CSSRule::new_inherited(sheet, parent),
                href,
                media: Dom::from_ref(&*media),
                layer,
                supports,
            }),
            window,
        )
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-css-rule>, CSSImportRule: "@import ", the
    /// URL, the layer and supports() conditions, the media list if not empty, then ";".
    pub fn serialize(&self) -> String {
        let mut out = format!("@import {}", serialize_url(&self.href));
        match self.layer.as_deref() {
            Some("") => out.push_str(" layer"),
            Some(name) => out.push_str(&format!(" layer({name})")),
            None => {}
        }
        if let Some(s) = &self.supports {
            out.push_str(&format!(" supports({s})"));
        }
        let media = self.media.text();
        if !media.is_empty() {
            out.push(' ');
            out.push_str(&media);
        }
        out.push(';');
        out
    }
}

impl CSSImportRuleMethods for CSSImportRule {
    /// <https://drafts.csswg.org/cssom/#dom-cssimportrule-href>: "the URL of the urlString of
    /// the @import rule" (as written).
    fn Href(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.href.clone())
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssimportrule-media>
    fn Media(&self, _cx: &mut JSContext) -> DomRoot<MediaList> {
        self.media.as_rooted()
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssimportrule-stylesheet>: null, as no imported
    /// sheet is loaded.
    fn StyleSheet(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSStyleSheet>> {
        None
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssimportrule-layername>
    fn LayerName(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.layer.clone().map(Into::into)
    }

    /// <https://drafts.csswg.org/cssom/#dom-cssimportrule-supportstext>
    fn SupportsText(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.supports.clone().map(Into::into)
    }
}
