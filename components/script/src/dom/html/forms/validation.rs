//! Constraint validation (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#constraints>):
//! which controls are candidates, the validity states they suffer from, `ValidityState`, the
//! `invalid` event of `checkValidity()`/`reportValidity()`, and the validation a form's
//! submission runs first.
//!
//! Nobody types here, so the states the standard ties to user edits never hold: `tooLong` and
//! `tooShort` ("if … the element's value was last changed by a user edit") and `badInput`
//! (input the user agent could not convert). Range and step checks cover `number`, `range`,
//! `date` and `time` inputs; `month`, `week` and `datetime-local` are not range-checked. "Report the problem to the user"
//! shows nothing in a host without a display; the first invalid control gets the focus, as in
//! browsers.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ValidityStateBinding::ValidityStateMethods;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::dom::element::Element;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::dom::node::Node;
use crate::dom::html::forms::htmlformelement::HTMLFormElement;
use crate::dom::html::forms::htmlinputelement::HTMLInputElement;
use crate::dom::html::forms::htmlselectelement::HTMLSelectElement;
use crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement;
use crate::dom::html::forms::inputvalue;
use crate::dom::html::forms::is_disabled_control;
use crate::dom::html::htmlelement::HTMLElement;

/// The validity states of <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#validity-states>
/// that can hold here.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct Validity {
    pub value_missing: bool,
    pub type_mismatch: bool,
    pub pattern_mismatch: bool,
    pub range_underflow: bool,
    pub range_overflow: bool,
    pub step_mismatch: bool,
    pub custom_error: bool,
}

impl Validity {
    /// "An element satisfies its constraints if it is not suffering from any of the above
    /// validity states."
    pub fn valid(&self) -> bool {
        *self == Validity::default()
    }
}

/// Whether `element` is a submittable element that has the constraint validation API here
/// (button, input, select, textarea).
fn is_control(element: &Element) -> bool {
    element.is_html_element() && matches!(element.local_name(), "button" | "input" | "select" | "textarea")
}

/// The types `readonly` applies to (<https://html.spec.whatwg.org/multipage/input.html#do-not-apply>).
fn readonly_applies(kind: &str) -> bool {
    matches!(
        kind,
        "text"
            | "search"
            | "url"
            | "tel"
            | "email"
            | "password"
            | "date"
            | "month"
            | "week"
            | "time"
            | "datetime-local"
            | "number"
    )
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#candidate-for-constraint-validation>:
/// a submittable element not barred from constraint validation.
pub fn is_candidate(element: &Element) -> bool {
    if !is_control(element) || is_disabled_control(element) {
        return false;
    }
    // "If an element has a datalist element ancestor, it is barred from constraint validation."
    let mut ancestor = element.upcast::<Node>().parent();
    while let Some(node) = ancestor {
        if node.downcast::<Element>().is_some_and(|e| e.is_html_element() && e.local_name() == "datalist") {
            return false;
        }
        ancestor = node.parent();
    }
    match element.local_name() {
        // Hidden, Reset and Button inputs are barred; "if the readonly attribute is specified on
        // an input element, the element is barred from constraint validation" (whatever its
        // type, as in browsers and WPT).
        "input" => {
            let kind = inputvalue::type_keyword(element.get_attribute_value("type").as_deref());
            !matches!(kind, "hidden" | "reset" | "button") && !element.has_attribute_named("readonly")
        }
        "textarea" => !element.has_attribute_named("readonly"),
        // "If the type attribute is in the Reset Button state or the Button state, the element is
        // barred from constraint validation."
        "button" => !matches!(
            element.get_attribute_value("type").map(|t| t.to_ascii_lowercase()).as_deref(),
            Some("reset" | "button")
        ),
        _ => true,
    }
}

/// The custom validity error message (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#custom-validity-error-message>).
pub fn custom_message(element: &Element) -> String {
    element.downcast::<HTMLElement>().map(|e| e.custom_validity()).unwrap_or_default()
}

/// <https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address>: the standard's
/// grammar (its regular expression) as code.
pub fn is_valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    let local_ok =
        !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes[0].is_ascii_alphanumeric()
            && bytes[bytes.len() - 1].is_ascii_alphanumeric()
            && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    };
    local_ok && domain.split('.').all(label_ok)
}

