//! The form elements that hold no value a user edits
//! (<https://html.spec.whatwg.org/multipage/form-elements.html>): `fieldset` and `legend`, `output`
//! (its default value override), `progress` and `meter` (their value algorithms), and `datalist`.

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLDataListElementBinding::HTMLDataListElementMethods;
use crate::dom::bindings::codegen::HTMLFieldSetElementBinding::HTMLFieldSetElementMethods;
use crate::dom::bindings::codegen::HTMLLegendElementBinding::HTMLLegendElementMethods;
use crate::dom::bindings::codegen::HTMLMeterElementBinding::HTMLMeterElementMethods;
use crate::dom::bindings::codegen::HTMLOutputElementBinding::HTMLOutputElementMethods;
use crate::dom::bindings::codegen::HTMLProgressElementBinding::HTMLProgressElementMethods;
use crate::dom::bindings::codegen::NodeBinding::NodeMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::document::Document;
use crate::dom::dom::domtokenlist::DOMTokenList;
use crate::dom::dom::element::Element;
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::Node;
use crate::dom::dom::nodelist::NodeList;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::inputvalue::float_to_string;
use crate::dom::html::forms::{form_owner, is_listed, labels};
use crate::dom::html::htmlelement::HTMLElement;
use crate::dom::html::reflect::{parse_float_value, reflect_bool, reflect_string};
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLFieldSetElement);
simple_element!(HTMLLegendElement);
simple_element!(HTMLProgressElement);
simple_element!(HTMLMeterElement);
simple_element!(HTMLDataListElement);

/// The listed elements that are descendants of a fieldset (its `elements`).
fn fieldset_elements(fieldset: &Node) -> Vec<DomRoot<Element>> {
    fieldset.element_descendants().into_iter().filter(|e| is_listed(e)).collect()
}

impl HTMLFieldSetElementMethods for HTMLFieldSetElement {
    reflect_bool!(
        Disabled,
        SetDisabled,
        "disabled",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-fieldset-disabled"
    );
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fae-form>
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        form_owner(self.upcast())
    }
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-name"
    );
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-fieldset-type>: "must
    /// return the string "fieldset"."
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        "fieldset".into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-fieldset-elements>: "an
    /// HTMLCollection rooted at the fieldset element, whose filter matches listed elements."
    fn Elements(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(fieldset_elements))
    }
    crate::dom::html::forms::validation::constraint_validation_methods!();
}

impl HTMLLegendElementMethods for HTMLLegendElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-legend-form>: "If the legend
    /// element has a fieldset element as its parent, then the form IDL attribute must return the
    /// same value as the form IDL attribute on that fieldset element. Otherwise, it must return
    /// null."
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        let parent = self.upcast::<Node>().parent()?;
        let fieldset = parent.downcast::<HTMLFieldSetElement>()?;
        form_owner(fieldset.upcast())
    }
    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-legend-align");
}

#[dom_struct]
pub struct HTMLOutputElement {
    htmlelement: HTMLElement,
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-output-default-value-override>
    /// ("initially null").
    #[no_trace]
    default_value_override: RefCell<Option<String>>,
}

impl HTMLOutputElement {
    pub fn new(cx: &mut JSContext, local_name: &str, document: &Document) -> DomRoot<HTMLOutputElement> {
        let window = document.window_for_objects();
        crate::dom::bindings::classes::reflect_dom_object(
            cx,
            Box::new(HTMLOutputElement {
                htmlelement: HTMLElement::new_inherited(local_name, document),
                default_value_override: RefCell::new(None),
            }),
            &window,
        )
    }

    fn replace_all(&self, cx: &mut JSContext, text: &str) {
        self.upcast::<Node>().SetTextContent(cx, Some(text.into()));
    }

    /// <https://html.spec.whatwg.org/multipage/form-elements.html#the-output-element:concept-form-reset-control>:
    /// "string replace all with this element's default value override and this element. Set this
    /// element's default value override to null."
    pub fn reset(&self, cx: &mut JSContext) {
        let value = self.default_value_override.borrow_mut().take();
        if let Some(value) = value {
            self.replace_all(cx, &value);
        }
    }
}

