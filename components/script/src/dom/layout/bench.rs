//! `./mach bench layout`: geometry queries over many elements (never part of `./mach test`).
//! Each case builds `n` blocks of text in a fresh holder and asks every block for its
//! `getBoundingClientRect()`: once with nothing changing between the queries (one layout, then
//! cached reads), once with a `style.height` change before each query (one layout per query,
//! the cascaded values of the unchanged blocks reused), once with a class change (which can
//! change what every selector matches: everything cascaded again).

use base::bench::Measurement;
use mozjs::context::JSContext;

use crate::bench::time_js;
use crate::dom::html::window::Window;

/// The setup of a case: `n` blocks in a holder appended to the body; `divs` holds them.
fn setup(n: u32) -> String {
    format!(
        "document.querySelectorAll('.bench-holder').forEach(h => h.remove()); \
         if (!document.documentElement) document.appendChild(document.createElement('html')); \
         if (!document.body) document.documentElement.appendChild(document.createElement('body')); \
         const holder = document.createElement('div'); holder.className = 'bench-holder'; \
         document.body.appendChild(holder); \
         for (let i = 0; i < {n}; i++) {{ const d = document.createElement('div'); d.textContent = 'block ' + i; holder.appendChild(d); }} \
         const divs = Array.from(holder.children)"
    )
}

/// Milliseconds for the whole loop of each case, median of 3 runs.
pub fn run(cx: &mut JSContext, window: &Window) -> Vec<Measurement> {
    let cases: &[(&str, &str, &[u32])] = &[
        (
            "getBoundingClientRect() of each of N blocks",
            "sink += divs[i].getBoundingClientRect().height;",
            &[1000, 5000],
        ),
        (
            "style.height change, then getBoundingClientRect(), each of N blocks",
            "divs[i].style.height = (i % 7 + 10) + 'px'; sink += divs[i].getBoundingClientRect().height;",
            &[1000],
        ),
        (
            "class change, then getBoundingClientRect(), each of N blocks",
            "divs[i].className = 'c' + (i % 7); sink += divs[i].getBoundingClientRect().height;",
            &[1000],
        ),
    ];
    let mut out = Vec::new();
    for (name, body, sizes) in cases {
        for &n in *sizes {
            let mut samples = Vec::new();
            for _ in 0..3 {
                if let Some(ms) = time_js(cx, window, &setup(n), body, n) {
                    samples.push(ms);
                }
            }
            let ms = base::bench::median(&mut samples);
            out.push(Measurement::new(format!("{name} (N = {n})"), ms, "ms").with_note("median of 3 runs"));
        }
    }
    out
}
