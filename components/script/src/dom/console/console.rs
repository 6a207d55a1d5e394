//! The `console` namespace (<https://console.spec.whatwg.org/>): `log`/`info`/
//! `debug` print to stdout, `warn`/`error`/`assert`/`trace` to stderr, with
//! values formatted the way a developer reads them in Chrome's console.

use std::time::Instant;

use mozjs::context::JSContext;
use mozjs::jsapi::{
    ESClass, GetBuiltinClass, IsArrayObject1, IsCallable, JS_GetFunctionId, JS_ObjectIsFunction, JSITER_OWNONLY,
    JSITER_SYMBOLS,
};
use mozjs::jsval::{JSVal, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, HandleValue, IdVector};

use crate::dom::bindings::codegen::consoleBinding::consoleMethods;
use crate::dom::bindings::conversions::jsval_to_string;
use crate::dom::bindings::interface::get_dom_class;
use crate::dom::bindings::num::number_to_string;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;
use crate::embedder::{ConsoleLevel, ConsoleMessage};

/// The namespace's implementation (no instances).
#[allow(non_camel_case_types)]
pub struct console;

const MAX_DEPTH: usize = 2;
const MAX_ENTRIES: usize = 100;

/// <https://console.spec.whatwg.org/#logger> with the formatter
/// (<https://console.spec.whatwg.org/#formatter>): `%s %d %i %f %o %O %c`
/// in a leading string, then the remaining values separated by spaces.
fn format_args(cx: &mut JSContext, args: &[JSVal]) -> String {
    let mut out = String::new();
    let mut rest = args;
    if let Some(first) = args.first() {
        // SAFETY: `args` is the operation's argument vector (`Args::rest`), which SpiderMonkey roots
        // for the whole call, so a handle to one of its slots stays valid.
        let first_h = unsafe { HandleValue::from_marked_location(first) };
        if first.is_string() {
            let template = jsval_to_string(cx, first_h).unwrap_or_default();
            let mut consumed = 1;
            let mut chars = template.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                match chars.peek().copied() {
                    Some(spec @ ('s' | 'd' | 'i' | 'f' | 'o' | 'O' | 'c')) => {
                        chars.next();
                        let Some(arg) = args.get(consumed) else {
                            out.push('%');
                            out.push(spec);
                            continue;
                        };
                        consumed += 1;
                        // SAFETY: `args` is the operation's argument vector (`Args::rest`), which SpiderMonkey roots
                        // for the whole call, so a handle to one of its slots stays valid.
                        let h = unsafe { HandleValue::from_marked_location(arg) };
                        match spec {
                            's' => out.push_str(&display_top_level(cx, h)),
                            'd' | 'i' => {
                                // SAFETY: `h` points into the rooted argument vector (above).
                                let n = unsafe { mozjs::rust::ToNumber(cx, h) }.unwrap_or(f64::NAN);
                                if n.is_finite() {
                                    out.push_str(&number_to_string(n.trunc()))
                                } else {
                                    out.push_str("NaN")
                                }
                            }
                            'f' => {
                                // SAFETY: as for 'd' above.
                                let n = unsafe { mozjs::rust::ToNumber(cx, h) }.unwrap_or(f64::NAN);
                                out.push_str(&number_to_string(n));
                            }
                            'o' | 'O' => out.push_str(&inspect(cx, h, 0)),
                            _ => {} // %c: CSS styling has no meaning in a terminal.
                        }
                    }
                    Some('%') => {
                        chars.next();
                        out.push('%');
                    }
                    _ => out.push('%'),
                }
            }
            rest = &args[consumed.min(args.len())..];
        }
    }
    // Values are separated by one space, after a (possibly empty) format string too.
    let mut separate = rest.len() < args.len();
    for v in rest {
        if separate {
            out.push(' ');
        }
        separate = true;
        // SAFETY: `args` is the operation's argument vector (`Args::rest`), which SpiderMonkey roots
        // for the whole call, so a handle to one of its slots stays valid.
        let h = unsafe { HandleValue::from_marked_location(v) };
        out.push_str(&display_top_level(cx, h));
    }
    crate::dom::bindings::error::clear_pending_exception(cx);
    out
}

/// Top-level values: strings print raw, everything else inspected.
fn display_top_level(cx: &mut JSContext, value: HandleValue) -> String {
    if value.get().is_string() { jsval_to_string(cx, value).unwrap_or_default() } else { inspect(cx, value, 0) }
}

