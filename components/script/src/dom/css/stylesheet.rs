//! `StyleSheet` (<https://drafts.csswg.org/cssom/#the-stylesheet-interface>): the concepts
//! every CSS style sheet has (<https://drafts.csswg.org/cssom/#css-style-sheets>).

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::StyleSheetBinding::StyleSheetMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::medialist::MediaList;
use crate::dom::dom::element::Element;

#[dom_struct]
pub struct StyleSheet {
    reflector_: Reflector,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-location>
    #[no_trace]
    location: Option<String>,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-owner-node>
    owner_node: MutNullableDom<Element>,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-title>
    #[no_trace]
    title: String,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-media>
    media: Dom<MediaList>,
    /// <https://drafts.csswg.org/cssom/#concept-css-style-sheet-disabled-flag>
    #[no_trace]
    disabled: Cell<bool>,
}

impl StyleSheet {
    pub fn new_inherited(
        location: Option<String>,
        owner_node: Option<&Element>,
        title: String,
        media: &MediaList,
        disabled: bool,
    ) -> StyleSheet {
        StyleSheet {
            reflector_: Reflector::new(),
            location,
            owner_node: MutNullableDom::new(owner_node),
            title,
            media: Dom::from_ref(media),
            disabled: Cell::new(disabled),
        }
    }

    /// <https://drafts.csswg.org/cssom/#remove-a-css-style-sheet>, step 2: "Set the CSS style
    /// sheet's parent CSS style sheet, owner node and owner CSS rule to null."
    pub fn clear_owner_node(&self) {
        self.owner_node.set(None);
    }

    pub fn media_list(&self) -> DomRoot<MediaList> {
        self.media.as_rooted()
    }

    pub fn is_disabled(&self) -> bool {
        self.disabled.get()
    }
}

impl StyleSheetMethods for StyleSheet {
    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-type>: the type, "text/css".
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        "text/css".into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-href>: "If the CSS style sheet is not
    /// associated with an inline style sheet, return the location", else null.
    fn Href(&self, _cx: &mut JSContext) -> Option<USVString> {
        self.location.clone().map(USVString)
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-ownernode>
    fn OwnerNode(&self, _cx: &mut JSContext) -> Option<DomRoot<Element>> {
        self.owner_node.get()
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-parentstylesheet>: only imported sheets
    /// have a parent, and Aperture loads none.
    fn ParentStyleSheet(&self, _cx: &mut JSContext) -> Option<DomRoot<CSSStyleSheet>> {
        None
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-title>: "the title or null if title is
    /// the empty string".
    fn Title(&self, _cx: &mut JSContext) -> Option<DOMString> {
        (!self.title.is_empty()).then(|| self.title.clone().into())
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-media>
    fn Media(&self, _cx: &mut JSContext) -> DomRoot<MediaList> {
        self.media.as_rooted()
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-disabled>
    fn Disabled(&self, _cx: &mut JSContext) -> bool {
        self.disabled.get()
    }

    /// <https://drafts.csswg.org/cssom/#dom-stylesheet-disabled>: "set the disabled flag".
    fn SetDisabled(&self, _cx: &mut JSContext, value: bool) {
        self.disabled.set(value);
        crate::dom::layout::cache::invalidate_cssom(self);
    }
}
