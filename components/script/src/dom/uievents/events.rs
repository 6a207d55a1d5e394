//! `UIEvent`, `FocusEvent`, `MouseEvent`, `WheelEvent`, `PointerEvent`, `KeyboardEvent`,
//! `InputEvent`.

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::CompositionEventBinding::CompositionEventMethods;
use crate::dom::bindings::codegen::Dictionaries::{
    CompositionEventInit, EventInit, EventModifierInit, FocusEventInit, InputEventInit, KeyboardEventInit,
    MouseEventInit, PointerEventInit, UIEventInit, WheelEventInit,
};
use crate::dom::bindings::codegen::FocusEventBinding::FocusEventMethods;
use crate::dom::bindings::codegen::InputEventBinding::InputEventMethods;
use crate::dom::bindings::codegen::KeyboardEventBinding::KeyboardEventMethods;
use crate::dom::bindings::codegen::MouseEventBinding::MouseEventMethods;
use crate::dom::bindings::codegen::PointerEventBinding::PointerEventMethods;
use crate::dom::bindings::codegen::UIEventBinding::UIEventMethods;
use crate::dom::bindings::codegen::WheelEventBinding::WheelEventMethods;
use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::dom::event::Event;
use crate::dom::dom::eventtarget::EventTarget;
use crate::dom::html::window::Window;

/// "Initialize" an event from its dictionary (<https://dom.spec.whatwg.org/#inner-event-creation-steps>).
fn init_event(event: &Event, type_: DOMString, init: &EventInit) {
    event.init(type_.into(), init.bubbles, init.cancelable);
    event.set_composed(init.composed);
}

/// The modifier keys an event was made with.
#[derive(Clone, Copy, Default)]
struct Modifiers {
    ctrl: bool,
    shift: bool,
    alt: bool,
    meta: bool,
    alt_graph: bool,
    caps_lock: bool,
    fn_: bool,
    fn_lock: bool,
    hyper: bool,
    num_lock: bool,
    scroll_lock: bool,
    super_: bool,
    symbol: bool,
    symbol_lock: bool,
}

impl Modifiers {
    fn from(init: &EventModifierInit) -> Modifiers {
        Modifiers {
            ctrl: init.ctrl_key,
            shift: init.shift_key,
            alt: init.alt_key,
            meta: init.meta_key,
            alt_graph: init.modifier_alt_graph,
            caps_lock: init.modifier_caps_lock,
            fn_: init.modifier_fn,
            fn_lock: init.modifier_fn_lock,
            hyper: init.modifier_hyper,
            num_lock: init.modifier_num_lock,
            scroll_lock: init.modifier_scroll_lock,
            super_: init.modifier_super,
            symbol: init.modifier_symbol,
            symbol_lock: init.modifier_symbol_lock,
        }
    }

    /// <https://w3c.github.io/uievents/#dom-mouseevent-getmodifierstate>: the key values of the
    /// modifier keys ("Accel" is Control here).
    fn state(&self, key: &str) -> bool {
        match key {
            "Control" | "Accel" => self.ctrl,
            "Shift" => self.shift,
            "Alt" => self.alt,
            "Meta" => self.meta,
            "AltGraph" => self.alt_graph,
            "CapsLock" => self.caps_lock,
            "Fn" => self.fn_,
            "FnLock" => self.fn_lock,
            "Hyper" => self.hyper,
            "NumLock" => self.num_lock,
            "ScrollLock" => self.scroll_lock,
            "Super" => self.super_,
            "Symbol" => self.symbol,
            "SymbolLock" => self.symbol_lock,
            _ => false,
        }
    }
}

#[dom_struct]
pub struct UIEvent {
    event: Event,
    view: MutNullableDom<Window>,
    #[no_trace]
    detail: i32,
    #[no_trace]
    which: u32,
}

impl UIEvent {
    fn new_inherited(window: &Window, init: &UIEventInit) -> UIEvent {
        UIEvent {
            event: Event::new_inherited(window),
            view: MutNullableDom::new(init.view.as_deref()),
            detail: init.detail,
            which: init.which,
        }
    }
}

