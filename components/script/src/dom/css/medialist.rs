//! `MediaList` (<https://drafts.csswg.org/cssom/#the-medialist-interface>): the media query
//! list of a style sheet, an @media rule or an @import rule.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::MediaListBinding::MediaListMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::css::sheetparser::parse_media_list;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct MediaList {
    reflector_: Reflector,
    /// The media queries, each serialized.
    #[no_trace]
    queries: RefCell<Vec<String>>,
}

impl MediaList {
    pub fn new(cx: &mut JSContext, window: &Window, queries: Vec<String>) -> DomRoot<MediaList> {
        reflect_dom_object(
            cx,
            Box::new(MediaList { reflector_: Reflector::new(), queries: RefCell::new(queries) }),
            window,
        )
    }

    /// <https://drafts.csswg.org/cssom/#create-a-medialist-object>
    pub fn from_text(cx: &mut JSContext, window: &Window, text: &str) -> DomRoot<MediaList> {
        Self::new(cx, window, parse_media_list(text))
    }

    /// <https://drafts.csswg.org/cssom/#serialize-a-media-query-list>: the queries joined by ", ".
    pub fn text(&self) -> String {
        self.queries.borrow().join(", ")
    }

    /// Replaces the queries with those of `text` (as setting `mediaText` does).
    pub fn set_text(&self, text: &str) {
        *self.queries.borrow_mut() = parse_media_list(text);
        crate::dom::layout::cache::invalidate_cssom(self);
    }

    /// Whether the list matches the headless environment (an empty list matches).
    pub fn matches(&self) -> bool {
        crate::dom::cssomview::mediaqueries::matches(&self.text())
    }
}

/// <https://drafts.csswg.org/cssom/#parse-a-media-query>: a single media query, or none.
fn parse_one(text: &str) -> Option<String> {
    let mut list = parse_media_list(text);
    if list.len() == 1 { list.pop() } else { None }
}

impl MediaListMethods for MediaList {
    /// <https://drafts.csswg.org/cssom/#dom-medialist-mediatext>
    fn MediaText(&self, _cx: &mut JSContext) -> DOMString {
        self.text().into()
    }

    /// <https://drafts.csswg.org/cssom/#dom-medialist-mediatext>
    fn SetMediaText(&self, _cx: &mut JSContext, value: DOMString) {
        // 1. Empty the collection of media queries.
        // 2. If the given value is the empty string, then return.
        // 3. Append all the media queries as a result of parsing the given value to the
        //    collection of media queries.
        *self.queries.borrow_mut() = parse_media_list(&value);
        crate::dom::layout::cache::invalidate_cssom(self);
    }

    /// <https://drafts.csswg.org/cssom/#dom-medialist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.queries.borrow().len() as u32
    }

    /// <https://drafts.csswg.org/cssom/#dom-medialist-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DOMString> {
        self.queries.borrow().get(index as usize).map(|q| q.clone().into())
    }

    /// <https://drafts.csswg.org/cssom/#dom-medialist-appendmedium>
    fn AppendMedium(&self, _cx: &mut JSContext, medium: DOMString) {
        // 1. Let m be the result of parsing the given value.
        // 2. If m is null, then return.
        let Some(m) = parse_one(&medium) else { return };
        // 3. If comparing m with any of the media queries in the collection of media queries
        //    returns true, then return.
        if self.queries.borrow().contains(&m) {
            return;
        }
        // 4. Append m to the collection of media queries.
        self.queries.borrow_mut().push(m);
        crate::dom::layout::cache::invalidate_cssom(self);
    }

    /// <https://drafts.csswg.org/cssom/#dom-medialist-deletemedium>
    fn DeleteMedium(&self, _cx: &mut JSContext, medium: DOMString) -> ErrorResult {
        // 1. Let m be the result of parsing the given value.
        // 2. If m is null, then return.
        let Some(m) = parse_one(&medium) else { return Ok(()) };
        // 3. Remove any media query from the collection of media queries for which comparing
        //    the media query with m returns true. If nothing was removed, then throw a
        //    NotFoundError exception.
        let removed = {
            let mut queries = self.queries.borrow_mut();
            let before = queries.len();
            queries.retain(|q| *q != m);
            queries.len() != before
        };
        if !removed {
            return Err(Error::NotFound(format!("'{m}' is not in the media list.")));
        }
        crate::dom::layout::cache::invalidate_cssom(self);
        Ok(())
    }
}
