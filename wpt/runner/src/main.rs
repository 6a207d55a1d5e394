fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(wpt_runner::run::main_with_args(&args));
}