/// Whether `value` matches `pattern` as the `pattern` attribute says: compiled with the `v`
/// flag as `^(?:pattern)$`; a pattern that does not compile matches everything
/// (<https://html.spec.whatwg.org/multipage/input.html#compiled-pattern-regular-expression>).
fn matches_pattern(cx: &mut JSContext, pattern: &str, value: &str) -> bool {
    // "Let regexpCompletion be RegExpCreate(pattern, "v"). If regexpCompletion is an abrupt
    // completion, then return nothing" (the pattern alone must compile: `a)(b` does not).
    let raw_pattern: Vec<u16> = pattern.encode_utf16().collect();
    let source: Vec<u16> = format!("^(?:{pattern})$").encode_utf16().collect();
    let input: Vec<u16> = value.encode_utf16().collect();
    // JS::RegExpFlags::UnicodeSets ('v').
    let flags = mozjs::jsapi::JS::RegExpFlags { flags_: 0x80 };
    // SAFETY: `cx` is this thread's live context; the buffers outlive the calls; the regexp is
    // rooted while used; a pending exception from a bad pattern is cleared.
    unsafe {
        let raw = cx.raw_cx();
        rooted!(&in(cx) let alone = mozjs::jsapi::JS::NewUCRegExpObject(raw, raw_pattern.as_ptr(), raw_pattern.len(), flags));
        if alone.get().is_null() {
            mozjs::jsapi::JS_ClearPendingException(raw);
            return true;
        }
        rooted!(&in(cx) let regexp = mozjs::jsapi::JS::NewUCRegExpObject(raw, source.as_ptr(), source.len(), flags));
        if regexp.get().is_null() {
            mozjs::jsapi::JS_ClearPendingException(raw);
            return true;
        }
        rooted!(&in(cx) let mut result = UndefinedValue());
        let mut index = 0usize;
        let ok = mozjs::jsapi::JS::ExecuteRegExpNoStatics(
            raw,
            regexp.handle().into(),
            input.as_ptr(),
            input.len(),
            &mut index,
            true,
            result.handle_mut().into(),
        );
        if !ok {
            mozjs::jsapi::JS_ClearPendingException(raw);
            return true;
        }
        result.get().is_boolean() && result.get().to_boolean()
    }
}

/// The validity states of an input element.
fn input_validity(cx: &mut JSContext, input: &HTMLInputElement) -> Validity {
    let element = input.upcast::<Element>();
    let kind = input.input_type();
    let value = input.current_value();
    let attr = |name: &str| element.get_attribute_value(name);
    let mut v = Validity::default();
    let mutable =
        !is_disabled_control(element) && (!readonly_applies(kind) || !element.has_attribute_named("readonly"));
    let required = element.has_attribute_named("required");
    // Suffering from being missing, per type.
    v.value_missing = match kind {
        "text" | "search" | "url" | "tel" | "email" | "password" | "date" | "month" | "week" | "time"
        | "datetime-local" | "number" => required && mutable && value.is_empty(),
        // "If the element is required and its checkedness is false."
        "checkbox" => required && !input.checkedness(),
        // "If an element in the radio button group is required, and all of the input elements
        // in the radio button group have a checkedness that is false."
        // (A radio button without a name is in no group that can be missing, as in browsers.)
        "radio" if element.get_attribute_value("name").is_none_or(|n| n.is_empty()) => false,
        "radio" => {
            let group = input.radio_group();
            let any_required = required || group.iter().any(|r| r.upcast::<Element>().has_attribute_named("required"));
            any_required && !input.checkedness() && group.iter().all(|r| !r.checkedness())
        }
        // "If the element is required and the list of selected files is empty."
        "file" => required && input.selected_file_count() == 0,
        _ => false,
    };
    // Suffering from a type mismatch (a non-empty value only).
    if !value.is_empty() {
        v.type_mismatch = match kind {
            "email" if element.has_attribute_named("multiple") => !value.split(',').all(|a| is_valid_email(a.trim())),
            "email" => !is_valid_email(&value),
            "url" => url::Url::parse(&value).is_err(),
            _ => false,
        };
    }
    // Suffering from a pattern mismatch.
    if let Some(pattern) = attr("pattern")
        && matches!(kind, "text" | "search" | "url" | "tel" | "email" | "password")
        && !value.is_empty()
    {
        v.pattern_mismatch = if kind == "email" && element.has_attribute_named("multiple") {
            !value.split(',').all(|a| matches_pattern(cx, &pattern, a.trim()))
        } else {
            !matches_pattern(cx, &pattern, &value)
        };
    }
    // Suffering from an underflow, an overflow, a step mismatch (number, range, date, time).
    if let Some(n) = inputvalue::value_as_number(kind, &value).filter(|n| n.is_finite())
        && let Some((min, max, step, base)) = numeric_constraints(input, kind)
    {
        // A time input whose maximum is below its minimum has a reversed range: a value
        // between the two underflows and overflows at once.
        if let (Some(lo), Some(hi)) = (min, max)
            && kind == "time"
            && hi < lo
        {
            let outside = n > hi && n < lo;
            v.range_underflow = outside;
            v.range_overflow = outside;
        } else {
            v.range_underflow = min.is_some_and(|min| n < min);
            v.range_overflow = max.is_some_and(|max| n > max);
        }
        if let Some(step) = step {
            let steps = (n - base) / step;
            v.step_mismatch = (steps - steps.round()).abs() > 1e-9 * steps.abs().max(1.0);
        }
    }
    v
}