impl UIEventMethods for UIEvent {
    /// <https://w3c.github.io/uievents/#dom-uievent-uievent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &UIEventInit,
    ) -> Fallible<DomRoot<UIEvent>> {
        let event = reflect_dom_object_with_proto(cx, Box::new(UIEvent::new_inherited(global, init)), global, proto);
        init_event(event.upcast(), type_, &init.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-uievent-view>
    fn View(&self, _cx: &mut JSContext) -> Option<DomRoot<Window>> {
        self.view.get()
    }
    /// <https://w3c.github.io/uievents/#dom-uievent-detail>
    fn Detail(&self, _cx: &mut JSContext) -> i32 {
        self.detail
    }
    /// <https://w3c.github.io/uievents/#dom-uievent-which>
    fn Which(&self, _cx: &mut JSContext) -> u32 {
        self.which
    }
}

#[dom_struct]
pub struct FocusEvent {
    uievent: UIEvent,
    related_target: MutNullableDom<EventTarget>,
}

impl FocusEventMethods for FocusEvent {
    /// <https://w3c.github.io/uievents/#dom-focusevent-focusevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &FocusEventInit,
    ) -> Fallible<DomRoot<FocusEvent>> {
        let event = FocusEvent {
            uievent: UIEvent::new_inherited(global, &init.parent),
            related_target: MutNullableDom::new(init.related_target.as_deref()),
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-focusevent-relatedtarget>
    fn RelatedTarget(&self, _cx: &mut JSContext) -> Option<DomRoot<EventTarget>> {
        self.related_target.get()
    }
}

#[dom_struct]
pub struct MouseEvent {
    uievent: UIEvent,
    #[no_trace]
    screen: (f64, f64),
    #[no_trace]
    client: (f64, f64),
    #[no_trace]
    movement: (f64, f64),
    #[no_trace]
    modifiers: Modifiers,
    #[no_trace]
    button: i16,
    #[no_trace]
    buttons: u16,
    related_target: MutNullableDom<EventTarget>,
}

impl MouseEvent {
    fn new_inherited(window: &Window, init: &MouseEventInit) -> MouseEvent {
        MouseEvent {
            uievent: UIEvent::new_inherited(window, &init.parent.parent),
            screen: (*init.screen_x, *init.screen_y),
            client: (*init.client_x, *init.client_y),
            movement: (*init.movement_x, *init.movement_y),
            modifiers: Modifiers::from(&init.parent),
            button: init.button,
            buttons: init.buttons,
            related_target: MutNullableDom::new(init.related_target.as_deref()),
        }
    }

    /// The synthetic `click` that `element.click()` fires
    /// (<https://html.spec.whatwg.org/multipage/webappapis.html#fire-a-synthetic-pointer-event>):
    /// a trusted PointerEvent that bubbles, is cancelable and composed, with `view` the window and
    /// `detail` 1 as Chromium sets it, at (0, 0).
    pub fn new_synthetic_click(cx: &mut JSContext, window: &Window) -> DomRoot<PointerEvent> {
        let mut init = PointerEventInit::empty();
        init.parent.parent.parent.view = Some(DomRoot::from_ref(window));
        init.parent.parent.parent.detail = 1;
        init.pointer_type = "".into();
        init.pointer_id = -1;
        let event = PointerEvent::new_inherited(window, &init);
        let event = reflect_dom_object(cx, Box::new(event), window);
        let base = event.upcast::<Event>();
        base.init("click".into(), true, true);
        base.set_composed(true);
        base.set_trusted(true);
        event
    }
}

impl MouseEventMethods for MouseEvent {
    /// <https://w3c.github.io/uievents/#dom-mouseevent-mouseevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &MouseEventInit,
    ) -> Fallible<DomRoot<MouseEvent>> {
        let event = reflect_dom_object_with_proto(cx, Box::new(MouseEvent::new_inherited(global, init)), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-screenx>
    fn ScreenX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.screen.0)
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-screeny>
    fn ScreenY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.screen.1)
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-clientx>
    fn ClientX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.0)
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-clienty>
    fn ClientY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.1)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-pagex>: client plus the scroll
    /// offset, which is 0 (the page never scrolls).
    fn PageX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-pagey>
    fn PageY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.1)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-x>: "must return the value of clientX".
    fn X(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-y>
    fn Y(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.1)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-offsetx>: relative to the target's
    /// padding edge; Aperture lays nothing out, so elements sit at the origin and this is clientX.
    fn OffsetX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.0)
    }
    /// <https://drafts.csswg.org/cssom-view/#dom-mouseevent-offsety>
    fn OffsetY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.client.1)
    }
    /// <https://w3c.github.io/pointerlock/#dom-mouseevent-movementx>
    fn MovementX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.movement.0)
    }
    /// <https://w3c.github.io/pointerlock/#dom-mouseevent-movementy>
    fn MovementY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.movement.1)
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-ctrlkey>
    fn CtrlKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.ctrl
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-shiftkey>
    fn ShiftKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.shift
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-altkey>
    fn AltKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.alt
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-metakey>
    fn MetaKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.meta
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-button>
    fn Button(&self, _cx: &mut JSContext) -> i16 {
        self.button
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-buttons>
    fn Buttons(&self, _cx: &mut JSContext) -> u16 {
        self.buttons
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-relatedtarget>
    fn RelatedTarget(&self, _cx: &mut JSContext) -> Option<DomRoot<EventTarget>> {
        self.related_target.get()
    }
    /// <https://w3c.github.io/uievents/#dom-mouseevent-getmodifierstate>
    fn GetModifierState(&self, _cx: &mut JSContext, key: DOMString) -> bool {
        self.modifiers.state(&key)
    }
}

#[dom_struct]
pub struct WheelEvent {
    mouseevent: MouseEvent,
    #[no_trace]
    delta: (f64, f64, f64),
    #[no_trace]
    delta_mode: u32,
}

impl WheelEventMethods for WheelEvent {
    /// <https://w3c.github.io/uievents/#dom-wheelevent-wheelevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &WheelEventInit,
    ) -> Fallible<DomRoot<WheelEvent>> {
        let event = WheelEvent {
            mouseevent: MouseEvent::new_inherited(global, &init.parent),
            delta: (*init.delta_x, *init.delta_y, *init.delta_z),
            delta_mode: init.delta_mode,
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-wheelevent-deltax>
    fn DeltaX(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.delta.0)
    }
    /// <https://w3c.github.io/uievents/#dom-wheelevent-deltay>
    fn DeltaY(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.delta.1)
    }
    /// <https://w3c.github.io/uievents/#dom-wheelevent-deltaz>
    fn DeltaZ(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.delta.2)
    }
    /// <https://w3c.github.io/uievents/#dom-wheelevent-deltamode>
    fn DeltaMode(&self, _cx: &mut JSContext) -> u32 {
        self.delta_mode
    }
}

