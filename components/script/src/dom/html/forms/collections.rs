//! The collections of forms (<https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#collections>):
//! `HTMLOptionsCollection` (a select's `options`, which can add, remove and replace options),
//! `HTMLFormControlsCollection` (a form's `elements`, whose named access answers a
//! `RadioNodeList` when several controls share a name) and `RadioNodeList`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::HTMLCollectionBinding::HTMLCollectionMethods;
use crate::dom::bindings::codegen::HTMLFormControlsCollectionBinding::HTMLFormControlsCollectionMethods;
use crate::dom::bindings::codegen::HTMLOptionsCollectionBinding::HTMLOptionsCollectionMethods;
use crate::dom::bindings::codegen::HTMLSelectElementBinding::HTMLSelectElementMethods;
use crate::dom::bindings::codegen::RadioNodeListBinding::RadioNodeListMethods;
use crate::dom::bindings::codegen::Unions::{
    HTMLElementOrLong, HTMLOptionElementOrHTMLOptGroupElement, RadioNodeListOrElement,
};
use crate::dom::bindings::error::ErrorResult;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::htmloptionelement::HTMLOptionElement;
use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;

/// Setting `length` above this many options does nothing (as in browsers: a page cannot make a
/// select of millions of options by accident).
const MAX_OPTIONS_LENGTH: u32 = 100_000;

#[dom_struct]
pub struct HTMLOptionsCollection {
    collection: HTMLCollection,
}

impl HTMLOptionsCollection {
    pub fn new(cx: &mut JSContext, select: &HTMLSelectElement) -> DomRoot<HTMLOptionsCollection> {
        let window = select.global();
        reflect_dom_object(
            cx,
            Box::new(HTMLOptionsCollection {
                collection: HTMLCollection::new_inherited(select.upcast(), CollectionFilter::Options),
            }),
            &window,
        )
    }

    fn select(&self) -> Option<DomRoot<HTMLSelectElement>> {
        self.collection.root_node().downcast_root::<HTMLSelectElement>()
    }

    fn new_option(&self, cx: &mut JSContext, select: &HTMLSelectElement) -> DomRoot<Node> {
        let document = select.upcast::<Node>().owner_doc();
        DomRoot::upcast(crate::dom::dom::createelement::create_element(
            cx,
            &document,
            "option",
            Some(HTML_NAMESPACE),
            None,
        ))
    }

    /// Appends `count` new option elements to the select.
    fn append_blank_options(&self, cx: &mut JSContext, select: &HTMLSelectElement, count: u32) -> ErrorResult {
        for _ in 0..count {
            let option = self.new_option(cx, select);
            select.upcast::<Node>().pre_insert(cx, &option, None)?;
        }
        Ok(())
    }
}