/// A readable rendering of any value, nested values at most `MAX_DEPTH` deep.
pub fn inspect(cx: &mut JSContext, value: HandleValue, depth: usize) -> String {
    let v = value.get();
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_boolean() {
        return v.to_boolean().to_string();
    }
    if v.is_number() {
        return number_to_string(v.to_number());
    }
    if v.is_string() {
        let s = jsval_to_string(cx, value).unwrap_or_default();
        return if depth == 0 { format!("'{s}'") } else { format!("'{}'", s.replace('\'', "\\'")) };
    }
    if v.is_symbol() {
        // Symbols show as Symbol(description), like String(symbol).
        rooted!(&in(cx) let symbol = v.to_symbol());
        // SAFETY: `symbol` is rooted for the call; the returned string is read before any GC.
        let description = unsafe { mozjs::jsapi::GetSymbolDescription(symbol.handle().into()) };
        let description = std::ptr::NonNull::new(description)
            // SAFETY: a non-null JSString* just returned by SpiderMonkey, read at once.
            .map(|d| unsafe { mozjs::conversions::jsstr_to_string(cx, d) })
            .unwrap_or_default();
        return format!("Symbol({description})");
    }
    if !v.is_object() {
        // BigInts: their String() form with the "n" suffix, as consoles show them.
        // SAFETY: `value` is a rooted handle; a failure leaves an exception that is cleared here.
        let s = unsafe { mozjs::rust::ToString(cx, value) };
        if s.is_null() {
            crate::dom::bindings::error::clear_pending_exception(cx);
            return "<value>".into();
        }
        let text = jsval_to_string(cx, value).unwrap_or_else(|_| "<value>".into());
        return if v.is_bigint() { format!("{text}n") } else { text };
    }
    rooted!(&in(cx) let obj = v.to_object());
    inspect_object(cx, obj.handle(), value, depth)
}

