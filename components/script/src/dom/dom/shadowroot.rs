//! `ShadowRoot` (<https://dom.spec.whatwg.org/#interface-shadowroot>), `attachShadow()` and
//! named slot assignment (<https://dom.spec.whatwg.org/#shadow-tree-slots>), the tree part of
//! shadow DOM: a shadow tree changes what the DOM, events and layout's box tree (the flat tree,
//! `dom/layout`) see; Aperture draws no documents.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Callbacks::EventHandlerNonNull;
use crate::dom::bindings::codegen::Enums::{ShadowRootMode, SlotAssignmentMode};
use crate::dom::bindings::codegen::ShadowRootBinding::ShadowRootMethods;
use crate::dom::bindings::error::{ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::element::{Element, serialize_children};
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::htmlslotelement::HTMLSlotElement;

#[dom_struct]
pub struct ShadowRoot {
    fragment: DocumentFragment,
    host: Dom<Element>,
    #[no_trace]
    mode: ShadowRootMode,
    #[no_trace]
    delegates_focus: bool,
    #[no_trace]
    slot_assignment: SlotAssignmentMode,
    #[no_trace]
    clonable: bool,
    #[no_trace]
    serializable: bool,
    /// `styleSheets` and `adoptedStyleSheets` (<https://drafts.csswg.org/cssom/#extensions-to-the-document-or-shadow-root-interface>).
    css_sheets: crate::dom::css::documentorshadowroot::DocumentOrShadowRootSheets,
}

/// What `attachShadow()` was asked for.
pub struct ShadowRootOptions {
    pub mode: ShadowRootMode,
    pub delegates_focus: bool,
    pub slot_assignment: SlotAssignmentMode,
    pub clonable: bool,
    pub serializable: bool,
}

impl ShadowRoot {
    /// The adopted style sheets that apply (see `DocumentOrShadowRootSheets::adopted`).
    pub fn adopted_style_sheets(
        &self,
        cx: &mut JSContext,
    ) -> Vec<DomRoot<crate::dom::css::cssstylesheet::CSSStyleSheet>> {
        let document = self.upcast::<Node>().owner_doc();
        self.css_sheets.adopted(cx, &document)
    }

    /// Whether `adoptedStyleSheets` has been used (its array exists).
    pub fn has_adopted_style_sheets(&self) -> bool {
        self.css_sheets.has_adopted()
    }

    pub fn new(
        cx: &mut JSContext,
        host: &Element,
        document: &Document,
        options: ShadowRootOptions,
    ) -> DomRoot<ShadowRoot> {
        let window = document.window_for_objects();
        reflect_dom_object(
            cx,
            Box::new(ShadowRoot {
                fragment: DocumentFragment::new_inherited(document),
                host: Dom::from_ref(host),
                mode: options.mode,
                delegates_focus: options.delegates_focus,
                slot_assignment: options.slot_assignment,
                clonable: options.clonable,
                serializable: options.serializable,
                css_sheets: Default::default(),
            }),
            &window,
        )
    }

    /// <https://dom.spec.whatwg.org/#concept-documentfragment-host>
    pub fn host(&self) -> DomRoot<Element> {
        self.host.as_rooted()
    }

    pub fn is_closed(&self) -> bool {
        self.mode == ShadowRootMode::Closed
    }

    pub fn is_named_assignment(&self) -> bool {
        self.slot_assignment == SlotAssignmentMode::Named
    }
}

/// <https://dom.spec.whatwg.org/#valid-shadow-host-name>
fn is_valid_shadow_host_name(name: &str) -> bool {
    // "a valid custom element name", or one of these.
    crate::dom::html::customelements::is_valid_custom_element_name(name)
        || matches!(
            name,
            "article"
                | "aside"
                | "blockquote"
                | "body"
                | "div"
                | "footer"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "header"
                | "main"
                | "nav"
                | "p"
                | "section"
                | "span"
        )
}

/// <https://dom.spec.whatwg.org/#concept-attach-a-shadow-root>
pub fn attach_shadow_root(
    cx: &mut JSContext,
    element: &Element,
    options: ShadowRootOptions,
) -> Fallible<DomRoot<ShadowRoot>> {
    use crate::dom::bindings::error::Error;
    // 1. "If element's namespace is not the HTML namespace, then throw a "NotSupportedError"."
    if !element.is_html_element() {
        return Err(Error::NotSupported("Only HTML elements can host a shadow root.".into()));
    }
    // 2. "If element's local name is not a valid shadow host name, then throw a "NotSupportedError"."
    if !is_valid_shadow_host_name(element.local_name()) {
        return Err(Error::NotSupported(format!("<{}> cannot host a shadow root.", element.local_name())));
    }
    // 3. "If element's local name is a valid custom element name, or element's is value is
    //    non-null, then: let definition be the result of looking up a custom element
    //    definition …; if definition is not null and definition's disable shadow is true, then
    //    throw a "NotSupportedError"."
    if crate::dom::html::customelements::is_valid_custom_element_name(element.local_name()) {
        let document = element.upcast::<Node>().owner_doc();
        let definition =
            crate::dom::html::customelements::look_up_definition(&document, element.namespace(), element.local_name());
        if definition.is_some_and(|d| d.disable_shadow) {
            return Err(Error::NotSupported("This custom element disables shadow roots.".into()));
        }
    }
    // 4. "If element is a shadow host, then: … if currentShadowRoot's declarative is false or
    //    currentShadowRoot's mode is not mode, then throw a "NotSupportedError"." (There are no
    //    declarative shadow roots here, so an existing shadow root always throws.)
    if element.is_shadow_host() {
        return Err(Error::NotSupported("The element already hosts a shadow root.".into()));
    }
    // 5–14. "Let shadow be a new shadow root whose node document is element's node document,
    //    host is element, and mode is mode"; delegates focus, slot assignment, clonable,
    //    serializable from the arguments. "Set element's shadow root to shadow."
    let document = element.upcast::<Node>().owner_doc();
    let shadow = ShadowRoot::new(cx, element, &document, options);
    element.set_shadow_root(&shadow);
    Ok(shadow)
}

/// <https://dom.spec.whatwg.org/#find-a-slot>, for named slot assignment.
pub fn find_a_slot(slottable: &Node, open: bool) -> Option<DomRoot<HTMLSlotElement>> {
    // 1. "If slottable's parent is null, then return null."
    let parent = slottable.parent()?;
    // 2. "Let shadow be slottable's parent's shadow root." 3. "If shadow is null, return null."
    let shadow = parent.downcast::<Element>()?.shadow_root()?;
    // 4. "If the open flag is set and shadow's mode is not "open", then return null."
    if open && shadow.is_closed() {
        return None;
    }
    // 5. (manual assignment: slottables are only assigned by assign(), which Aperture lacks.)
    if !shadow.is_named_assignment() {
        return None;
    }
    // 6. "Return the first slot in tree order in shadow's descendants whose name is
    //    slottable's name, if any; otherwise null."
    let name = slottable.downcast::<Element>().and_then(|e| e.get_attribute_value("slot")).unwrap_or_default();
    shadow
        .upcast::<Node>()
        .traverse_preorder()
        .into_iter()
        .filter_map(|n| n.downcast_root::<HTMLSlotElement>())
        .find(|slot| slot.slot_name() == name)
}

/// <https://dom.spec.whatwg.org/#find-slotables>
pub fn find_slottables(slot: &HTMLSlotElement) -> Vec<DomRoot<Node>> {
    // 2. "Let root be slot's root." 3. "If root is not a shadow root, then return result."
    let root = slot.upcast::<Node>().root();
    let Some(shadow) = root.downcast::<ShadowRoot>() else { return Vec::new() };
    // 4. "Let host be root's host." 5–6. "For each slottable child of host, slottable, in tree
    //    order: let foundSlot be the result of finding a slot given slottable; if foundSlot is
    //    slot, then append slottable to result."
    shadow
        .host()
        .upcast::<Node>()
        .children()
        .into_iter()
        .filter(|c| c.is::<Element>() || c.is::<crate::dom::dom::text::Text>())
        .filter(|c| find_a_slot(c, false).is_some_and(|s| std::ptr::eq(&*s, slot)))
        .collect()
}

impl ShadowRootMethods for ShadowRoot {
    /// <https://drafts.csswg.org/cssom-view/#dom-document-elementfrompoint>
    fn ElementFromPoint(
        &self,
        cx: &mut JSContext,
        x: crate::dom::bindings::num::Finite<f64>,
        y: crate::dom::bindings::num::Finite<f64>,
    ) -> Option<DomRoot<Element>> {
        crate::dom::cssomview::elementfrompoint::element_from_point(cx, self.upcast(), *x, *y)
    }

    /// <https://drafts.csswg.org/cssom-view/#dom-document-elementsfrompoint>
    fn ElementsFromPoint(
        &self,
        cx: &mut JSContext,
        x: crate::dom::bindings::num::Finite<f64>,
        y: crate::dom::bindings::num::Finite<f64>,
    ) -> Vec<DomRoot<Element>> {
        crate::dom::cssomview::elementfrompoint::elements_from_point(cx, self.upcast(), *x, *y)
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-stylesheets>
    fn StyleSheets(&self, cx: &mut JSContext) -> DomRoot<crate::dom::css::stylesheetlist::StyleSheetList> {
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        self.css_sheets.style_sheets(cx, &window, self.upcast())
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets>
    fn AdoptedStyleSheets(&self, cx: &mut JSContext, retval: mozjs::rust::MutableHandleValue) -> Fallible<()> {
        let window = self.upcast::<Node>().owner_doc().window_for_objects();
        self.css_sheets.get_adopted(cx, &window, retval)
    }

    /// <https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets>
    fn SetAdoptedStyleSheets(&self, cx: &mut JSContext, value: mozjs::rust::HandleValue) -> ErrorResult {
        let document = self.upcast::<Node>().owner_doc();
        self.css_sheets.set_adopted(cx, value, &document)
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-mode>
    fn Mode(&self, _cx: &mut JSContext) -> ShadowRootMode {
        self.mode
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-delegatesfocus>
    fn DelegatesFocus(&self, _cx: &mut JSContext) -> bool {
        self.delegates_focus
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-slotassignment>
    fn SlotAssignment(&self, _cx: &mut JSContext) -> SlotAssignmentMode {
        self.slot_assignment
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-clonable>
    fn Clonable(&self, _cx: &mut JSContext) -> bool {
        self.clonable
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-serializable>
    fn Serializable(&self, _cx: &mut JSContext) -> bool {
        self.serializable
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-host>
    fn Host(&self, _cx: &mut JSContext) -> DomRoot<Element> {
        self.host()
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-onslotchange>
    fn Onslotchange(&self, _cx: &mut JSContext) -> Option<std::rc::Rc<EventHandlerNonNull>> {
        self.upcast::<EventTarget>().get_event_handler("slotchange")
    }
    /// <https://dom.spec.whatwg.org/#dom-shadowroot-onslotchange>
    fn SetOnslotchange(&self, _cx: &mut JSContext, value: Option<std::rc::Rc<EventHandlerNonNull>>) {
        self.upcast::<EventTarget>().set_event_handler("slotchange", value)
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-shadowroot-innerhtml>
    fn InnerHTML(&self, _cx: &mut JSContext) -> Fallible<DOMString> {
        // "return the result of running fragment serializing algorithm steps with this and true."
        let mut out = String::new();
        serialize_children(self.upcast(), &mut out);
        Ok(out.into())
    }
    /// <https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#dom-shadowroot-innerhtml>
    fn SetInnerHTML(&self, cx: &mut JSContext, value: DOMString) -> ErrorResult {
        // 2. "Let context be this's host." 3. "Let fragment be the result of invoking the
        //    fragment parsing algorithm steps with context and compliantString."
        let fragment = crate::dom::html::parser::parse_fragment(cx, &self.host, &value);
        // 4. "Replace all with fragment within this."
        self.upcast::<Node>().replace_all(cx, Some(fragment.upcast()));
        Ok(())
    }
}
