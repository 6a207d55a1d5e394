//! `HTMLSelectElement` (<https://html.spec.whatwg.org/multipage/form-elements.html#the-select-element>):
//! the list of options and the selectedness setting algorithm, applied when read.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLSelectElementBinding::HTMLSelectElementMethods;
use crate::dom::bindings::codegen::Unions::{HTMLElementOrLong, HTMLOptionElementOrHTMLOptGroupElement};
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::html::forms::collections::HTMLOptionsCollection;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::htmloptionelement::HTMLOptionElement;
use crate::dom::html::forms::{form_owner, labels};
use crate::dom::html::reflect::{reflect_bool, reflect_string, reflect_unsigned};
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLSelectElement);

impl HTMLSelectElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-select-option-list>:
    /// option children, and option children of optgroup children, in tree order.
    pub fn list_of_options(&self) -> Vec<DomRoot<HTMLOptionElement>> {
        let mut options = Vec::new();
        for child in self.upcast::<Node>().children() {
            if let Some(option) = child.downcast_root::<HTMLOptionElement>() {
                options.push(option);
            } else if child.downcast::<Element>().is_some_and(|e| e.is_html_element() && e.local_name() == "optgroup") {
                options.extend(child.children().into_iter().filter_map(|c| c.downcast_root::<HTMLOptionElement>()));
            }
        }
        options
    }

    fn is_multiple(&self) -> bool {
        self.upcast::<Element>().has_attribute_named("multiple")
    }

    /// Which options are selected, by the selectedness setting algorithm
    /// (<https://html.spec.whatwg.org/multipage/form-elements.html#selectedness-setting-algorithm>):
    /// a select that is not `multiple` and whose display size is 1 has exactly one selected option
    /// when it has any non-disabled one: the last option whose selectedness is true, or else the
    /// first non-disabled option. A `multiple` select keeps each option's own selectedness.
    pub fn selected_flags(&self) -> Vec<bool> {
        let options = self.list_of_options();
        let raw: Vec<bool> = options.iter().map(|o| o.raw_selectedness()).collect();
        if self.is_multiple() {
            return raw;
        }
        let mut flags = vec![false; options.len()];
        if let Some(last) = raw.iter().rposition(|s| *s) {
            flags[last] = true;
        } else if self.display_size() == 1
            && let Some(first) = options.iter().position(|o| !o.is_disabled())
        {
            flags[first] = true;
        }
        flags
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-select-size>
    fn display_size(&self) -> u32 {
        self.upcast::<Element>()
            .get_attribute_value("size")
            .and_then(|v| crate::dom::html::reflect::parse_non_negative_integer(&v))
            .filter(|v| *v > 0)
            .map_or(if self.is_multiple() { 4 } else { 1 }, |v| v.min(u32::MAX as i64) as u32)
    }

    pub fn is_option_selected(&self, option: &HTMLOptionElement) -> bool {
        let options = self.list_of_options();
        let flags = self.selected_flags();
        options.iter().zip(flags).find(|(o, _)| std::ptr::eq(&***o, option)).is_some_and(|(_, f)| f)
    }

    /// After `option` was set selected: a single select deselects every other option.
    pub fn keep_only_selected(&self, option: &HTMLOptionElement) {
        if self.is_multiple() {
            return;
        }
        for other in self.list_of_options() {
            if !std::ptr::eq(&*other, option) {
                other.set_raw_selectedness(false);
            }
        }
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#the-select-element:suffering-from-being-missing>
    /// (for a required select): "either none of the option elements in the select element's
    /// list of options have their selectedness set to true, or the only option element in the
    /// select element's list of options with its selectedness set to true is the placeholder
    /// label option" (a first option with an empty value, child of a single-line select).
    pub fn suffers_from_being_missing(&self) -> bool {
        let selected = self.selected_options();
        let Some(only) = selected.first() else { return true };
        if selected.len() != 1 || self.is_multiple() || self.display_size() != 1 {
            return false;
        }
        let options = self.list_of_options();

        options.first().is_some_and(|first| {
            std::ptr::eq(&**first, &**only)
                && first.value().is_empty()
                && first.upcast::<Node>().parent().is_some_and(|p| std::ptr::eq(&*p, self.upcast::<Node>()))
        })
    }

    /// The selected options, in tree order.
    pub fn selected_options(&self) -> Vec<DomRoot<HTMLOptionElement>> {
        self.list_of_options().into_iter().zip(self.selected_flags()).filter(|(_, f)| *f).map(|(o, _)| o).collect()
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#the-select-element:concept-form-reset-control>
    pub fn reset(&self) {
        for option in self.list_of_options() {
            option.reset();
        }
    }
}

impl HTMLSelectElementMethods for HTMLSelectElement {
    crate::dom::html::forms::validation::constraint_validation_methods!();
    reflect_string!(
        Autocomplete,
        SetAutocomplete,
        "autocomplete",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-autocomplete"
    );
    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-disabled"
    );
    reflect_bool!(
        Multiple,
        SetMultiple,
        "multiple",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-multiple"
    );
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-name"
    );
    reflect_bool!(
        Required,
        SetRequired,
        "required",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-required"
    );
    reflect_unsigned!(
        Size,
        SetSize,
        "size",
        0,
        false,
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-size"
    );

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fae-form>
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        form_owner(self.upcast::<Element>())
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        if self.is_multiple() { "select-multiple".into() } else { "select-one".into() }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-options>
    fn Options(&self, cx: &mut JSContext) -> DomRoot<HTMLOptionsCollection> {
        HTMLOptionsCollection::new(cx, self)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.list_of_options().len() as u32
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-length>: "On setting,
    /// it must act like the attribute of the same name on the options collection."
    fn SetLength(&self, cx: &mut JSContext, value: u32) {
        use crate::dom::bindings::codegen::HTMLOptionsCollectionBinding::HTMLOptionsCollectionMethods;
        HTMLOptionsCollection::new(cx, self).SetLength(cx, value);
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<HTMLOptionElement>> {
        self.list_of_options().get(index as usize).cloned()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-setter>: "must act
    /// like its namesake method on that same options collection."
    fn IndexedSetter(&self, cx: &mut JSContext, index: u32, option: Option<&HTMLOptionElement>) -> ErrorResult {
        use crate::dom::bindings::codegen::HTMLOptionsCollectionBinding::HTMLOptionsCollectionMethods;
        HTMLOptionsCollection::new(cx, self).IndexedSetter(cx, index, option)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-nameditem>: the first
    /// option whose id or name is `name`.
    fn NamedItem(&self, _cx: &mut JSContext, name: DOMString) -> Option<DomRoot<HTMLOptionElement>> {
        let name = name.as_str();
        if name.is_empty() {
            return None;
        }
        self.list_of_options().into_iter().find(|o| {
            let e = o.upcast::<Element>();
            e.get_attribute_value("id").as_deref() == Some(name)
                || e.get_attribute_value("name").as_deref() == Some(name)
        })
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#dom-htmloptionscollection-add>
    fn Add(
        &self,
        cx: &mut JSContext,
        element: HTMLOptionElementOrHTMLOptGroupElement,
        before: Option<HTMLElementOrLong>,
    ) -> ErrorResult {
        let element: DomRoot<Node> = match element {
            HTMLOptionElementOrHTMLOptGroupElement::HTMLOptionElement(o) => DomRoot::upcast(o),
            HTMLOptionElementOrHTMLOptGroupElement::HTMLOptGroupElement(g) => DomRoot::upcast(g),
        };
        let this = self.upcast::<Node>();
        // 1. "If element is an ancestor of the select element on which the HTMLOptionsCollection
        //    is rooted, then throw a "HierarchyRequestError" DOMException."
        if element.is_inclusive_ancestor_of(this) {
            return Err(Error::HierarchyRequest("The new child element contains the parent.".into()));
        }
        // 2–3. "If before is an element, but that element isn't a descendant of the select
        //    element, then throw a "NotFoundError" DOMException."
        let reference: Option<DomRoot<Node>> = match before {
            Some(HTMLElementOrLong::HTMLElement(b)) => {
                let b: DomRoot<Node> = DomRoot::upcast(b);
                if !this.is_inclusive_ancestor_of(&b) || std::ptr::eq(&*b, this) {
                    return Err(Error::NotFound(
                        "The node before which the new node is to be inserted is not a child of this node.".into(),
                    ));
                }
                Some(b)
            }
            // "If before is a number, the reference is the option at that index, if any."
            Some(HTMLElementOrLong::Long(i)) => usize::try_from(i)
                .ok()
                .and_then(|i| self.list_of_options().get(i).map(|o| DomRoot::from_ref(o.upcast::<Node>()))),
            None => None,
        };
        // 4–6. "Let parent be reference's parent if reference is not null, otherwise the select
        //    element; pre-insert element into parent node before reference."
        let parent = reference.as_ref().and_then(|r| r.parent()).unwrap_or_else(|| DomRoot::from_ref(this));
        parent.pre_insert(cx, &element, reference.as_deref())?;
        Ok(())
    }
    /// <https://dom.spec.whatwg.org/#dom-childnode-remove> (the select's zero-argument overload)
    fn Remove(&self, cx: &mut JSContext) {
        let this = self.upcast::<Node>();
        if let Some(parent) = this.parent() {
            parent.remove(cx, this, false);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-remove>: removes the
    /// option at `index`, if any.
    fn Remove_(&self, cx: &mut JSContext, index: i32) {
        let Ok(index) = usize::try_from(index) else { return };
        if let Some(option) = self.list_of_options().get(index) {
            let node = option.upcast::<Node>();
            if let Some(parent) = node.parent() {
                parent.remove(cx, node, false);
            }
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-selectedoptions>
    fn SelectedOptions(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::SelectedOptions)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-selectedindex>: the
    /// index of the first selected option, or -1.
    fn SelectedIndex(&self, _cx: &mut JSContext) -> i32 {
        self.selected_flags().iter().position(|f| *f).map_or(-1, |i| i as i32)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-selectedindex>: "set
    /// the selectedness of all the options to false, and then the option at the given index, if
    /// any, to true", all dirty.
    fn SetSelectedIndex(&self, _cx: &mut JSContext, index: i32) {
        let options = self.list_of_options();
        for option in &options {
            option.set_raw_selectedness(false);
        }
        if let Some(option) = usize::try_from(index).ok().and_then(|i| options.get(i)) {
            option.set_raw_selectedness(true);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-value>: the value of
    /// the first selected option, or "".
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        self.selected_options().first().map(|o| o.value()).unwrap_or_default().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-select-value>: "set the
    /// selectedness of all the options to false, and then the first option whose value is equal to
    /// the given new value, if any, to true".
    fn SetValue(&self, _cx: &mut JSContext, value: DOMString) {
        let mut found = false;
        for option in self.list_of_options() {
            let matches = !found && option.value() == value.as_str();
            found |= matches;
            option.set_raw_selectedness(matches);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.upcast::<Element>())
    }
}