fn inspect_object(cx: &mut JSContext, obj: HandleObject, value: HandleValue, depth: usize) -> String {
    // SAFETY: `obj` is a rooted handle (the caller's `rooted!`), so it is live and cannot move
    // during these calls, which only read its class.
    if unsafe { JS_ObjectIsFunction(obj.get()) || IsCallable(obj.get()) } {
        // SAFETY: `value` is the caller's rooted handle; the raw context pointer goes straight
        // into the call; the function returned is rooted below before anything can GC.
        let fun = unsafe { mozjs::jsapi::JS_ValueToFunction(cx.raw_cx(), value.into()) };
        let name = if fun.is_null() {
            String::new()
        } else {
            rooted!(&in(cx) let fun = fun);
            rooted!(&in(cx) let mut id = std::ptr::null_mut::<mozjs::jsapi::JSString>());
            // SAFETY: `fun` and `id` are rooted; the raw context pointer goes straight into the call.
            let ok = unsafe { JS_GetFunctionId(cx.raw_cx(), fun.handle().into(), id.handle_mut().into()) };
            if !ok || id.get().is_null() {
                String::new()
            } else {
                // SAFETY: `id` was checked non-null just above and is rooted; it is read at once.
                unsafe { mozjs::conversions::jsstr_to_string(cx, std::ptr::NonNull::new_unchecked(id.get())) }
            }
        };
        crate::dom::bindings::error::clear_pending_exception(cx);
        return if name.is_empty() { "[Function (anonymous)]".into() } else { format!("[Function: {name}]") };
    }
    let mut class = ESClass::Other;
    // SAFETY: `obj` is rooted; `class` is a local out parameter; the raw context pointer goes
    // straight into the call.
    if !unsafe { GetBuiltinClass(cx.raw_cx(), obj.into(), &mut class) } {
        crate::dom::bindings::error::clear_pending_exception(cx);
    }
    match class {
        ESClass::Error => {
            // "TypeError: message" plus the stack, like Chrome.
            let text = jsval_to_string(cx, value).unwrap_or_else(|_| "Error".into());
            rooted!(&in(cx) let mut stack = UndefinedValue());
            let _ = crate::dom::bindings::conversions::get_property(cx, obj, c"stack", stack.handle_mut());
            let stack = if stack.get().is_string() {
                jsval_to_string(cx, stack.handle()).unwrap_or_default()
            } else {
                String::new()
            };
            return if stack.trim().is_empty() || depth > 0 {
                text
            } else {
                format!("{text}\n{}", indent_stack(&stack))
            };
        }
        ESClass::String | ESClass::Number | ESClass::Boolean | ESClass::Date | ESClass::RegExp => {
            return jsval_to_string(cx, value).unwrap_or_default();
        }
        ESClass::Promise => {
            // SAFETY: `obj` is rooted and GetBuiltinClass said it is a Promise.
            let state = unsafe { mozjs::jsapi::GetPromiseState(obj.into()) };
            return match state {
                mozjs::jsapi::PromiseState::Pending => "Promise { <pending> }".into(),
                mozjs::jsapi::PromiseState::Fulfilled | mozjs::jsapi::PromiseState::Rejected => {
                    rooted!(&in(cx) let mut result = UndefinedValue());
                    // SAFETY: `obj` is a rooted, settled Promise; `result` is rooted.
                    unsafe { mozjs::glue::JS_GetPromiseResult(obj.into(), result.handle_mut().into()) };
                    let inner = inspect(cx, result.handle(), depth + 1);
                    if state == mozjs::jsapi::PromiseState::Rejected {
                        format!("Promise {{ <rejected> {inner} }}")
                    } else {
                        format!("Promise {{ {inner} }}")
                    }
                }
            };
        }
        ESClass::Map | ESClass::Set => {
            let is_map = class == ESClass::Map;
            // SAFETY: `obj` is rooted and GetBuiltinClass said it is a Map (or a Set); the raw
            // context pointer goes straight into the call.
            let size = unsafe {
                if is_map {
                    mozjs::jsapi::MapSize(cx.raw_cx(), obj.into())
                } else {
                    mozjs::jsapi::SetSize(cx.raw_cx(), obj.into())
                }
            };
            let label = if is_map { "Map" } else { "Set" };
            if depth >= MAX_DEPTH {
                return format!("[{label}]");
            }
            rooted!(&in(cx) let mut iterator = UndefinedValue());
            // SAFETY: as above; `iterator` is rooted to receive the new iterator object.
            let ok = unsafe {
                if is_map {
                    mozjs::jsapi::MapEntries(cx.raw_cx(), obj.into(), iterator.handle_mut().into())
                } else {
                    mozjs::jsapi::SetValues(cx.raw_cx(), obj.into(), iterator.handle_mut().into())
                }
            };
            let items = if ok && iterator.get().is_object() {
                rooted!(&in(cx) let iterator = iterator.get().to_object());
                collection_items(cx, iterator.handle(), is_map, depth)
            } else {
                crate::dom::bindings::error::clear_pending_exception(cx);
                Vec::new()
            };
            return if items.is_empty() {
                format!("{label}({size}) {{}}")
            } else {
                format!("{label}({size}) {{ {} }}", items.join(", "))
            };
        }
        ESClass::ArrayBuffer => {
            // SAFETY: `obj` is rooted and GetBuiltinClass said it is an ArrayBuffer.
            let length = unsafe { mozjs::jsapi::GetArrayBufferByteLength(obj.get()) };
            return format!("ArrayBuffer {{ byteLength: {length} }}");
        }
        _ => {}
    }
    // SAFETY: `obj` is rooted; the call only reads its class.
    if unsafe { mozjs::jsapi::JS_IsTypedArrayObject(obj.get()) } {
        // SAFETY: `obj` is a rooted typed array (checked just above).
        let length = unsafe { mozjs::jsapi::JS_GetTypedArrayLength(obj.get()) };
        let name = class_name(obj.get());
        if depth >= MAX_DEPTH {
            return format!("[{name}]");
        }
        let mut items = Vec::new();
        rooted!(&in(cx) let mut element = UndefinedValue());
        for i in 0..length.min(MAX_ENTRIES) {
            // SAFETY: `obj` and `element` are rooted; the raw context pointer goes straight into the call.
            if !unsafe { mozjs::jsapi::JS_GetElement(cx.raw_cx(), obj.into(), i as u32, element.handle_mut().into()) } {
                crate::dom::bindings::error::clear_pending_exception(cx);
                break;
            }
            items.push(inspect(cx, element.handle(), depth + 1));
        }
        if length > MAX_ENTRIES {
            items.push(format!("... {} more items", length - MAX_ENTRIES));
        }
        return if items.is_empty() {
            format!("{name}({length}) []")
        } else {
            format!("{name}({length}) [ {} ]", items.join(", "))
        };
    }
    // DOM objects: their interface name; DOMException with its message.
    // SAFETY: `obj` is rooted; the call only reads its class.
    if let Some(dom) = unsafe { get_dom_class(obj.get()) } {
        // SAFETY: `obj` is a rooted DOM reflector (it has a DOM class); the DomRoot returned
        // keeps the DOMException alive while it is read.
        let exception = unsafe {
            crate::dom::bindings::conversions::root_from_object::<crate::dom::dom::domexception::DOMException>(
                obj.get(),
            )
        };
        if let Some(e) = exception {
            return format!("{}: {}", e.name_str(), e.message_str());
        }
        return format!("{} {{}}", dom.name);
    }
    let mut is_array = false;
    // SAFETY: `obj` is rooted; `is_array` is a local out parameter; the raw context pointer goes
    // straight into the call.
    if !unsafe { IsArrayObject1(cx.raw_cx(), obj.into(), &mut is_array) } {
        crate::dom::bindings::error::clear_pending_exception(cx);
    }
    if depth >= MAX_DEPTH {
        return if is_array { "[Array]".into() } else { "[Object]".into() };
    }
    if is_array {
        let mut length = 0u32;
        // SAFETY: `obj` is a rooted array; `length` is a local out parameter.
        unsafe { mozjs::jsapi::GetArrayLength(cx.raw_cx(), obj.into(), &mut length) };
        let mut items = Vec::new();
        rooted!(&in(cx) let mut element = UndefinedValue());
        for i in 0..length.min(MAX_ENTRIES as u32) {
            // SAFETY: `obj` and `element` are rooted; the raw context pointer goes straight into the call.
            if !unsafe { mozjs::jsapi::JS_GetElement(cx.raw_cx(), obj.into(), i, element.handle_mut().into()) } {
                crate::dom::bindings::error::clear_pending_exception(cx);
                items.push("<error>".into());
                continue;
            }
            items.push(inspect(cx, element.handle(), depth + 1));
        }
        if length as usize > MAX_ENTRIES {
            items.push(format!("... {} more items", length as usize - MAX_ENTRIES));
        }
        return if items.is_empty() { "[]".into() } else { format!("[ {} ]", items.join(", ")) };
    }
    // Plain objects: own enumerable string-keyed properties.
    let mut ids = IdVector::new(cx);
    // SAFETY: `obj` is rooted; `ids` is an IdVector, which SpiderMonkey traces while it lives.
    if !unsafe {
        mozjs::jsapi::GetPropertyKeys(cx.raw_cx(), obj.into(), JSITER_OWNONLY & !JSITER_SYMBOLS, ids.handle_mut())
    } {
        crate::dom::bindings::error::clear_pending_exception(cx);
        return "{}".into();
    }
    let mut entries = Vec::new();
    rooted!(&in(cx) let mut id = mozjs::jsid::VoidId());
    rooted!(&in(cx) let mut prop = UndefinedValue());
    for (n, raw_id) in ids.iter().enumerate() {
        if n >= MAX_ENTRIES {
            entries.push("...".to_string());
            break;
        }
        id.set(*raw_id);
        rooted!(&in(cx) let mut key = UndefinedValue());
        // SAFETY: `id` and `key` are rooted; the raw context pointer goes straight into the call.
        if !unsafe { mozjs::jsapi::JS_IdToValue(cx.raw_cx(), id.get(), key.handle_mut().into()) } {
            crate::dom::bindings::error::clear_pending_exception(cx);
            continue;
        }
        let key_text = jsval_to_string(cx, key.handle()).unwrap_or_default();
        // SAFETY: `obj`, `id` and `prop` are rooted; the raw context pointer goes straight into the call.
        if !unsafe {
            mozjs::jsapi::JS_GetPropertyById(cx.raw_cx(), obj.into(), id.handle().into(), prop.handle_mut().into())
        } {
            crate::dom::bindings::error::clear_pending_exception(cx);
            continue;
        }
        let shown_key = if key_text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') && !key_text.is_empty()
        {
            key_text
        } else {
            format!("'{key_text}'")
        };
        entries.push(format!("{shown_key}: {}", inspect(cx, prop.handle(), depth + 1)));
    }
    drop(ids);
    // Instances of classes other than Object show their constructor's name first.
    let prefix = constructor_name(cx, obj).filter(|n| n != "Object").map(|n| format!("{n} ")).unwrap_or_default();
    if entries.is_empty() { format!("{prefix}{{}}") } else { format!("{prefix}{{ {} }}", entries.join(", ")) }
}

