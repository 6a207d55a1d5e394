//! Benchmarks of the media DOM for `./mach bench media-dom` (never part of
//! `./mach test`), measured from JavaScript through the DOM as a page sees
//! them: getUserMedia() → first frame (and → `<video>` playing), grabFrame()
//! latency and rate at 640x480 and 1280x720, takePhoto() at 1920x1080, and a
//! canvas paint → `grabFrame()` in both orders with `requestFrame()` at 640x480 and
//! 1920x1080. The host side (the bench binary) runs the Media thread with the
//! fake camera and a canvas thread whose frames go to it.
//!
//! Each phase is a script that leaves `[[name, value, unit, note]…]` in
//! `globalThis.__benchResult`; the event loop runs until the page is idle,
//! and the process CPU time of the phase is measured around it.

use std::time::{Duration, Instant};

use base::bench::{Measurement, process_cpu_time};
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::conversions::jsval_to_string;
use crate::dom::html::window::Window;

const HELPERS: &str = r#"
  globalThis.__median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  globalThis.__open = (w, h) => navigator.mediaDevices.getUserMedia({video: {width: {exact: w}, height: {exact: h}, frameRate: 30}});
"#;

const OPEN: &str = r#"(async () => {
  const toStream = [], toPlaying = [];
  for (let i = 0; i < 10; i++) {
    let t0 = performance.now();
    const s = await __open(640, 480);
    toStream.push(performance.now() - t0);
    const v = document.createElement("video");
    t0 = performance.now();
    v.srcObject = s;
    await v.play();
    toPlaying.push(performance.now() - t0);
    s.getTracks().forEach(t => t.stop());
  }
  return [["getUserMedia() → stream (first frame) 640x480", __median(toStream), "ms", "median of 10; fake camera"],
          ["<video>.srcObject → play() resolved 640x480", __median(toPlaying), "ms", "median of 10; the sink's first frame"]];
})()"#;

fn grab_phase(w: u32, h: u32, n: u32) -> String {
    format!(
        r#"(async () => {{
  const s = await __open({w}, {h});
  const capture = new ImageCapture(s.getVideoTracks()[0]);
  for (let i = 0; i < 3; i++) (await capture.grabFrame()).close();
  const lat = [];
  const start = performance.now();
  for (let i = 0; i < {n}; i++) {{
    const t0 = performance.now();
    const b = await capture.grabFrame();
    lat.push(performance.now() - t0);
    if (b.width !== {w}) throw new Error("grabbed " + b.width + "x" + b.height);
    b.close();
  }}
  const secs = (performance.now() - start) / 1000;
  s.getTracks().forEach(t => t.stop());
  return [["grabFrame() latency {w}x{h}", __median(lat), "ms", "median of {n} sequential grabs; each waits for the next frame of a 30 fps camera"],
          ["grabFrame() rate {w}x{h}", {n} / secs, "fps", "{n} sequential grabs"]];
}})()"#
    )
}

const PHOTO: &str = r#"(async () => {
  const s = await __open(640, 480);
  const capture = new ImageCapture(s.getVideoTracks()[0]);
  await capture.takePhoto({imageWidth: 1920, imageHeight: 1080});
  const lat = []; let size = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const blob = await capture.takePhoto({imageWidth: 1920, imageHeight: 1080});
    lat.push(performance.now() - t0);
    size = blob.size;
  }
  const t0 = performance.now();
  const bitmap = await createImageBitmap(await capture.takePhoto({imageWidth: 1920, imageHeight: 1080}));
  const decode = performance.now() - t0;
  if (bitmap.width !== 1920) throw new Error("photo is " + bitmap.width + "x" + bitmap.height);
  s.getTracks().forEach(t => t.stop());
  return [["takePhoto() 1920x1080 JPEG → Blob", __median(lat), "ms", `median of 7; ${Math.round(size / 1024)} KiB`],
          ["takePhoto() 1920x1080 → createImageBitmap(blob)", decode, "ms", "photo and decode, once"]];
})()"#;

/// A canvas capture track read by ImageCapture, the way a page uses it: each round paints a new
/// scene (a fill in a new colour and a translucent rectangle) and takes ONE grab, in both orders
/// of the calls (`requestFrame()` then `grabFrame()`, and `grabFrame()` then `requestFrame()`),
/// on a `captureStream(0)` track. Each bitmap is checked at five pixels (corners and centre,
/// drawn into a 1×1 probe outside the timed part) against the colour just painted: a pixel of
/// any earlier paint is a wrong pixel. Timed: paint + the grab until its promise resolved.
/// The probe crops each sample with createImageBitmap() (a 1×1 copy), so the process CPU per
/// frame is mostly the loop's own work.
fn canvas_grab_phase(w: u32, h: u32, n: u32) -> String {
    format!(
        r#"(async () => {{
  const c = document.createElement("canvas");
  c.width = {w}; c.height = {h};
  const ctx = c.getContext("2d");
  const probe = document.createElement("canvas").getContext("2d", {{willReadFrequently: true}});
  const [t] = c.captureStream(0).getVideoTracks();
  const capture = new ImageCapture(t);
  const points = [[0, 0], [{w} - 1, 0], [0, {h} - 1], [{w} - 1, {h} - 1], [{w} >> 1, 2]];
  const rows = [];
  for (const order of ["requestFrame() → grabFrame()", "grabFrame() → requestFrame()"]) {{
    const times = []; let wrong = 0;
    for (let i = 0; i < {n} + 3; i++) {{
      const red = (i * 7 + (order[0] === "g" ? 3 : 0)) % 256;
      const t0 = performance.now();
      ctx.fillStyle = `rgb(${{red}}, 40, 80)`;
      ctx.fillRect(0, 0, {w}, {h});
      ctx.fillStyle = "rgba(250, 200, 0, 0.5)";
      ctx.fillRect({w} / 4, {h} / 4, {w} / 4, {h} / 4);
      let b;
      if (order[0] === "r") {{ t.requestFrame(); b = await capture.grabFrame(); }}
      else {{ const g = capture.grabFrame(); t.requestFrame(); b = await g; }}
      const dt = performance.now() - t0;
      if (i >= 3) times.push(dt);
      for (const [x, y] of points) {{
        const px = await createImageBitmap(b, x, y, 1, 1);
        probe.drawImage(px, 0, 0);
        const d = probe.getImageData(0, 0, 1, 1).data;
        if (d[0] !== red || d[1] !== 40 || d[2] !== 80) wrong++;
      }}
      b.close();
    }}
    rows.push(["canvas paint → " + order + " {w}x{h}", __median(times), "ms",
               `median of {n}, one grab per paint; JS paint + canvas thread snapshot; ${{points.length * ({n} + 3)}} pixels sampled`]);
    rows.push(["canvas paint → " + order + " {w}x{h} wrong pixels", wrong, "pixels",
               "samples holding anything but the paint just made (an older frame)"]);
  }}
  t.stop();
  return rows;
}})()"#
    )
}

