//! Microbenchmarks of the generated bindings, run by `./mach bench`
//! (never by `./mach test`): a DOM attribute getter and a DOM method called
//! from a hot JS loop, against a plain JS getter and method as the baseline,
//! with the JIT on and off. SpiderMonkey's Ion calls a DOM getter's op
//! directly when the binding gives it JIT info (as ours do); the "generic
//! path" rows force the call through the JSNative instead, so the difference
//! between the rows shows whether that inlining happens.

use base::bench::Measurement;
use mozjs::context::JSContext;
use mozjs::jsapi::{JS_SetGlobalJitCompilerOption, JSJitCompilerOption};
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::html::window::Window;

/// Runs `body` (which must evaluate to a number of milliseconds for `n` iterations) in `window`.
pub(crate) fn time_js(cx: &mut JSContext, window: &Window, setup: &str, body: &str, n: u32) -> Option<f64> {
    let source = format!(
        "(function() {{ {setup}; const N = {n}; let sink = 0; const t0 = performance.now(); for (let i = 0; i < N; i++) {{ {body} }} const t1 = performance.now(); globalThis.__benchSink = sink; return t1 - t0; }})()"
    );
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"bench.js".to_owned(), 1);
    if mozjs::rust::evaluate_script(cx, global, &source, rval.handle_mut(), options).is_err() {
        crate::script_runtime::report_pending_exception(cx);
        return None;
    }
    rval.get().is_number().then(|| rval.get().to_number())
}

fn set_jit(cx: &mut JSContext, enabled: bool) {
    let v = u32::from(enabled);
    // SAFETY: `cx` is this thread's live context; its raw pointer goes straight into each call,
    // which only sets a JIT option.
    unsafe {
        JS_SetGlobalJitCompilerOption(cx.raw_cx(), JSJitCompilerOption::JSJITCOMPILER_BASELINE_INTERPRETER_ENABLE, v);
        JS_SetGlobalJitCompilerOption(cx.raw_cx(), JSJitCompilerOption::JSJITCOMPILER_BASELINE_ENABLE, v);
        JS_SetGlobalJitCompilerOption(cx.raw_cx(), JSJitCompilerOption::JSJITCOMPILER_ION_ENABLE, v);
    }
}

/// Per-call cost in ns of each case, median of 5 runs.
pub fn run(cx: &mut JSContext, window: &Window) -> Vec<Measurement> {
    let cases: &[(&str, &str, &str)] = &[
        (
            "DOM attribute getter (event.bubbles)",
            "const e = new Event('x', {bubbles: true})",
            "sink += e.bubbles ? 1 : 0;",
        ),
        (
            "DOM attribute getter, generic path (getter.call)",
            "const e = new Event('x', {bubbles: true}); const g = Object.getOwnPropertyDescriptor(Event.prototype, 'bubbles').get",
            "sink += g.call(e) ? 1 : 0;",
        ),
        (
            "DOM method call (target.hasChildNodes())",
            "const t = document.createElement('div')",
            "sink += t.hasChildNodes() ? 1 : 0;",
        ),
        (
            "MediaStreamTrack.getSettings() (canvas capture track, new dictionary per call)",
            "const c = document.createElement('canvas'); c.width = 640; c.height = 480; c.getContext('2d'); const t = c.captureStream(30).getVideoTracks()[0]",
            "sink += t.getSettings().width;",
        ),
        ("plain JS getter (baseline)", "const o = { get bubbles() { return true; } }", "sink += o.bubbles ? 1 : 0;"),
        ("plain JS method (baseline)", "const o = { m() { return false; } }", "sink += o.m() ? 1 : 0;"),
    ];
    let mut out = Vec::new();
    for (jit, label, n) in [(true, "JIT", 5_000_000u32), (false, "interpreter", 500_000u32)] {
        set_jit(cx, jit);
        for (name, setup, body) in cases {
            let mut samples = Vec::new();
            for _ in 0..5 {
                if let Some(ms) = time_js(cx, window, setup, body, n) {
                    samples.push(ms * 1e6 / n as f64);
                }
            }
            let ns = base::bench::median(&mut samples);
            out.push(
                Measurement::new(format!("{name} [{label}]"), ns, "ns/call")
                    .with_note(format!("median of 5 × {n} calls")),
            );
        }
    }
    set_jit(cx, true);
    out
}