/// The name of a typed array's class ("Uint8Array"…).
fn class_name(obj: *mut mozjs::jsapi::JSObject) -> String {
    // SAFETY: `obj` is a live object held by a rooted handle in the caller; a class's name is a
    // static C string.
    unsafe {
        let class = mozjs::rust::get_object_class(obj);
        if class.is_null() || (*class).name.is_null() {
            return "TypedArray".into();
        }
        std::ffi::CStr::from_ptr((*class).name).to_string_lossy().into_owned()
    }
}

/// `obj.constructor.name` when it is a non-empty string; `None` otherwise (errors cleared).
fn constructor_name(cx: &mut JSContext, obj: HandleObject) -> Option<String> {
    rooted!(&in(cx) let mut constructor = UndefinedValue());
    if crate::dom::bindings::conversions::get_property(cx, obj, c"constructor", constructor.handle_mut()).is_err()
        || !constructor.get().is_object()
    {
        crate::dom::bindings::error::clear_pending_exception(cx);
        return None;
    }
    rooted!(&in(cx) let constructor = constructor.get().to_object());
    rooted!(&in(cx) let mut name = UndefinedValue());
    if crate::dom::bindings::conversions::get_property(cx, constructor.handle(), c"name", name.handle_mut()).is_err()
        || !name.get().is_string()
    {
        crate::dom::bindings::error::clear_pending_exception(cx);
        return None;
    }
    jsval_to_string(cx, name.handle()).ok().filter(|n| !n.is_empty())
}

