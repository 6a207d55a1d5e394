//! Benchmarks of dedicated workers, run by `./mach bench workers` (never by `./mach test`):
//! a `postMessage()` round trip page → worker → page, and the transfer of a 1080p
//! `ImageBitmap` to a worker and back (its pixels are shared, so the copies counted by the
//! canvas thread stay at the one readback that made the bitmap).

use base::bench::Measurement;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::html::window::Window;

/// Evaluates `source` in `window`; the number it leaves in `globalThis.__benchResult` once the
/// event loop goes idle.
fn run_page_script(cx: &mut JSContext, window: &Window, source: &str) -> Option<Vec<f64>> {
    crate::script_runtime::run_classic_script(cx, window, source, "worker-bench.js", 1).ok()?;
    crate::script_thread::run_event_loop(cx, Some(std::time::Instant::now() + std::time::Duration::from_secs(120)));
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"bench-result.js".to_owned(), 1);
    let read = "JSON.stringify(globalThis.__benchResult || null)";
    mozjs::rust::evaluate_script(cx, global, read, rval.handle_mut(), options).ok()?;
    let text = crate::dom::bindings::conversions::jsval_to_string(cx, rval.handle()).ok()?;
    let values: Vec<f64> =
        text.trim_matches(|c| c == '[' || c == ']').split(',').filter_map(|v| v.parse().ok()).collect();
    (!values.is_empty()).then_some(values)
}

/// The page's side of both measurements; the worker echoes what it gets (transferring
/// bitmaps back).
const SCRIPT: &str = r#"
(async () => {
  const source = "onmessage = e => { const d = e.data; postMessage(d, d instanceof ImageBitmap ? [d] : []); };";
  const worker = new Worker(URL.createObjectURL(new Blob([source])));
  const next = () => new Promise(resolve => { worker.onmessage = e => resolve(e.data); });
  // Warm up.
  for (let i = 0; i < 100; i++) { const p = next(); worker.postMessage(i); await p; }
  const N = 2000;
  let t0 = performance.now();
  for (let i = 0; i < N; i++) { const p = next(); worker.postMessage(i); await p; }
  const roundTrip = (performance.now() - t0) * 1000 / N;
  const canvas = new OffscreenCanvas(1920, 1080);
  canvas.getContext("2d").fillRect(0, 0, 1920, 1080);
  let bitmap = canvas.transferToImageBitmap();
  const M = 200;
  t0 = performance.now();
  for (let i = 0; i < M; i++) { const p = next(); worker.postMessage(bitmap, [bitmap]); bitmap = await p; }
  const transfer = (performance.now() - t0) * 1000 / M;
  worker.terminate();
  globalThis.__benchResult = [roundTrip, transfer, bitmap.width];
})();
"#;

pub fn run(cx: &mut JSContext, window: &Window, copies: &dyn Fn() -> u64) -> Vec<Measurement> {
    let before = copies();
    let Some(values) = run_page_script(cx, window, SCRIPT) else {
        eprintln!("workers: the bench page did not finish");
        return Vec::new();
    };
    let copies = copies() - before;
    let (round_trip, transfer) = (values[0], values.get(1).copied().unwrap_or(f64::NAN));
    vec![
        Measurement::new("postMessage round trip page → worker → page (a number)", round_trip, "µs")
            .with_note("2 000 sequential round trips, each awaited"),
        Measurement::new("1080p ImageBitmap transferred to a worker and back", transfer, "µs")
            .with_note(format!("200 round trips; full-frame pixel copies meanwhile: {copies}")),
    ]
}
