//! Test-only hooks, `window.apertureTest` (`[Pref=dom_testing_enabled]`):
//! the WPT runner's result channel (wpt/README.md) and GC/leak helpers for
//! the project's own test pages.

use std::io::Write;

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::ApertureTestHooksBinding::ApertureTestHooksMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::html::window::Window;

/// The line prefix the WPT runner looks for.
pub const WPT_RESULT_MARKER: &str = "@@APERTURE-WPT-RESULT@@";

#[dom_struct]
pub struct ApertureTestHooks {
    reflector_: Reflector,
}

impl ApertureTestHooks {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<ApertureTestHooks> {
        reflect_dom_object(cx, Box::new(ApertureTestHooks { reflector_: Reflector::new() }), window)
    }
}

impl ApertureTestHooks {
    /// Delivers `input` to this window from a task; the promise resolves after its events.
    fn deliver(
        &self,
        cx: &mut JSContext,
        input: crate::dom::uievents::userinput::UserInput,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        use crate::dom::globalscope::DomGlobal;
        let window = self.global();
        let promise = crate::dom::bindings::promise::Promise::new(cx, &window);
        let window = crate::dom::bindings::refcounted::Trusted::new(&*window);
        let settle = promise.clone();
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(window) = window.root() else { return };
            crate::dom::uievents::userinput::dispatch(cx, &window, &input);
            crate::script_runtime::in_realm(cx, &window, |cx| settle.resolve_native(cx, &()));
        }));
        promise
    }
}

