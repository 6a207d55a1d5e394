//! User activation (<https://html.spec.whatwg.org/multipage/interaction.html#tracking-user-activation>):
//! each window's last activation timestamp, set by the activation notification that trusted
//! input events (`userinput.rs`) run before they are dispatched; sticky and transient
//! activation; consuming it; and `navigator.userActivation`.

use std::cell::Cell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::UserActivationBinding::UserActivationMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::html::window::Window;

/// <https://html.spec.whatwg.org/multipage/interaction.html#transient-activation-duration>: "a
/// constant … at most a few seconds". Chromium's is 5 seconds, and pages tuned on it wait that
/// long at most.
pub const TRANSIENT_ACTIVATION_DURATION_MS: f64 = 5000.0;

/// A window's activation timestamps, in its `performance.now()` time.
pub struct ActivationTimestamps {
    /// "last activation timestamp … initially positive infinity": +∞ never activated, −∞
    /// consumed.
    last: Cell<f64>,
    /// "last history-action activation timestamp … initially positive infinity".
    last_history_action: Cell<f64>,
}

impl Default for ActivationTimestamps {
    fn default() -> Self {
        ActivationTimestamps { last: Cell::new(f64::INFINITY), last_history_action: Cell::new(f64::INFINITY) }
    }
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#sticky-activation>: "When the current
/// high resolution time given W is greater than or equal to the last activation timestamp in W".
pub fn has_sticky_activation(window: &Window) -> bool {
    window.performance_now() >= window.user_activation().last.get()
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#transient-activation>: "When the
/// current high resolution time given W is greater than or equal to the last activation timestamp
/// in W, and less than the last activation timestamp in W plus the transient activation
/// duration".
pub fn has_transient_activation(window: &Window) -> bool {
    let now = window.performance_now();
    let last = window.user_activation().last.get();
    now >= last && now < last + TRANSIENT_ACTIVATION_DURATION_MS
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#history-action-activation>: "the
/// last history-action activation timestamp of W is not equal to the last activation timestamp
/// of W" (with sticky activation).
pub fn has_history_action_activation(window: &Window) -> bool {
    let timestamps = window.user_activation();
    has_sticky_activation(window) && timestamps.last_history_action.get() != timestamps.last.get()
}

/// The windows an activation touches: `window` and the windows of its ancestor navigables.
fn window_and_ancestors(window: &Window) -> Vec<DomRoot<Window>> {
    let mut windows = vec![DomRoot::from_ref(window)];
    while let Some(parent) = windows.last().and_then(|w| w.parent_window()) {
        windows.push(parent);
    }
    windows
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#activation-notification>, run before
/// an activation-triggering input event is dispatched in `window`'s document.
pub fn activation_notification(window: &Window) {
    // 1–2. "Let document be … Set document's relevant global object's last activation
    //    timestamp to the current high resolution time."
    // 3. "For each navigable ancestor of document's node navigable: set ancestor's active
    //    window's last activation timestamp to the current high resolution time."
    // (4. Same-origin descendant navigables: Aperture's iframes activate only through their own
    //    input, which it has no way to deliver to them.)
    for w in window_and_ancestors(window) {
        let now = w.performance_now();
        w.user_activation().last.set(now);
    }
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#consume-user-activation>
pub fn consume_user_activation(window: &Window) {
    // 1. "If W's navigable is null, then return."
    if !window.is_attached() {
        return;
    }
    // 2–4. "Let top be W's navigable's top-level traversable. Let navigables be the inclusive
    //    descendant navigables of top's active document. Let windows be the list of Window
    //    objects constructed by taking the active window of each item in navigables." (The
    //    windows Aperture can reach: W and its ancestors.)
    // 5. "For each window in windows, if window's last activation timestamp is not positive
    //    infinity, then set window's last activation timestamp to negative infinity."
    for w in window_and_ancestors(window) {
        if w.user_activation().last.get() != f64::INFINITY {
            w.user_activation().last.set(f64::NEG_INFINITY);
        }
    }
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#consume-history-action-user-activation>
pub fn consume_history_action_user_activation(window: &Window) {
    // "For each window in windows, set window's last history-action activation timestamp to
    // window's last activation timestamp."
    for w in window_and_ancestors(window) {
        let last = w.user_activation().last.get();
        w.user_activation().last_history_action.set(last);
    }
}

/// <https://html.spec.whatwg.org/multipage/interaction.html#the-useractivation-interface>
#[dom_struct]
pub struct UserActivation {
    reflector_: Reflector,
    window: Dom<Window>,
}

impl UserActivation {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<UserActivation> {
        reflect_dom_object(
            cx,
            Box::new(UserActivation { reflector_: Reflector::new(), window: Dom::from_ref(window) }),
            window,
        )
    }
}

impl UserActivationMethods for UserActivation {
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-useractivation-hasbeenactive>:
    /// "return true if this's relevant global object has sticky activation, and false otherwise."
    fn HasBeenActive(&self, _cx: &mut JSContext) -> bool {
        has_sticky_activation(&self.window)
    }
    /// <https://html.spec.whatwg.org/multipage/interaction.html#dom-useractivation-isactive>:
    /// "return true if this's relevant global object has transient activation, and false
    /// otherwise."
    fn IsActive(&self, _cx: &mut JSContext) -> bool {
        has_transient_activation(&self.window)
    }
}