impl HTMLOutputElementMethods for HTMLOutputElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-htmlfor>
    fn HtmlFor(&self, cx: &mut JSContext) -> DomRoot<DOMTokenList> {
        DOMTokenList::new(cx, self.upcast(), "for")
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fae-form>
    fn Form(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLFormElement>> {
        form_owner(self.upcast())
    }
    reflect_string!(
        Name,
        SetName,
        "name",
        "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-fe-name"
    );
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-type>
    fn Type(&self, _cx: &mut JSContext) -> DOMString {
        "output".into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-defaultvalue>: "If
    /// this element's default value override is non-null, then return it. Return this element's
    /// descendant text content."
    fn DefaultValue(&self, _cx: &mut JSContext) -> DOMString {
        match &*self.default_value_override.borrow() {
            Some(value) => value.clone().into(),
            None => self.upcast::<Node>().descendant_text_content().into(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-defaultvalue>: "If
    /// this's default value override is null, then string replace all with the given value
    /// within this and return. Set this's default value override to the given value."
    fn SetDefaultValue(&self, cx: &mut JSContext, value: DOMString) {
        if self.default_value_override.borrow().is_none() {
            self.replace_all(cx, &value);
            return;
        }
        *self.default_value_override.borrow_mut() = Some(value.to_string());
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-value>: "return
    /// this's descendant text content."
    fn Value(&self, _cx: &mut JSContext) -> DOMString {
        self.upcast::<Node>().descendant_text_content().into()
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-output-value>: "Set this's
    /// default value override to its default value. String replace all with the given value
    /// within this."
    fn SetValue(&self, cx: &mut JSContext, value: DOMString) {
        let default = self.DefaultValue(cx).to_string();
        *self.default_value_override.borrow_mut() = Some(default);
        self.replace_all(cx, &value);
    }
    crate::dom::html::forms::validation::constraint_validation_methods!();
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.upcast())
    }
}

/// A content attribute read by the "rules for parsing floating-point number values".
fn float_attribute(element: &Element, name: &str) -> Option<f64> {
    element.get_attribute_value(name).and_then(|v| parse_float_value(&v))
}

/// Sets a content attribute to "the best representation of the number as a floating-point
/// number".
fn set_float_attribute(cx: &mut JSContext, element: &Element, name: &str, value: f64) {
    element.set_attribute_value(cx, name, float_to_string(value));
}

impl HTMLProgressElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-progress-maximum>: "If
    /// the max attribute is omitted, then the maximum value is 1.0. Otherwise, it must be parsed
    /// … if this results in an error, or if the parsed value is less than or equal to zero, then
    /// the maximum value is 1.0."
    fn maximum(&self) -> f64 {
        float_attribute(self.upcast(), "max").filter(|v| *v > 0.0).unwrap_or(1.0)
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#concept-progress-value>: "If the
    /// value attribute is omitted, then the current value is zero … if this results in an error,
    /// or if the parsed value is less than zero, then the current value is zero … If the current
    /// value is greater than the maximum value, then the current value of the progress bar is the
    /// maximum value."
    fn current(&self) -> f64 {
        float_attribute(self.upcast(), "value").filter(|v| *v >= 0.0).unwrap_or(0.0).min(self.maximum())
    }
}

impl HTMLProgressElementMethods for HTMLProgressElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-progress-value>: "If the
    /// progress bar is an indeterminate progress bar, then the value IDL attribute must return
    /// 0. Otherwise, it must return the current value."
    fn Value(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.current())
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-progress-value>: "On
    /// setting, the given value must be converted to the best representation of the number as a
    /// floating-point number and then the value content attribute must be set to that string."
    fn SetValue(&self, cx: &mut JSContext, value: Finite<f64>) {
        set_float_attribute(cx, self.upcast(), "value", *value);
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-progress-max>: reflects
    /// `max`, "limited to only positive numbers" with the maximum value's default.
    fn Max(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.maximum())
    }
    /// <https://html.spec.whatwg.org/multipage/common-dom-interfaces.html#reflecting-content-attributes-in-idl-attributes>:
    /// a double limited to only positive numbers: "If the given value is not greater than 0,
    /// then return" (nothing is set).
    fn SetMax(&self, cx: &mut JSContext, value: Finite<f64>) {
        if *value > 0.0 {
            set_float_attribute(cx, self.upcast(), "max", *value);
        }
    }
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-progress-position>: "If the
    /// progress bar is an indeterminate progress bar, then the position IDL attribute must return
    /// −1. Otherwise, it must return the result of dividing the current value by the maximum
    /// value."
    fn Position(&self, _cx: &mut JSContext) -> Finite<f64> {
        if !self.upcast::<Element>().has_attribute_named("value") {
            return Finite::<f64>::wrap(-1.0);
        }
        Finite::<f64>::wrap(self.current() / self.maximum())
    }
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.upcast())
    }
}

/// The boundaries of a meter (<https://html.spec.whatwg.org/multipage/form-elements.html#the-meter-element>).
struct MeterValues {
    min: f64,
    max: f64,
    value: f64,
    low: f64,
    high: f64,
    optimum: f64,
}

impl HTMLMeterElement {
    fn values(&self) -> MeterValues {
        let element = self.upcast::<Element>();
        // "The minimum value is the value of the min attribute, if it is specified and can be
        // parsed without error. If the attribute is absent, or if the value cannot be parsed, the
        // minimum value is zero."
        let min = float_attribute(element, "min").unwrap_or(0.0);
        // "The maximum value is the value of the max attribute, if it is specified and can be
        // parsed without error. If the attribute is absent, or if the value cannot be parsed, the
        // maximum value is 1.0. If the maximum value would be less than the minimum value, then
        // the maximum value is the same as the minimum value."
        let max = float_attribute(element, "max").unwrap_or(1.0).max(min);
        // "The actual value is the value of the value attribute … or zero … If the actual value
        // would be less than the minimum value, then the actual value is the minimum value. If
        // the actual value would be more than the maximum value, then the actual value is the
        // maximum value."
        let value = float_attribute(element, "value").unwrap_or(0.0).clamp(min, max);
        // "The low boundary is the value of the low attribute … or the minimum value. If the low
        // boundary would be less than the minimum value, then it is the minimum value. If the low
        // boundary would be more than the maximum value, then it is the maximum value."
        let low = float_attribute(element, "low").unwrap_or(min).clamp(min, max);
        // "The high boundary is the value of the high attribute … or the maximum value. If the
        // high boundary would be less than the low boundary, then it is the low boundary. If the
        // high boundary would be more than the maximum value, then it is the maximum value."
        let high = float_attribute(element, "high").unwrap_or(max).max(low).min(max);
        // "The optimum point is the value of the optimum attribute … or the midpoint between the
        // minimum value and the maximum value. If the optimum point is then less than the minimum
        // value, then the optimum point is the minimum value. If the optimum point is then greater
        // than the maximum value, then the optimum point is the maximum value."
        let optimum = float_attribute(element, "optimum").unwrap_or((min + max) / 2.0).clamp(min, max);
        MeterValues { min, max, value, low, high, optimum }
    }
}

/// A meter attribute's getter and setter: the computed value, and "the best representation of
/// the number" on setting.
macro_rules! meter_attribute {
    ($get:ident, $set:ident, $field:ident, $attr:literal, $url:literal) => {
        #[doc = concat!("<", $url, ">")]
        fn $get(&self, _cx: &mut JSContext) -> Finite<f64> {
            Finite::<f64>::wrap(self.values().$field)
        }
        #[doc = concat!("<", $url, ">")]
        fn $set(&self, cx: &mut JSContext, value: Finite<f64>) {
            set_float_attribute(cx, self.upcast(), $attr, *value);
        }
    };
}

impl HTMLMeterElementMethods for HTMLMeterElement {
    meter_attribute!(
        Value,
        SetValue,
        value,
        "value",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-value"
    );
    meter_attribute!(
        Min,
        SetMin,
        min,
        "min",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-min"
    );
    meter_attribute!(
        Max,
        SetMax,
        max,
        "max",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-max"
    );
    meter_attribute!(
        Low,
        SetLow,
        low,
        "low",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-low"
    );
    meter_attribute!(
        High,
        SetHigh,
        high,
        "high",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-high"
    );
    meter_attribute!(
        Optimum,
        SetOptimum,
        optimum,
        "optimum",
        "https://html.spec.whatwg.org/multipage/form-elements.html#dom-meter-optimum"
    );
    /// <https://html.spec.whatwg.org/multipage/forms.html#dom-lfe-labels>
    fn Labels(&self, cx: &mut JSContext) -> DomRoot<NodeList> {
        labels(cx, self.upcast())
    }
}

/// A datalist's `options`: its `option` descendants.
fn datalist_options(datalist: &Node) -> Vec<DomRoot<Element>> {
    datalist.element_descendants().into_iter().filter(|e| e.is_html_element() && e.local_name() == "option").collect()
}

impl HTMLDataListElementMethods for HTMLDataListElement {
    /// <https://html.spec.whatwg.org/multipage/form-elements.html#dom-datalist-options>: "an
    /// HTMLCollection rooted at the datalist node, whose filter matches option elements."
    fn Options(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(datalist_options))
    }
}