fn eval(cx: &mut JSContext, window: &Window, source: &str) -> Result<String, String> {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"media-bench.js".to_owned(), 1);
    if mozjs::rust::evaluate_script(cx, global, source, rval.handle_mut(), options).is_err() {
        crate::script_runtime::report_pending_exception(cx);
        return Err("the benchmark script threw".into());
    }
    jsval_to_string(cx, rval.handle()).map_err(|_| "no result".to_string())
}

/// Runs one phase: `script` evaluates to a promise of rows.
fn phase(cx: &mut JSContext, window: &Window, script: &str) -> Result<(Vec<Measurement>, Duration, Duration), String> {
    let wrapped = format!(
        "globalThis.__benchResult = undefined; ({script}).then(r => {{ globalThis.__benchResult = JSON.stringify(r); }}, e => {{ globalThis.__benchResult = JSON.stringify({{error: String(e)}}); }}); ''"
    );
    let cpu = process_cpu_time();
    let start = Instant::now();
    eval(cx, window, &wrapped)?;
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(120)));
    let (wall, cpu) = (start.elapsed(), process_cpu_time() - cpu);
    let json = eval(cx, window, "String(globalThis.__benchResult)")?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))?;
    if let Some(e) = value.get("error") {
        return Err(e.to_string());
    }
    let rows = value.as_array().ok_or("not a list")?;
    let mut out = Vec::new();
    for row in rows {
        let name = row[0].as_str().unwrap_or("?").to_owned();
        let value = row[1].as_f64().unwrap_or(f64::NAN);
        let unit: &'static str = match row[2].as_str() {
            Some("fps") => "fps",
            Some("pixels") => "pixels",
            _ => "ms",
        };
        out.push(Measurement::new(name, value, unit).with_note(row[3].as_str().unwrap_or("")));
    }
    Ok((out, wall, cpu))
}

/// Every media DOM figure. Needs the Media thread (with the fake camera) to
/// be wired to this thread (`threads::set_media_sender`).
pub fn run(cx: &mut JSContext, window: &Window) -> Vec<Measurement> {
    let mut out = Vec::new();
    if let Err(e) = eval(cx, window, HELPERS) {
        eprintln!("media-dom bench: {e}");
        return out;
    }
    match phase(cx, window, OPEN) {
        Ok((rows, _, _)) => out.extend(rows),
        Err(e) => eprintln!("media-dom bench: open: {e}"),
    }
    for (w, h) in [(640, 480), (1280, 720)] {
        let n = 90;
        match phase(cx, window, &grab_phase(w, h, n)) {
            Ok((rows, wall, cpu)) => {
                out.extend(rows);
                // CPU of the whole process (script, media and GStreamer threads) per grab.
                let per_grab = cpu.as_secs_f64() * 1e3 / (n + 3) as f64;
                out.push(
                    Measurement::new(format!("grabFrame() {w}x{h} process CPU"), per_grab, "ms CPU/frame")
                        .with_note(format!("all threads, camera running at 30 fps; {:.1} s wall", wall.as_secs_f64())),
                );
            }
            Err(e) => eprintln!("media-dom bench: grab {w}x{h}: {e}"),
        }
    }
    for (w, h, n) in [(640, 480, 60), (1920, 1080, 30)] {
        match phase(cx, window, &canvas_grab_phase(w, h, n)) {
            Ok((rows, wall, cpu)) => {
                out.extend(rows);
                let per = cpu.as_secs_f64() * 1e3 / (2 * (n + 3)) as f64;
                out.push(
                    Measurement::new(format!("canvas paint → grabFrame() {w}x{h} process CPU"), per, "ms CPU/frame")
                        .with_note(format!("all threads, paint included; {:.1} s wall", wall.as_secs_f64())),
                );
            }
            Err(e) => eprintln!("media-dom bench: canvas grab {w}x{h}: {e}"),
        }
    }
    match phase(cx, window, PHOTO) {
        Ok((rows, _, _)) => out.extend(rows),
        Err(e) => eprintln!("media-dom bench: photo: {e}"),
    }
    out
}
