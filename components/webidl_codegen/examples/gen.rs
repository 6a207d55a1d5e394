//! `cargo run -p webidl_codegen --example gen -- WEBIDL_DIR CONFIG OUT`:
//! runs the generator by hand (the build script does this normally).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: gen WEBIDL_DIR CONFIG OUT");
        std::process::exit(2);
    }
    match webidl_codegen::generate(args[1].as_ref(), args[2].as_ref(), args[3].as_ref()) {
        Ok(files) => println!("generated from {} files", files.len()),
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    }
}
