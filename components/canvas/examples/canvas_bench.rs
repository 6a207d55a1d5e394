//! Prints the canvas benchmarks (the same routines `aperture-bench` runs).
//! `cargo run -p canvas --example canvas_bench [--features vello-comparison]`

fn main() {
    for measurement in canvas::bench::all() {
        println!("{measurement}");
    }
}