impl HTMLOptionsCollectionMethods for HTMLOptionsCollection {
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-length>:
    /// "return the number of nodes represented by the collection."
    fn Length(&self, cx: &mut JSContext) -> u32 {
        self.collection.Length(cx)
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-length>:
    /// "When set to a greater number than the number of nodes represented by the collection at
    /// that time … n new option elements with no attributes and no child nodes must be appended
    /// to the select element … When set to a smaller number … the last (current − new) nodes in
    /// the collection must be removed from their parent nodes."
    fn SetLength(&self, cx: &mut JSContext, value: u32) {
        let Some(select) = self.select() else { return };
        let options = select.list_of_options();
        let current = options.len() as u32;
        if value > current {
            if value > MAX_OPTIONS_LENGTH {
                log::warn!("HTMLOptionsCollection.length: {value} is above {MAX_OPTIONS_LENGTH}; ignored");
                return;
            }
            if let Err(e) = self.append_blank_options(cx, &select, value - current) {
                log::warn!("appending options failed: {e:?}");
            }
        } else {
            for option in &options[value as usize..] {
                let node = option.upcast::<Node>();
                if let Some(parent) = node.parent() {
                    parent.remove(cx, node, false);
                }
            }
        }
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-setter>
    fn IndexedSetter(&self, cx: &mut JSContext, index: u32, option: Option<&HTMLOptionElement>) -> ErrorResult {
        let Some(select) = self.select() else { return Ok(()) };
        // 1. "If value is null, invoke the steps for the remove method with index as the
        //    argument, and return."
        let Some(option) = option else {
            self.Remove(cx, index.min(i32::MAX as u32) as i32);
            return Ok(());
        };
        // 2. "Let length be the number of nodes represented by the collection."
        let options = select.list_of_options();
        let length = options.len() as i64;
        // 3. "Let n be index minus length."
        let n = index as i64 - length;
        // 4. "If n is greater than zero, then append a DocumentFragment consisting of n−1 new
        //    option elements with no attributes and no child nodes to the select element."
        if n > 0 {
            if index > MAX_OPTIONS_LENGTH {
                log::warn!("HTMLOptionsCollection[{index}]: above {MAX_OPTIONS_LENGTH}; ignored");
                return Ok(());
            }
            self.append_blank_options(cx, &select, (n - 1) as u32)?;
        }
        let this = select.upcast::<Node>();
        if n >= 0 {
            // 5. "If n is greater than or equal to zero, append value to the select element."
            this.pre_insert(cx, option.upcast(), None)?;
        } else {
            // "Otherwise, replace the indexth element in the collection by value."
            let old = options[index as usize].upcast::<Node>();
            if let Some(parent) = old.parent() {
                use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
                parent.ReplaceChild(cx, option.upcast(), old)?;
            }
        }
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-add>:
    /// the select's add().
    fn Add(
        &self,
        cx: &mut JSContext,
        element: HTMLOptionElementOrHTMLOptGroupElement,
        before: Option<HTMLElementOrLong>,
    ) -> ErrorResult {
        match self.select() {
            Some(select) => select.Add(cx, element, before),
            None => Ok(()),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-remove>:
    /// "If the number of nodes represented by the collection is zero, return. If index is not a
    /// number greater than or equal to 0 and less than the number of nodes represented by the
    /// collection, return. Let element be the indexth element in the collection. Remove element
    /// from its parent."
    fn Remove(&self, cx: &mut JSContext, index: i32) {
        if let Some(select) = self.select() {
            select.Remove_(cx, index);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-selectedindex>:
    /// "must act like the identically named attribute on the select element on which the
    /// HTMLOptionsCollection is rooted."
    fn SelectedIndex(&self, cx: &mut JSContext) -> i32 {
        self.select().map_or(-1, |s| s.SelectedIndex(cx))
    }
    fn SetSelectedIndex(&self, cx: &mut JSContext, index: i32) {
        if let Some(select) = self.select() {
            select.SetSelectedIndex(cx, index);
        }
    }
}

#[dom_struct]
pub struct HTMLFormControlsCollection {
    collection: HTMLCollection,
}

impl HTMLFormControlsCollection {
    /// A form's `elements` (`root`: the form).
    pub fn new(cx: &mut JSContext, root: &Node) -> DomRoot<HTMLFormControlsCollection> {
        let window = root.global();
        reflect_dom_object(
            cx,
            Box::new(HTMLFormControlsCollection {
                collection: HTMLCollection::new_inherited(root, CollectionFilter::FormControls),
            }),
            &window,
        )
    }
}

impl HTMLFormControlsCollectionMethods for HTMLFormControlsCollection {
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmlformcontrolscollection-nameditem>
    fn NamedItem(&self, cx: &mut JSContext, name: DOMString) -> Option<RadioNodeListOrElement> {
        // 1. "If name is the empty string, return null and stop the algorithm."
        if name.is_empty() {
            return None;
        }
        let matching: Vec<DomRoot<Element>> = self
            .collection
            .elements()
            .into_iter()
            .filter(|e| {
                e.get_attribute_value("id").as_deref() == Some(&*name)
                    || e.get_attribute_value("name").as_deref() == Some(&*name)
            })
            .collect();
        match matching.len() {
            // 3. "Otherwise, if there are no nodes in the collection that have either an id
            //    attribute or a name attribute equal to name, then return null."
            0 => None,
            // 2. "If, at the time the method is called, there is exactly one node in the
            //    collection that has either an id attribute or a name attribute equal to name,
            //    then return that node and stop the algorithm."
            1 => matching.into_iter().next().map(RadioNodeListOrElement::Element),
            // 4. "Otherwise, create a new RadioNodeList object representing a live view of the
            //    HTMLFormControlsCollection object, further filtered so that the only nodes in the
            //    RadioNodeList object are those that have either an id attribute or a name
            //    attribute equal to name. The nodes in the RadioNodeList object must be sorted in
            //    tree order. Return that RadioNodeList object."
            _ => {
                Some(RadioNodeListOrElement::RadioNodeList(RadioNodeList::new(cx, &self.collection, name.to_string())))
            }
        }
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#htmlformcontrolscollection>:
    /// the supported property names are those of HTMLCollection (ids and names, in tree order).
    fn SupportedPropertyNames(&self, cx: &mut JSContext) -> Vec<DOMString> {
        self.collection.SupportedPropertyNames(cx)
    }
}

#[dom_struct]
pub struct RadioNodeList {
    nodelist: NodeList,
}

impl RadioNodeList {
    pub fn new(cx: &mut JSContext, collection: &HTMLCollection, name: String) -> DomRoot<RadioNodeList> {
        let window = collection.global();
        reflect_dom_object(
            cx,
            Box::new(RadioNodeList { nodelist: NodeList::new_named_inherited(collection, name) }),
            &window,
        )
    }

    /// The radio buttons of the list, in tree order.
    fn radio_buttons(&self) -> Vec<DomRoot<HTMLInputElement>> {
        self.nodelist
            .nodes()
            .into_iter()
            .filter_map(|n| n.downcast_root::<HTMLInputElement>())
            .filter(|i| i.input_type() == "radio")
            .collect()
    }
}

impl RadioNodeListMethods for RadioNodeList {
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-radionodelist-value>
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        // 1. "Let element be the first element in tree order represented by the RadioNodeList
        //    object that is an input element whose type attribute is in the Radio Button state
        //    and whose checkedness is true. Otherwise, let it be null."
        // 2. "If element is null, return the empty string."
        let Some(element) = self.radio_buttons().into_iter().find(|i| i.checkedness()) else {
            return DOMString::new();
        };
        // 3. "If element is an element with no value attribute, return the string "on"."
        // 4. "Otherwise, return the value of element's value attribute."
        element.upcast::<Element>().get_attribute_value("value").unwrap_or_else(|| "on".to_owned()).into()
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-radionodelist-value>
    fn SetValue(&self, _cx: &mut JSContext, value: DOMString) {
        // "If the new value is the string "on": let element be the first element in tree order
        // represented by the RadioNodeList object that is an input element whose type attribute
        // is in the Radio Button state and whose value content attribute is either absent, or
        // present and equal to the new value, if any. … Otherwise: let element be the first
        // element in tree order represented by the RadioNodeList object that is an input element
        // whose type attribute is in the Radio Button state and whose value content attribute is
        // present and equal to the new value, if any."
        let element =
            self.radio_buttons().into_iter().find(|i| match i.upcast::<Element>().get_attribute_value("value") {
                Some(v) => v == *value,
                None => &*value == "on",
            });
        // "If element is not null, then set its checkedness to true."
        if let Some(element) = element {
            element.set_checkedness(true);
        }
    }
}
