//! `aperture`: Aperture's headless host. Runs a page (a path or a URL) with
//! SpiderMonkey, the script thread's event loop and Aperture's DOM.

mod page;
mod threads;

use script::net;

use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use script::dom::html::window::WindowOptions;
use script::prefs::Prefs;
use script::script_runtime::{Engine, ScriptRuntime, reported_error_count};
use script::script_thread::LoopEnd;

const USAGE: &str = "\
usage: aperture [OPTIONS] PAGE

Runs PAGE (a path, a file: URL or an http://localhost URL) headless: its
scripts run in document order, then the event loop until nothing is pending.

options:
  --timeout SECS       stop after SECS seconds (exit status 124)
  --allow-errors       exit 0 even if the page had uncaught errors
  --pref NAME=VALUE    set a preference (e.g. dom_testing_enabled=true)
  --wpt                web-platform-tests mode: test hooks on, results
                       reported by the page (see wpt/README.md)
  --wpt-crashtest      with --wpt: exit after the load event
  --camera WHICH       fake (the built-in fake camera), auto (a real camera
                       when present, else the fake one; the default) or a
                       device id from enumerateDevices()
  --dump-canvases DIR  write every canvas image update to DIR as PNG
  --save-photos DIR    write every photo takePhoto() resolves with to DIR
                       (photo-0001.jpg, photo-0002.png, …)
  -h, --help           this help
  -V, --version        the version

exit status: 0 when the page ran without uncaught errors, 1 when it had
some, 2 for bad usage or a page that cannot be loaded, 124 on --timeout.";

struct Options {
    page: String,
    timeout: Option<Duration>,
    allow_errors: bool,
    prefs: Prefs,
    wpt: bool,
    crashtest: bool,
    threads: threads::ThreadOptions,
    save_photos: Option<std::path::PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        page: String::new(),
        timeout: None,
        allow_errors: false,
        prefs: Prefs::new(),
        wpt: false,
        crashtest: false,
        threads: Default::default(),
        save_photos: None,
    };
    let mut page = None;
    let mut i = 0;
    let value = |i: &mut usize, name: &str| -> Result<String, String> {
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| format!("{name} needs a value"))
    };
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match name.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "-V" | "--version" => {
                println!("aperture {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--timeout" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--timeout")?,
                };
                let secs: f64 = v.parse().map_err(|_| format!("--timeout takes seconds, not '{v}'"))?;
                if !(secs.is_finite() && secs > 0.0) {
                    return Err(format!("--timeout takes a positive number of seconds, not '{v}'"));
                }
                options.timeout = Some(Duration::from_secs_f64(secs));
            }
            "--allow-errors" => options.allow_errors = true,
            "--pref" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--pref")?,
                };
                let (n, val) = v.split_once('=').ok_or_else(|| format!("--pref takes NAME=VALUE, not '{v}'"))?;
                options.prefs.set(n, val)?;
            }
            "--wpt" => options.wpt = true,
            "--camera" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--camera")?,
                };
                options.threads.camera = match v.as_str() {
                    "fake" => media::CameraChoice::Fake,
                    "auto" => media::CameraChoice::Auto,
                    "" => return Err("--camera needs fake, auto or a device id".into()),
                    id => media::CameraChoice::Device(id.to_string()),
                };
            }
            "--dump-canvases" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--dump-canvases")?,
                };
                std::fs::create_dir_all(&v).map_err(|e| format!("--dump-canvases {v}: {e}"))?;
                options.threads.dump_canvases = Some(v.into());
            }
            "--save-photos" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--save-photos")?,
                };
                std::fs::create_dir_all(&v).map_err(|e| format!("--save-photos {v}: {e}"))?;
                options.save_photos = Some(v.into());
            }
            "--wpt-crashtest" => options.crashtest = true,
            _ if arg.starts_with('-') && arg.len() > 1 => return Err(format!("unknown option {arg}")),
            _ => {
                if page.replace(arg.clone()).is_some() {
                    return Err("only one PAGE can be given".into());
                }
            }
        }
        i += 1;
    }
    options.page = page.ok_or("no PAGE given")?;
    if options.wpt {
        // Tests never depend on a camera plugged into the machine.
        options.threads.camera = media::CameraChoice::Fake;
        options.prefs.set("dom_testing_enabled", "true")?;
        // The page reports its own outcome; uncaught errors are part of the test.
        options.allow_errors = true;
    }
    Ok(options)
}

fn main() -> ExitCode {
    // Log records from every thread go to stderr: warnings and errors by
    // default (a panicking media handler, a dropped stale id), more with
    // RUST_LOG (e.g. `RUST_LOG=media=debug`).
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(o) => o,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("aperture: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let url = match net::page_url(&options.page) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("aperture: {e}");
            return ExitCode::from(2);
        }
    };

    let engine = match Engine::init() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("aperture: {e}");
            return ExitCode::from(2);
        }
    };
    let mut runtime = ScriptRuntime::new(&engine);
    let threads = threads::start(&options.threads);
    script::dom::imagecapture::photos::set_save_photos_dir(options.save_photos.clone());
    let cx = runtime.cx();
    // The WPT runner kills a hung engine itself; in that mode no deadline of our own.
    let deadline = if options.wpt { None } else { options.timeout.map(|t| Instant::now() + t) };
    let window_options =
        WindowOptions { url: url.clone(), prefs: Rc::new(options.prefs.clone()), inherited_secure_context: None };
    let result = page::run_page(cx, url, window_options, deadline, options.crashtest);
    let code = match result {
        Err(e) => {
            eprintln!("aperture: {e}");
            2
        }
        Ok(run) => {
            drop(run.window);
            match run.end {
                LoopEnd::Exit(code) => code,
                LoopEnd::TimedOut => {
                    eprintln!("aperture: stopped after the --timeout");
                    124
                }
                LoopEnd::Idle => {
                    if reported_error_count() > 0 && !options.allow_errors {
                        1
                    } else {
                        0
                    }
                }
            }
        }
    };
    drop(threads);
    ExitCode::from(code as u8)
}