/// The minimum, maximum, allowed value step and step base of a number, range, date or time
/// input, in the units of its valueAsNumber
/// (<https://html.spec.whatwg.org/multipage/input.html#concept-input-step>): the step scale
/// factors are 1, 1, 86 400 000 and 1 000, the default steps 1, 1, 1 and 60.
fn numeric_constraints(input: &HTMLInputElement, kind: &str) -> Option<(Option<f64>, Option<f64>, Option<f64>, f64)> {
    if matches!(kind, "number" | "range") {
        let range = input.numeric_range();
        return Some((range.min, range.max, range.step, range.step_base));
    }
    let (scale, default_step) = match kind {
        "date" => (86_400_000.0, 1.0),
        "time" => (1000.0, 60.0),
        _ => return None,
    };
    let element = input.upcast::<Element>();
    let parse = |name: &str| {
        element.get_attribute_value(name).and_then(|v| inputvalue::value_as_number(kind, &v)).filter(|n| n.is_finite())
    };
    let (min, max) = (parse("min"), parse("max"));
    let step = match element.get_attribute_value("step") {
        Some(s) if s.eq_ignore_ascii_case("any") => None,
        Some(s) => Some(inputvalue::parse_valid_float(&s).filter(|v| *v > 0.0).unwrap_or(default_step) * scale),
        None => Some(default_step * scale),
    };
    // "If the element has a min content attribute, and the result of applying the algorithm to
    // convert a string to a number to the value of the min content attribute is not an error,
    // then return that result. If the element has a value content attribute, and …, then return
    // that result. … Return the default step base" (0 for these types).
    let base = min.or_else(|| parse("value")).unwrap_or(0.0);
    Some((min, max, step, base))
}

