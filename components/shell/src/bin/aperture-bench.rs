//! `./mach bench [GROUP…]`: Aperture's benchmarks (never part of `./mach test`).
//! Groups: `bindings`, `canvas`, `media` (all by default). Prints one table.

use std::rc::Rc;

use base::bench::Measurement;
use script::dom::window::{Window, WindowOptions};
use script::prefs::Prefs;
use script::script_runtime::{Engine, ScriptRuntime};

fn main() {
    let groups: Vec<String> = std::env::args().skip(1).collect();
    let wants = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);
    let mut rows: Vec<(&str, Measurement)> = Vec::new();

    if wants("bindings") {
        let engine = Engine::init().expect("SpiderMonkey starts");
        let mut runtime = ScriptRuntime::new(&engine);
        let cx = runtime.cx();
        let url = url::Url::parse("http://localhost/bench.html").expect("a valid URL");
        let window = Window::new(cx, WindowOptions { url, prefs: Rc::new(Prefs::new()), inherited_secure_context: None });
        rows.extend(script::bench::run(cx, &window).into_iter().map(|m| ("bindings", m)));
    }
    if wants("canvas") {
        rows.extend(canvas::bench::all().into_iter().map(|m| ("canvas", m)));
    }
    if wants("media") {
        rows.extend(media::bench::run_all().into_iter().map(|m| ("media", m)));
    }

    println!("{:<9} {:<66} {:>10} {:<14} note", "group", "measurement", "value", "unit");
    for (group, m) in &rows {
        println!("{group:<9} {m}");
    }
}
