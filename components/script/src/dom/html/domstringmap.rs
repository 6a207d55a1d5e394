//! `DOMStringMap` (<https://html.spec.whatwg.org/multipage/dom.html#domstringmap>): an element's
//! `data-*` attributes as named properties (`element.dataset.fooBar` ↔ `data-foo-bar`). Nothing
//! is cached: every access reads the element's attribute list.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::DOMStringMapBinding::DOMStringMapMethods;
use crate::dom::bindings::codegen::ElementBinding::ElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::{Element, validate_name};
use crate::dom::globalscope::DomGlobal;

#[dom_struct]
pub struct DOMStringMap {
    reflector_: Reflector,
    /// The associated element.
    element: Dom<Element>,
}

/// Steps 3 of "getting the DOMStringMap's name-value pairs": "for each U+002D HYPHEN-MINUS
/// character (-) in the name that is followed by an ASCII lower alpha, remove the U+002D
/// HYPHEN-MINUS character (-) and replace the character that followed it by the same character
/// converted to ASCII uppercase."
pub fn attribute_suffix_to_property(suffix: &str) -> String {
    let mut out = String::with_capacity(suffix.len());
    let mut chars = suffix.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '-' && next.is_ascii_lowercase() => {
                out.push(next.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The shared first steps of the setter and the deleter: "For each ASCII upper alpha in name,
/// insert a U+002D HYPHEN-MINUS character (-) before the character and replace the character
/// with the same character converted to ASCII lowercase. Insert the string data- at the front
/// of name."
pub fn property_to_attribute_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 5);
    out.push_str("data-");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl DOMStringMap {
    pub fn new(cx: &mut JSContext, element: &Element) -> DomRoot<DOMStringMap> {
        let global = element.global();
        reflect_dom_object(
            cx,
            Box::new(DOMStringMap { reflector_: Reflector::new(), element: Dom::from_ref(element) }),
            &global,
        )
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#concept-domstringmap-pairs>
    fn name_value_pairs(&self) -> Vec<(String, String)> {
        // 1. Let list be an empty list of name-value pairs.
        // 2. For each content attribute on the DOMStringMap's associated element whose first five
        //    characters are the string "data-" and whose remaining characters (if any) do not
        //    include any ASCII upper alphas, in the order that those attributes are listed in the
        //    element's attribute list, add a name-value pair to list whose name is the
        //    attribute's name with the first five characters removed and whose value is the
        //    attribute's value.
        //    (Attributes in a namespace are not the element's "data-" content attributes.)
        // 3. Convert each name (attribute_suffix_to_property). 4. Return list.
        self.element
            .attributes()
            .into_iter()
            .filter(|a| a.namespace.is_none())
            .filter_map(|a| {
                let suffix = a.local_name.strip_prefix("data-")?;
                (!suffix.contains(|c: char| c.is_ascii_uppercase()))
                    .then(|| (attribute_suffix_to_property(suffix), a.value))
            })
            .collect()
    }
}

impl DOMStringMapMethods for DOMStringMap {
    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-domstringmap-nameditem>: "return the
    /// value component of the name-value pair whose name component is name in the list returned
    /// from getting the DOMStringMap's name-value pairs."
    fn NamedGetter(&self, _cx: &mut JSContext, name: DOMString) -> Option<DOMString> {
        self.name_value_pairs().into_iter().find(|(n, _)| *n == *name).map(|(_, v)| v.into())
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-domstringmap-setitem>
    fn NamedSetter(&self, cx: &mut JSContext, name: DOMString, value: DOMString) -> ErrorResult {
        // 1. If name contains a U+002D HYPHEN-MINUS character (-) followed by an ASCII lower
        //    alpha, then throw a "SyntaxError" DOMException.
        if name.as_bytes().windows(2).any(|w| w[0] == b'-' && w[1].is_ascii_lowercase()) {
            return Err(Error::Syntax(format!(
                "'{name}' is not a valid property name: a '-' must not be followed by a lowercase ASCII letter."
            )));
        }
        // 2. For each ASCII upper alpha in name, insert a U+002D HYPHEN-MINUS character (-)
        //    before the character and replace the character with the same character converted
        //    to ASCII lowercase. 3. Insert the string data- at the front of name.
        let attribute = property_to_attribute_name(&name);
        // 4. If name is not a valid attribute local name, then throw an "InvalidCharacterError"
        //    DOMException.
        validate_name(&attribute)?;
        // 5. Set an attribute value for the DOMStringMap's associated element using name and value.
        self.element.set_attribute_value(cx, &attribute, value.into());
        Ok(())
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#dom-domstringmap-removeitem>
    fn NamedDeleter(&self, cx: &mut JSContext, name: DOMString) {
        // 1–2. Convert name to the attribute's name (as the setter's steps 2 and 3 do).
        let attribute = property_to_attribute_name(&name);
        // 3. Remove an attribute by name given name and the DOMStringMap's associated element.
        self.element.RemoveAttribute(cx, attribute.into());
    }

    /// <https://html.spec.whatwg.org/multipage/dom.html#concept-domstringmap-pairs>: "The
    /// supported property names on a DOMStringMap object at any instant are the names of each
    /// pair returned from getting the DOMStringMap's name-value pairs at that instant, in the
    /// order returned."
    fn SupportedPropertyNames(&self, _cx: &mut JSContext) -> Vec<DOMString> {
        self.name_value_pairs().into_iter().map(|(n, _)| n.into()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_become_camel_case() {
        assert_eq!(attribute_suffix_to_property("foo-bar"), "fooBar");
        assert_eq!(attribute_suffix_to_property("foo--bar"), "foo-Bar");
        assert_eq!(attribute_suffix_to_property("-foo"), "Foo");
        assert_eq!(attribute_suffix_to_property("foo-"), "foo-");
        assert_eq!(attribute_suffix_to_property("foo-1"), "foo-1");
        assert_eq!(attribute_suffix_to_property(""), "");
    }

    #[test]
    fn property_names_become_attribute_names() {
        assert_eq!(property_to_attribute_name("fooBar"), "data-foo-bar");
        assert_eq!(property_to_attribute_name("Foo"), "data--foo");
        assert_eq!(property_to_attribute_name("foo-1"), "data-foo-1");
        assert_eq!(property_to_attribute_name(""), "data-");
    }
}
