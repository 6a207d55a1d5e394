//! The CSSOM members of the DocumentOrShadowRoot mixin
//! (<https://drafts.csswg.org/cssom/#extensions-to-the-document-or-shadow-root-interface>):
//! `styleSheets` and `adoptedStyleSheets`, shared by `Document` and `ShadowRoot`.
//!
//! `adoptedStyleSheets` is an ObservableArray<CSSStyleSheet> in the standard; the generator
//! has no ObservableArray, so the backing list is a plain JS array this object keeps and
//! returns from every get (see the comment in CSSOM.webidl for what differs).

use mozjs::context::JSContext;
use mozjs::jsapi::Heap;
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleValue, MutableHandleValue};

use crate::dom::bindings::conversions::{FromJSVal, ToJSVal, root_from_object};
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::css::cssstylesheet::CSSStyleSheet;
use crate::dom::css::stylesheetlist::StyleSheetList;
use crate::dom::dom::document::Document;
use crate::dom::dom::node::Node;
use crate::dom::html::window::Window;

/// The style sheet state of a document or shadow root.
pub struct DocumentOrShadowRootSheets {
    /// The [SameObject] `styleSheets` list.
    list: MutNullableDom<StyleSheetList>,
    /// The JS array backing `adoptedStyleSheets` (undefined until first used).
    adopted: Box<Heap<JSVal>>,
}

impl Default for DocumentOrShadowRootSheets {
    fn default() -> Self {
        let adopted = Box::new(Heap::default());
        adopted.set(UndefinedValue());
        DocumentOrShadowRootSheets { list: MutNullableDom::new(None), adopted }
    }
}

// SAFETY: `trace` below reaches every GC thing a `DocumentOrShadowRootSheets` holds, so none is freed
// or moved while it is held.
unsafe impl JSTraceable for DocumentOrShadowRootSheets {
    unsafe fn trace(&self, trc: *mut mozjs::jsapi::JSTracer) {
        // SAFETY: called from `trace` with the tracer of a GC in progress (the JSTraceable
        // contract), which is what the inner `trace` calls need too.
        unsafe {
            self.list.trace(trc);
            self.adopted.trace(trc);
        }
    }
}

impl DocumentOrShadowRootSheets {
    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-stylesheets>
    pub fn style_sheets(&self, cx: &mut JSContext, window: &Window, root: &Node) -> DomRoot<StyleSheetList> {
        if let Some(list) = self.list.get() {
            return list;
        }
        let list = StyleSheetList::new(cx, window, root);
        self.list.set(Some(&list));
        list
    }

    /// Whether the `adoptedStyleSheets` array exists (it is made on first use).
    pub fn has_adopted(&self) -> bool {
        self.adopted.get().is_object()
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets> (getter):
    /// the backing array, made empty on first use.
    pub fn get_adopted(&self, cx: &mut JSContext, window: &Window, mut retval: MutableHandleValue) -> Fallible<()> {
        if self.adopted.get().is_undefined() {
            let empty: Vec<DomRoot<CSSStyleSheet>> = Vec::new();
            rooted!(&in(cx) let mut array = UndefinedValue());
            empty.to_jsval(cx, array.handle_mut());
            self.adopted.set(array.get());
            // A page may push() into the array: from now on the layout cache reads it.
            window.invalidate_style();
        }
        retval.set(self.adopted.get());
        mozjs::rust::maybe_wrap_value(cx, retval);
        Ok(())
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets> (setter).
    /// `document` is the document (or the shadow root's node document).
    pub fn set_adopted(&self, cx: &mut JSContext, value: HandleValue, document: &Document) -> ErrorResult {
        // Converting the value to sequence<CSSStyleSheet> (a TypeError when it is not one).
        let sheets = match Vec::<DomRoot<CSSStyleSheet>>::from_jsval(cx, value, ()) {
            Ok(Ok(sheets)) => sheets,
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("The provided value"))),
            Err(()) => return Err(Error::JSFailed),
        };
        // The set an indexed value algorithm of the ObservableArray: "If value's constructed
        // flag is not set, or its constructor document is not equal to this DocumentOrShadowRoot's
        // node document, throw a "NotAllowedError" DOMException."
        for sheet in &sheets {
            if !sheet.is_constructed() {
                return Err(Error::NotAllowed("Only constructed style sheets can be adopted.".into()));
            }
            if !sheet.constructor_document().is_some_and(|d| std::ptr::eq(&*d, document)) {
                return Err(Error::NotAllowed("The style sheet was constructed for another document.".into()));
            }
        }
        rooted!(&in(cx) let mut array = UndefinedValue());
        sheets.to_jsval(cx, array.handle_mut());
        self.adopted.set(array.get());
        document.window_for_objects().invalidate_style();
        Ok(())
    }

    /// The adopted sheets that count: the array's elements that are constructed sheets of
    /// `document` (an element written into the array directly is checked here).
    pub fn adopted(&self, cx: &mut JSContext, document: &Document) -> Vec<DomRoot<CSSStyleSheet>> {
        let value = self.adopted.get();
        if !value.is_object() {
            return Vec::new();
        }
        rooted!(&in(cx) let array = value.to_object());
        let mut out = Vec::new();
        let mut length = 0u32;
        // SAFETY: `array` is rooted; these calls only read it (a getter on the array may run
        // script, which cannot free the rooted objects).
        unsafe {
            if !mozjs::jsapi::GetArrayLength(cx.raw_cx(), array.handle().into(), &mut length) {
                mozjs::jsapi::JS_ClearPendingException(cx.raw_cx());
                return out;
            }
            rooted!(&in(cx) let mut element = UndefinedValue());
            for index in 0..length {
                if !mozjs::jsapi::JS_GetElement(cx.raw_cx(), array.handle().into(), index, element.handle_mut().into())
                {
                    mozjs::jsapi::JS_ClearPendingException(cx.raw_cx());
                    break;
                }
                if !element.get().is_object() {
                    continue;
                }
                if let Some(sheet) = root_from_object::<CSSStyleSheet>(element.get().to_object())
                    && sheet.is_constructed()
                    && sheet.constructor_document().is_some_and(|d| std::ptr::eq(&*d, document))
                {
                    out.push(sheet);
                }
            }
        }
        out
    }
}

/// The adopted style sheets of `root` (a document or shadow root) that apply, or `None` when
/// it has no `adoptedStyleSheets` array yet (so none; making the array invalidates layout).
pub fn adopted_sheets_of(cx: &mut JSContext, root: &Node) -> Option<Vec<DomRoot<CSSStyleSheet>>> {
    if let Some(document) = root.downcast::<Document>() {
        return document.has_adopted_style_sheets().then(|| document.adopted_style_sheets(cx));
    }
    let shadow = root.downcast::<crate::dom::dom::shadowroot::ShadowRoot>()?;
    shadow.has_adopted_style_sheets().then(|| shadow.adopted_style_sheets(cx))
}