#[dom_struct]
pub struct PointerEvent {
    mouseevent: MouseEvent,
    #[no_trace]
    pointer_id: i32,
    #[no_trace]
    size: (f64, f64),
    #[no_trace]
    pressure: (f32, f32),
    #[no_trace]
    tilt: (i32, i32),
    #[no_trace]
    twist: i32,
    #[no_trace]
    pointer_type: String,
    #[no_trace]
    is_primary: bool,
}

impl PointerEvent {
    fn new_inherited(window: &Window, init: &PointerEventInit) -> PointerEvent {
        PointerEvent {
            mouseevent: MouseEvent::new_inherited(window, &init.parent),
            pointer_id: init.pointer_id,
            size: (*init.width, *init.height),
            pressure: (*init.pressure, *init.tangential_pressure),
            tilt: (init.tilt_x.unwrap_or(0), init.tilt_y.unwrap_or(0)),
            twist: init.twist,
            pointer_type: String::from(init.pointer_type.clone()),
            is_primary: init.is_primary,
        }
    }
}

impl PointerEventMethods for PointerEvent {
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-constructor>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &PointerEventInit,
    ) -> Fallible<DomRoot<PointerEvent>> {
        let event =
            reflect_dom_object_with_proto(cx, Box::new(PointerEvent::new_inherited(global, init)), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-pointerid>
    fn PointerId(&self, _cx: &mut JSContext) -> i32 {
        self.pointer_id
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-width>
    fn Width(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.size.0)
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-height>
    fn Height(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.size.1)
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-pressure>
    fn Pressure(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.pressure.0)
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-tangentialpressure>
    fn TangentialPressure(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.pressure.1)
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-tiltx>
    fn TiltX(&self, _cx: &mut JSContext) -> i32 {
        self.tilt.0
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-tilty>
    fn TiltY(&self, _cx: &mut JSContext) -> i32 {
        self.tilt.1
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-twist>
    fn Twist(&self, _cx: &mut JSContext) -> i32 {
        self.twist
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-pointertype>
    fn PointerType(&self, _cx: &mut JSContext) -> DOMString {
        self.pointer_type.clone().into()
    }
    /// <https://w3c.github.io/pointerevents/#dom-pointerevent-isprimary>
    fn IsPrimary(&self, _cx: &mut JSContext) -> bool {
        self.is_primary
    }
}

#[dom_struct]
pub struct KeyboardEvent {
    uievent: UIEvent,
    #[no_trace]
    key: String,
    #[no_trace]
    code: String,
    #[no_trace]
    location: u32,
    #[no_trace]
    modifiers: Modifiers,
    #[no_trace]
    repeat: bool,
    #[no_trace]
    is_composing: bool,
    #[no_trace]
    char_code: u32,
    #[no_trace]
    key_code: u32,
}

impl KeyboardEventMethods for KeyboardEvent {
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-keyboardevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &KeyboardEventInit,
    ) -> Fallible<DomRoot<KeyboardEvent>> {
        let event = KeyboardEvent {
            uievent: UIEvent::new_inherited(global, &init.parent.parent),
            key: String::from(init.key.clone()),
            code: String::from(init.code.clone()),
            location: init.location,
            modifiers: Modifiers::from(&init.parent),
            repeat: init.repeat,
            is_composing: init.is_composing,
            char_code: init.char_code,
            key_code: init.key_code,
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-key>
    fn Key(&self, _cx: &mut JSContext) -> DOMString {
        self.key.clone().into()
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-code>
    fn Code(&self, _cx: &mut JSContext) -> DOMString {
        self.code.clone().into()
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-location>
    fn Location(&self, _cx: &mut JSContext) -> u32 {
        self.location
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-ctrlkey>
    fn CtrlKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.ctrl
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-shiftkey>
    fn ShiftKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.shift
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-altkey>
    fn AltKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.alt
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-metakey>
    fn MetaKey(&self, _cx: &mut JSContext) -> bool {
        self.modifiers.meta
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-repeat>
    fn Repeat(&self, _cx: &mut JSContext) -> bool {
        self.repeat
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-iscomposing>
    fn IsComposing(&self, _cx: &mut JSContext) -> bool {
        self.is_composing
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-charcode>
    fn CharCode(&self, _cx: &mut JSContext) -> u32 {
        self.char_code
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-keycode>
    fn KeyCode(&self, _cx: &mut JSContext) -> u32 {
        self.key_code
    }
    /// <https://w3c.github.io/uievents/#dom-keyboardevent-getmodifierstate>
    fn GetModifierState(&self, _cx: &mut JSContext, key: DOMString) -> bool {
        self.modifiers.state(&key)
    }
}

#[dom_struct]
pub struct InputEvent {
    uievent: UIEvent,
    #[no_trace]
    data: Option<String>,
    #[no_trace]
    is_composing: bool,
    #[no_trace]
    input_type: String,
}

impl InputEventMethods for InputEvent {
    /// <https://w3c.github.io/uievents/#dom-inputevent-inputevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &InputEventInit,
    ) -> Fallible<DomRoot<InputEvent>> {
        let event = InputEvent {
            uievent: UIEvent::new_inherited(global, &init.parent),
            data: init.data.clone().map(String::from),
            is_composing: init.is_composing,
            input_type: String::from(init.input_type.clone()),
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-inputevent-data>
    fn Data(&self, _cx: &mut JSContext) -> Option<DOMString> {
        self.data.clone().map(Into::into)
    }
    /// <https://w3c.github.io/uievents/#dom-inputevent-iscomposing>
    fn IsComposing(&self, _cx: &mut JSContext) -> bool {
        self.is_composing
    }
    /// <https://w3c.github.io/input-events/#dom-inputevent-inputtype>
    fn InputType(&self, _cx: &mut JSContext) -> DOMString {
        self.input_type.clone().into()
    }
}

#[dom_struct]
pub struct CompositionEvent {
    uievent: UIEvent,
    #[no_trace]
    data: String,
}

impl CompositionEventMethods for CompositionEvent {
    /// <https://w3c.github.io/uievents/#dom-compositionevent-compositionevent>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        type_: DOMString,
        init: &CompositionEventInit,
    ) -> Fallible<DomRoot<CompositionEvent>> {
        let event = CompositionEvent {
            uievent: UIEvent::new_inherited(global, &init.parent),
            data: String::from(init.data.clone()),
        };
        let event = reflect_dom_object_with_proto(cx, Box::new(event), global, proto);
        init_event(event.upcast(), type_, &init.parent.parent);
        Ok(event)
    }
    /// <https://w3c.github.io/uievents/#dom-compositionevent-data>
    fn Data(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.data.clone())
    }
}