impl ApertureTestHooksMethods for ApertureTestHooks {
    /// Prints the result line and ends the run (exit code 0).
    fn ReportResult(&self, _cx: &mut JSContext, json: DOMString) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{WPT_RESULT_MARKER} {}", json.replace('\n', " "));
        let _ = out.flush();
        crate::script_thread::request_exit(0);
    }

    /// Forces a full, shrinking garbage collection.
    fn Gc(&self, cx: &mut JSContext) {
        // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call. Every Rust-held GC
        // thing is rooted or traced, so a GC here is as safe as any allocation.
        unsafe { mozjs::jsapi::JS_GC(cx.raw_cx(), mozjs::jsapi::GCReason::API) };
    }

    /// DOM objects alive (reflected and not yet finalized).
    fn LiveDomObjects(&self, _cx: &mut JSContext) -> u32 {
        crate::dom::bindings::classes::live_dom_objects() as u32
    }

    /// The GC heap's size in bytes.
    fn GcHeapBytes(&self, cx: &mut JSContext) -> crate::dom::bindings::num::Finite<f64> {
        // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into the call.
        let bytes = unsafe { mozjs::jsapi::JS_GetGCParameter(cx.raw_cx(), mozjs::jsapi::JSGCParamKey::JSGC_BYTES) };
        crate::dom::bindings::num::Finite::<f64>::wrap(bytes as f64)
    }

    /// The process's resident set and thread count.
    fn ProcessCounts(&self, _cx: &mut JSContext) -> crate::dom::bindings::codegen::Dictionaries::ProcessCounts {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        crate::dom::bindings::codegen::Dictionaries::ProcessCounts {
            resident_bytes: crate::dom::bindings::num::Finite::<f64>::wrap(field("VmRSS:") as f64 * 1024.0),
            threads: field("Threads:") as u32,
        }
    }

    /// Stops the media or the canvas thread (fault tests).
    fn StopEngineThread(&self, _cx: &mut JSContext, name: DOMString) -> crate::dom::bindings::error::Fallible<()> {
        use crate::dom::bindings::error::Error;
        match &*name {
            "media" => {
                if let Some(sender) = crate::threads::media_sender()
                    && sender.send(media_traits::messages::MediaCommand::Exit).is_err()
                {
                    log::debug!("stopEngineThread: the media thread was already gone");
                }
            }
            "canvas" => {
                crate::dom::canvas::rendering::flush();
                if let Some(sender) = crate::threads::canvas_sender()
                    && sender.send_exit().is_err()
                {
                    log::debug!("stopEngineThread: the canvas thread was already gone");
                }
            }
            other => return Err(Error::Type(format!("no engine thread named {other:?} (\"media\" or \"canvas\")"))),
        }
        Ok(())
    }

    /// Sets a permission of this page's origin (testdriver's `set_permission`).
    fn SetPermission(
        &self,
        cx: &mut JSContext,
        descriptor: mozjs::rust::HandleObject,
        state: DOMString,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        crate::dom::mediacapture::testing::set_permission(
            cx,
            &crate::dom::globalscope::DomGlobal::global(self),
            descriptor,
            &state,
        )
    }

    /// A trusted click at (x, y), delivered from a task (testdriver's `click`).
    fn Click(
        &self,
        cx: &mut JSContext,
        x: crate::dom::bindings::num::Finite<f64>,
        y: crate::dom::bindings::num::Finite<f64>,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        let input = crate::dom::uievents::userinput::UserInput::Click { x: *x, y: *y };
        self.deliver(cx, input)
    }

    /// WebDriver's Element Send Keys (testdriver's `send_keys`): "If element does not currently
    /// have focus, … run the focusing steps for element … set the text insertion caret after any
    /// child content", then the keys, from a task.
    fn SendKeys(
        &self,
        cx: &mut JSContext,
        element: &crate::dom::dom::element::Element,
        keys: DOMString,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        use crate::dom::bindings::inheritance::Castable;
        crate::dom::html::focus::focusing_steps(cx, element);
        if let Some(input) = element.downcast::<crate::dom::html::forms::htmlinputelement::HTMLInputElement>() {
            input.selection_state().move_to_end(&input.current_value());
        } else if let Some(textarea) =
            element.downcast::<crate::dom::html::forms::htmltextareaelement::HTMLTextAreaElement>()
        {
            use crate::dom::bindings::codegen::HTMLTextAreaElementBinding::HTMLTextAreaElementMethods;
            let value = textarea.Value(cx).to_string();
            textarea.selection_state().move_to_end(&value);
        }
        let input = crate::dom::uievents::userinput::UserInput::Keys(keys.to_string());
        self.deliver(cx, input)
    }

    /// Acts on the fake camera behind `track` ("unplug", "freeze", "thaw").
    fn FakeCamera(
        &self,
        cx: &mut JSContext,
        track: &crate::dom::types::MediaStreamTrack,
        action: DOMString,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        crate::dom::mediacapture::testing::fake_camera(cx, track, &action)
    }

    /// Frame counters of the source behind `track`.
    fn MediaSourceStats(
        &self,
        cx: &mut JSContext,
        track: &crate::dom::types::MediaStreamTrack,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        crate::dom::mediacapture::testing::source_stats(cx, track)
    }

    /// Sizes of the media thread's tables.
    fn MediaThreadCounts(&self, cx: &mut JSContext) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        use crate::dom::globalscope::DomGlobal;
        crate::dom::mediacapture::testing::thread_counts(cx, &self.global())
    }

    /// Requests to the media thread still waiting for their reply.
    fn PendingMediaRequests(&self, _cx: &mut JSContext) -> u32 {
        crate::media_events::pending_request_count() as u32
    }

    /// Starts a canvas capture as captureStream(rate) would (canvas test hooks).
    fn StartCanvasCapture(
        &self,
        cx: &mut JSContext,
        canvas: &crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement,
        rate: Option<crate::dom::bindings::num::Finite<f64>>,
    ) -> crate::dom::bindings::error::Fallible<u32> {
        crate::dom::canvas::testing::start_capture(cx, canvas, rate.map(|r| *r))
    }
    fn RequestCanvasFrame(&self, _cx: &mut JSContext, capture: u32) {
        crate::dom::canvas::testing::request_frame(capture)
    }
    fn StopCanvasCapture(&self, cx: &mut JSContext, capture: u32) {
        crate::dom::canvas::testing::stop_capture(cx, capture)
    }
    fn CanvasCaptureFrameCount(&self, _cx: &mut JSContext, capture: u32) -> u32 {
        crate::dom::canvas::testing::frame_count(capture)
    }
    fn CanvasCaptureMediaFrameCount(
        &self,
        cx: &mut JSContext,
        capture: u32,
    ) -> std::rc::Rc<crate::dom::bindings::promise::Promise> {
        use crate::dom::globalscope::DomGlobal;
        crate::dom::canvas::testing::media_frame_count(cx, &self.global(), capture)
    }
    fn CanvasCaptureStopped(&self, _cx: &mut JSContext, capture: u32) -> bool {
        crate::dom::canvas::testing::is_stopped(capture)
    }
    fn TaintCanvas(&self, cx: &mut JSContext, canvas: &crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement) {
        crate::dom::canvas::testing::taint(cx, canvas)
    }
    fn CanvasRenderingUpdateCount(&self, _cx: &mut JSContext) -> u32 {
        crate::dom::canvas::testing::rendering_update_count()
    }

    fn CanvasThreadCounts(
        &self,
        _cx: &mut JSContext,
    ) -> crate::dom::bindings::codegen::Dictionaries::CanvasThreadCounts {
        crate::dom::canvas::testing::thread_counts()
    }

    /// DOM objects rooted from Rust right now (stack roots and `Trusted` tokens).
    fn LiveRootCount(&self, _cx: &mut JSContext) -> u32 {
        (crate::dom::bindings::root::stack_root_count() + crate::dom::bindings::refcounted::live_trusted_count()) as u32
    }
}
