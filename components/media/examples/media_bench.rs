//! Runs the media benchmarks once and prints them.

fn main() {
    for m in media::bench::run_all() {
        println!("{m}");
    }
}