/// The entries of a Map (`k => v`) or values of a Set, read from its built-in iterator.
fn collection_items(cx: &mut JSContext, iterator: HandleObject, is_map: bool, depth: usize) -> Vec<String> {
    let mut items = Vec::new();
    rooted!(&in(cx) let mut result = UndefinedValue());
    rooted!(&in(cx) let mut field = UndefinedValue());
    loop {
        if items.len() >= MAX_ENTRIES {
            items.push("...".into());
            break;
        }
        let args = mozjs::jsapi::HandleValueArray::empty();
        // SAFETY: `iterator` is a rooted Map/Set iterator made by SpiderMonkey; `result` is rooted.
        let ok = unsafe {
            mozjs::jsapi::JS_CallFunctionName(
                cx.raw_cx(),
                iterator.into(),
                c"next".as_ptr(),
                &args,
                result.handle_mut().into(),
            )
        };
        if !ok || !result.get().is_object() {
            crate::dom::bindings::error::clear_pending_exception(cx);
            break;
        }
        rooted!(&in(cx) let step = result.get().to_object());
        if crate::dom::bindings::conversions::get_property(cx, step.handle(), c"done", field.handle_mut()).is_err()
            || field.get().is_boolean() && field.get().to_boolean()
        {
            break;
        }
        if crate::dom::bindings::conversions::get_property(cx, step.handle(), c"value", field.handle_mut()).is_err() {
            break;
        }
        if is_map && field.get().is_object() {
            rooted!(&in(cx) let pair = field.get().to_object());
            rooted!(&in(cx) let mut key = UndefinedValue());
            rooted!(&in(cx) let mut value = UndefinedValue());
            // SAFETY: `pair` is the rooted [key, value] array the iterator made.
            unsafe {
                mozjs::jsapi::JS_GetElement(cx.raw_cx(), pair.handle().into(), 0, key.handle_mut().into());
                mozjs::jsapi::JS_GetElement(cx.raw_cx(), pair.handle().into(), 1, value.handle_mut().into());
            }
            let key = inspect(cx, key.handle(), depth + 1);
            let value = inspect(cx, value.handle(), depth + 1);
            items.push(format!("{key} => {value}"));
        } else {
            items.push(inspect(cx, field.handle(), depth + 1));
        }
    }
    crate::dom::bindings::error::clear_pending_exception(cx);
    items
}