/// The validity states of `element` (all false for an element that is not a control).
pub fn validity(cx: &mut JSContext, element: &Element) -> Validity {
    let mut v = if let Some(input) = element.downcast::<HTMLInputElement>() {
        input_validity(cx, input)
    } else if let Some(textarea) = element.downcast::<HTMLTextAreaElement>() {
        // "If the element has its required attribute specified, and the element is mutable,
        // and the element's value is the empty string."
        let mutable = !is_disabled_control(element) && !element.has_attribute_named("readonly");
        Validity {
            value_missing: element.has_attribute_named("required") && mutable && textarea.api_value_is_empty(),
            ..Validity::default()
        }
    } else if let Some(select) = element.downcast::<HTMLSelectElement>() {
        Validity {
            value_missing: element.has_attribute_named("required") && select.suffers_from_being_missing(),
            ..Validity::default()
        }
    } else {
        Validity::default()
    };
    // "When a control's custom validity error message … is not the empty string, the element
    // is suffering from a custom error."
    // (Every listed element has the constraint validation API, fieldset and output included.)
    v.custom_error = crate::dom::html::forms::is_listed(element) && !custom_message(element).is_empty();
    v
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-validationmessage>:
/// the empty string for an element that is not a candidate or satisfies its constraints; the
/// custom message for a custom error; else the message Chromium shows for the first state.
pub fn validation_message(cx: &mut JSContext, element: &Element) -> String {
    if !is_candidate(element) {
        return String::new();
    }
    let v = validity(cx, element);
    if v.custom_error {
        return custom_message(element);
    }
    let kind = element
        .downcast::<HTMLInputElement>()
        .map(|i| i.input_type())
        .unwrap_or_else(|| if element.local_name() == "select" { "select" } else { "text" });
    let attr = |name: &str| element.get_attribute_value(name).unwrap_or_default();
    if v.value_missing {
        return match kind {
            "checkbox" => "Please check this box if you want to proceed.",
            "radio" => "Please select one of these options.",
            "file" => "Please select a file.",
            "select" => "Please select an item in the list.",
            _ => "Please fill out this field.",
        }
        .into();
    }
    if v.type_mismatch {
        return if kind == "url" { "Please enter a URL.".into() } else { "Please enter an email address.".into() };
    }
    if v.pattern_mismatch {
        return "Please match the requested format.".into();
    }
    if v.range_underflow {
        return format!("Value must be greater than or equal to {}.", attr("min"));
    }
    if v.range_overflow {
        return format!("Value must be less than or equal to {}.", attr("max"));
    }
    if v.step_mismatch {
        return "Please enter a valid value.".into();
    }
    String::new()
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#check-validity-steps>:
/// "If element is a candidate for constraint validation and does not satisfy its constraints,
/// then: fire an event named invalid at element, with the cancelable attribute initialized to
/// true …; return false. Return true." Returns (valid, the event was not canceled).
fn check(cx: &mut JSContext, element: &Element) -> (bool, bool) {
    if !is_candidate(element) || validity(cx, element).valid() {
        return (true, true);
    }
    let not_canceled = element.upcast::<EventTarget>().fire_event_with(cx, "invalid", false, true);
    (false, not_canceled)
}

/// `checkValidity()` of a control.
pub fn check_validity(cx: &mut JSContext, element: &Element) -> bool {
    check(cx, element).0
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#report-validity-steps>:
/// as checkValidity(), and when the `invalid` event was not canceled, "report the problem":
/// nothing is shown here, the element gets the focus.
pub fn report_validity(cx: &mut JSContext, element: &Element) -> bool {
    let (valid, not_canceled) = check(cx, element);
    if !valid && not_canceled {
        crate::dom::html::focus::focusing_steps(cx, element);
    }
    valid
}

/// The submittable elements whose form owner is `form`, in tree order.
fn form_controls(form: &HTMLFormElement) -> Vec<DomRoot<Element>> {
    let root = form.upcast::<Node>().root();
    let mut controls = Vec::new();
    root.for_each_inclusive_descendant(|n| {
        if let Some(e) = n.downcast::<Element>()
            && is_control(e)
            && crate::dom::html::forms::form_owner(e).is_some_and(|owner| std::ptr::eq(&*owner, form))
        {
            controls.push(DomRoot::from_ref(e));
        }
    });
    controls
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#statically-validate-the-constraints>:
/// the invalid controls whose `invalid` event was not canceled, or None when all are valid.
fn statically_validate(cx: &mut JSContext, form: &HTMLFormElement) -> Option<Vec<DomRoot<Element>>> {
    // 1–3. "Let controls be a list of all the submittable elements whose form owner is form, in
    //      tree order. Let invalid controls be an initially empty list of elements. For each
    //      element field in controls, in tree order: if field is not a candidate for
    //      constraint validation, then move on to the next element; otherwise, if field
    //      satisfies its constraints, then move on to the next element; otherwise, add field
    //      to invalid controls."
    let invalid: Vec<DomRoot<Element>> =
        form_controls(form).into_iter().filter(|e| is_candidate(e)).filter(|e| !validity(cx, e).valid()).collect();
    // 4. "If invalid controls is empty, then return a positive result."
    if invalid.is_empty() {
        return None;
    }
    // 5–6. "Let unhandled invalid controls be an initially empty list of elements. For each
    //      element field in invalid controls, if any, in tree order: let notCanceled be the
    //      result of firing an event named invalid at field, with the cancelable attribute
    //      initialized to true; if notCanceled is true, then add field to unhandled invalid
    //      controls."
    let mut unhandled = Vec::new();
    for field in invalid {
        if field.upcast::<EventTarget>().fire_event_with(cx, "invalid", false, true) {
            unhandled.push(field);
        }
    }
    // 7. "Return a negative result with the list of elements in the unhandled invalid controls
    //    list."
    Some(unhandled)
}

/// `form.checkValidity()`: "statically validate the constraints of this, and return true if
/// the constraint validation return a positive result, and false if it returned a negative
/// result."
pub fn form_check_validity(cx: &mut JSContext, form: &HTMLFormElement) -> bool {
    statically_validate(cx, form).is_none()
}

/// `form.reportValidity()` and <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#interactively-validate-the-constraints>,
/// which submission runs: the first unhandled invalid control is focused ("report the
/// problems"); the result is whether the form is valid.
pub fn form_report_validity(cx: &mut JSContext, form: &HTMLFormElement) -> bool {
    match statically_validate(cx, form) {
        None => true,
        Some(unhandled) => {
            if let Some(first) = unhandled.first() {
                crate::dom::html::focus::focusing_steps(cx, first);
            }
            false
        }
    }
}

/// `ValidityState` (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#validitystate>):
/// a live view of its element's validity states.
#[dom_struct]
pub struct ValidityState {
    reflector_: Reflector,
    element: Dom<Element>,
}

impl ValidityState {
    pub fn new(cx: &mut JSContext, element: &Element) -> DomRoot<ValidityState> {
        let window = element.upcast::<Node>().owner_doc().window_for_objects();
        let state = ValidityState { reflector_: Reflector::new(), element: Dom::from_ref(element) };
        reflect_dom_object(cx, Box::new(state), &window)
    }

    fn get(&self, cx: &mut JSContext) -> Validity {
        validity(cx, &self.element)
    }
}

impl ValidityStateMethods for ValidityState {
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-valuemissing>
    fn ValueMissing(&self, cx: &mut JSContext) -> bool {
        self.get(cx).value_missing
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-typemismatch>
    fn TypeMismatch(&self, cx: &mut JSContext) -> bool {
        self.get(cx).type_mismatch
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-patternmismatch>
    fn PatternMismatch(&self, cx: &mut JSContext) -> bool {
        self.get(cx).pattern_mismatch
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-toolong>:
    /// only a user edit can make a value too long.
    fn TooLong(&self, _cx: &mut JSContext) -> bool {
        false
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-tooshort>:
    /// only a user edit can make a value too short.
    fn TooShort(&self, _cx: &mut JSContext) -> bool {
        false
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-rangeunderflow>
    fn RangeUnderflow(&self, cx: &mut JSContext) -> bool {
        self.get(cx).range_underflow
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-rangeoverflow>
    fn RangeOverflow(&self, cx: &mut JSContext) -> bool {
        self.get(cx).range_overflow
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-stepmismatch>
    fn StepMismatch(&self, cx: &mut JSContext) -> bool {
        self.get(cx).step_mismatch
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-badinput>:
    /// only input the user typed can be bad.
    fn BadInput(&self, _cx: &mut JSContext) -> bool {
        false
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-customerror>
    fn CustomError(&self, cx: &mut JSContext) -> bool {
        self.get(cx).custom_error
    }
    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-validitystate-valid>
    fn Valid(&self, cx: &mut JSContext) -> bool {
        self.get(cx).valid()
    }
}

/// The constraint validation members every control implements the same way.
macro_rules! constraint_validation_methods {
    () => {
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-willvalidate>
        fn WillValidate(&self, _cx: &mut JSContext) -> bool {
            $crate::dom::html::forms::validation::is_candidate(self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-validity>
        fn Validity(
            &self,
            cx: &mut JSContext,
        ) -> $crate::dom::bindings::root::DomRoot<$crate::dom::html::forms::validation::ValidityState> {
            $crate::dom::html::forms::validation::ValidityState::new(cx, self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-validationmessage>
        fn ValidationMessage(&self, cx: &mut JSContext) -> DOMString {
            $crate::dom::html::forms::validation::validation_message(cx, self.upcast()).into()
        }
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-checkvalidity>
        fn CheckValidity(&self, cx: &mut JSContext) -> bool {
            $crate::dom::html::forms::validation::check_validity(cx, self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-reportvalidity>
        fn ReportValidity(&self, cx: &mut JSContext) -> bool {
            $crate::dom::html::forms::validation::report_validity(cx, self.upcast())
        }
        /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-cva-setcustomvalidity>:
        /// "Set error to the result of normalizing newlines given error. Set element's custom
        /// validity error message to error."
        fn SetCustomValidity(&self, _cx: &mut JSContext, error: DOMString) {
            let error = error.replace("\r\n", "\n").replace('\r', "\n");
            self.upcast::<$crate::dom::html::htmlelement::HTMLElement>().set_custom_validity(error);
        }
    };
}
pub(crate) use constraint_validation_methods;

#[cfg(test)]
mod tests {
    use super::is_valid_email;

    #[test]
    fn email_addresses() {
        for good in ["a@b", "first.last@example.com", "x+y@sub-domain.example", "!#$%&'*+/=?^_`{|}~-@a1"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in ["", "a", "@b", "a@", "a@b.", "a@-b", "a@b-", "a b@c", "a@b..c", "é@b", "a@b_c"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }
}
