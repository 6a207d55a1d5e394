//! `DOMTokenList` (<https://dom.spec.whatwg.org/#interface-domtokenlist>):
//! the ordered set of tokens in one of an element's attributes (`class` for
//! `Element.classList`), read from the attribute on every access and written
//! back by the update steps.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::DOMTokenListBinding::DOMTokenListMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::Element;
use crate::dom::globalscope::DomGlobal;

#[dom_struct]
pub struct DOMTokenList {
    reflector_: Reflector,
    element: Dom<Element>,
    /// The associated attribute's local name.
    #[no_trace]
    attribute: &'static str,
}

/// <https://dom.spec.whatwg.org/#concept-ordered-set-parser>
fn parse_ordered_set(value: &str) -> Vec<String> {
    let mut set: Vec<String> = Vec::new();
    for token in value.split_ascii_whitespace() {
        if !set.iter().any(|t| t == token) {
            set.push(token.to_owned());
        }
    }
    set
}

/// The validation both add() and remove() (and the others) start with.
fn validate(token: &str) -> ErrorResult {
    // If token is the empty string, throw a "SyntaxError" DOMException.
    if token.is_empty() {
        return Err(Error::Syntax("The token must not be empty.".into()));
    }
    // If token contains any ASCII whitespace, throw an "InvalidCharacterError" DOMException.
    if token.contains(|c: char| c.is_ascii_whitespace()) {
        return Err(Error::InvalidCharacter(format!("The token '{token}' contains whitespace.")));
    }
    Ok(())
}

impl DOMTokenList {
    pub fn new(cx: &mut JSContext, element: &Element, attribute: &'static str) -> DomRoot<DOMTokenList> {
        let global = element.global();
        reflect_dom_object(
            cx,
            Box::new(DOMTokenList { reflector_: Reflector::new(), element: Dom::from_ref(element), attribute }),
            &global,
        )
    }

    /// The token set (<https://dom.spec.whatwg.org/#concept-dtl-tokens>).
    fn tokens(&self) -> Vec<String> {
        self.element.get_attribute_value(self.attribute).map(|v| parse_ordered_set(&v)).unwrap_or_default()
    }

    /// <https://dom.spec.whatwg.org/#concept-dtl-update>
    fn update(&self, cx: &mut JSContext, tokens: &[String]) {
        // Step 1: If there is no associated attribute and the token set is empty, return.
        if !self.element.has_attribute_named(self.attribute) && tokens.is_empty() {
            return;
        }
        // Step 2: Set the attribute's value to the serialized token set.
        self.element.set_attribute_value(cx, self.attribute, tokens.join(" "));
    }
}

impl DOMTokenListMethods for DOMTokenList {
    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.tokens().len() as u32
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-item>
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DOMString> {
        // The index-th token, or null if index is out of range.
        self.tokens().into_iter().nth(index as usize).map(Into::into)
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-contains>
    fn Contains(&self, _cx: &mut JSContext, token: DOMString) -> bool {
        self.tokens().iter().any(|t| *t == *token)
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-add>
    fn Add(&self, cx: &mut JSContext, tokens: Vec<DOMString>) -> ErrorResult {
        // Step 1: validate each token.
        for token in &tokens {
            validate(token)?;
        }
        // Step 2: append each token to the token set.
        let mut set = self.tokens();
        for token in tokens {
            if !set.iter().any(|t| *t == *token) {
                set.push(token.into());
            }
        }
        // Step 3: Run the update steps.
        self.update(cx, &set);
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-remove>
    fn Remove(&self, cx: &mut JSContext, tokens: Vec<DOMString>) -> ErrorResult {
        // Step 1: validate each token.
        for token in &tokens {
            validate(token)?;
        }
        // Step 2: remove each token from the token set.
        let mut set = self.tokens();
        set.retain(|t| !tokens.iter().any(|token| **token == *t.as_str()));
        // Step 3: Run the update steps.
        self.update(cx, &set);
        Ok(())
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-toggle>
    fn Toggle(&self, cx: &mut JSContext, token: DOMString, force: Option<bool>) -> Fallible<bool> {
        // Steps 1–2: validate token.
        validate(&token)?;
        let mut set = self.tokens();
        // Step 3: If this's token set contains token:
        if set.iter().any(|t| *t == *token) {
            // Step 3.1: If force is either not given or is false, remove token, run the update steps, return false.
            if force != Some(true) {
                set.retain(|t| *t != *token);
                self.update(cx, &set);
                return Ok(false);
            }
            // Step 3.2: Return true.
            return Ok(true);
        }
        // Step 4: Otherwise, if force is not given or is true, append token, run the update steps, return true.
        if force != Some(false) {
            set.push(token.into());
            self.update(cx, &set);
            return Ok(true);
        }
        // Step 5: Return false.
        Ok(false)
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-replace>
    fn Replace(&self, cx: &mut JSContext, token: DOMString, new_token: DOMString) -> Fallible<bool> {
        // Steps 1–2: validate both tokens.
        validate(&token)?;
        validate(&new_token)?;
        let mut set = self.tokens();
        // Step 3: If this's token set does not contain token, then return false.
        let Some(position) = set.iter().position(|t| *t == *token) else { return Ok(false) };
        // Step 4: Replace token with newToken (the ordered set's replace keeps the first of the two).
        let new: String = new_token.into();
        let new_position = set.iter().position(|t| *t == new);
        match new_position {
            Some(existing) if existing < position => {
                set.remove(position);
            }
            Some(existing) => {
                set[position] = new;
                set.remove(existing);
            }
            None => set[position] = new,
        }
        // Step 5: Run the update steps. Step 6: Return true.
        self.update(cx, &set);
        Ok(true)
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-supports>
    fn Supports(&self, _cx: &mut JSContext, _token: DOMString) -> Fallible<bool> {
        // "validation steps": an attribute with no supported tokens (class) throws a TypeError.
        Err(Error::Type(format!("The '{}' attribute has no supported tokens.", self.attribute)))
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-value>
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        // The result of running get an attribute value.
        self.element.get_attribute_value(self.attribute).unwrap_or_default().into()
    }

    /// <https://dom.spec.whatwg.org/#dom-domtokenlist-value>
    fn SetValue(&self, cx: &mut JSContext, value: DOMString) {
        // Set an attribute value.
        self.element.set_attribute_value(cx, self.attribute, value.into());
    }
}