/// SpiderMonkey's stack lines (`name@url:line:col`, `@url:line:col` at top level) in the form
/// Chrome prints them (`    at name (url:line:col)`, `    at url:line:col`).
fn indent_stack(stack: &str) -> String {
    stack
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once('@') {
            Some(("", location)) => format!("    at {location}"),
            Some((name, location)) => format!("    at {name} ({location})"),
            None => format!("    at {l}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hands a record to the embedder (the headless host prints it: `log`/`info`/`debug` on
/// stdout, the rest on stderr, indented by the group depth).
fn print(window: &Window, level: ConsoleLevel, text: &str) {
    crate::embedder::console_message(ConsoleMessage {
        page: Some(window.page()),
        level,
        text: text.to_owned(),
        location: None,
        group_depth: window.console_group_depth().get(),
    });
}

impl consoleMethods for console {
    /// <https://console.spec.whatwg.org/#assert>
    fn Assert(cx: &mut JSContext, global: &Window, condition: bool, data: &[JSVal]) {
        // Step 1: If condition is true, return.
        if condition {
            return;
        }
        // Steps 2–5: "Assertion failed" prefixed to the data.
        let text = format_args(cx, data);
        let message =
            if text.is_empty() { "Assertion failed".to_string() } else { format!("Assertion failed: {text}") };
        print(global, ConsoleLevel::Error, &message);
    }

    /// <https://console.spec.whatwg.org/#debug>
    fn Debug(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        print(global, ConsoleLevel::Log, &text);
    }

    /// <https://console.spec.whatwg.org/#error>
    fn Error(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        print(global, ConsoleLevel::Error, &text);
    }

    /// <https://console.spec.whatwg.org/#info>
    fn Info(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        print(global, ConsoleLevel::Log, &text);
    }

    /// <https://console.spec.whatwg.org/#log>
    fn Log(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        print(global, ConsoleLevel::Log, &text);
    }

    /// <https://console.spec.whatwg.org/#warn>
    fn Warn(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        print(global, ConsoleLevel::Warning, &text);
    }

    /// <https://console.spec.whatwg.org/#trace>
    fn Trace(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        let trace = mozjs::rust::describe_scripted_caller(cx)
            .map(|c| format!("    at {}:{}:{}", c.filename, c.line, c.col))
            .unwrap_or_default();
        print(global, ConsoleLevel::Error, &format!("Trace{}{text}\n{trace}", if text.is_empty() { "" } else { ": " }));
    }

    /// <https://console.spec.whatwg.org/#group>
    fn Group(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        let text = format_args(cx, data);
        if !text.is_empty() {
            print(global, ConsoleLevel::Log, &text);
        }
        global.console_group_depth().set(global.console_group_depth().get() + 1);
    }

    /// <https://console.spec.whatwg.org/#groupcollapsed>
    fn GroupCollapsed(cx: &mut JSContext, global: &Window, data: &[JSVal]) {
        console::Group(cx, global, data)
    }

    /// <https://console.spec.whatwg.org/#groupend>
    fn GroupEnd(_cx: &mut JSContext, global: &Window) {
        let depth = global.console_group_depth();
        depth.set(depth.get().saturating_sub(1));
    }

    /// <https://console.spec.whatwg.org/#time>
    fn Time(_cx: &mut JSContext, global: &Window, label: DOMString) {
        let mut timers = global.console_timers().borrow_mut();
        if timers.contains_key(&*label) {
            drop(timers);
            print(global, ConsoleLevel::Error, &format!("Timer '{label}' already exists"));
            return;
        }
        timers.insert(label.to_string(), Instant::now());
    }

    /// <https://console.spec.whatwg.org/#timelog>
    fn TimeLog(cx: &mut JSContext, global: &Window, label: DOMString, data: &[JSVal]) {
        let start = global.console_timers().borrow().get(&*label).copied();
        match start {
            Some(start) => {
                let extra = format_args(cx, data);
                let ms = start.elapsed().as_secs_f64() * 1000.0;
                let sep = if extra.is_empty() { "" } else { " " };
                print(global, ConsoleLevel::Log, &format!("{label}: {ms:.3} ms{sep}{extra}"));
            }
            None => print(global, ConsoleLevel::Error, &format!("Timer '{label}' does not exist")),
        }
    }

    /// <https://console.spec.whatwg.org/#timeend>
    fn TimeEnd(_cx: &mut JSContext, global: &Window, label: DOMString) {
        let start = global.console_timers().borrow_mut().remove(&*label);
        match start {
            Some(start) => {
                let ms = start.elapsed().as_secs_f64() * 1000.0;
                print(global, ConsoleLevel::Log, &format!("{label}: {ms:.3} ms"));
            }
            None => print(global, ConsoleLevel::Error, &format!("Timer '{label}' does not exist")),
        }
    }
}

/// For tests: a value as `console.log` would print it.
pub fn format_for_test(cx: &mut JSContext, values: &[JSVal]) -> String {
    format_args(cx, values)
}
