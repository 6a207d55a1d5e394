//! `aperture`: Aperture's headless host. Runs a page (a path or a URL) with
//! SpiderMonkey, the script thread's event loop and Aperture's DOM.

//!
//! The host is an embedder like any other: it uses only the `aperture`
//! library's API (an `Engine` and its delegates).

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use aperture::{
    CameraChoice, DeviceKind, Engine, PermissionDecision, PermissionDelegate, PermissionRequest, PermissionResponder,
    PermissionSetting, PngDumpCompositor, Prefs, RunOutcome,
};

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
  --permission KIND=STATE
                       the permission every origin starts with: KIND is
                       camera, microphone or pan-tilt-zoom, STATE granted,
                       denied or prompt; defaults: camera and microphone
                       granted, pan-tilt-zoom prompt. When any is given as
                       prompt, prompts ask on the terminal (y allows this
                       time, n or end of input denies); otherwise a prompt
                       is answered 'allow this time'
  --dump-canvases DIR  write every canvas image update to DIR as PNG
  --save-photos DIR    write every photo takePhoto() resolves with to DIR
                       (photo-0001.jpg, photo-0002.png, …)
  --root-certificates FILE
                       verify https: servers against the certificates of
                       this PEM file instead of the bundled Mozilla roots
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
    camera: CameraChoice,
    dump_canvases: Option<PathBuf>,
    save_photos: Option<PathBuf>,
    root_certificates: Vec<Vec<u8>>,
    permissions: Vec<(DeviceKind, bool, PermissionSetting)>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        page: String::new(),
        timeout: None,
        allow_errors: false,
        prefs: Prefs::new(),
        wpt: false,
        crashtest: false,
        camera: CameraChoice::Auto,
        dump_canvases: None,
        save_photos: None,
        root_certificates: Vec::new(),
        permissions: Vec::new(),
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
                options.camera = match v.as_str() {
                    "fake" => CameraChoice::Fake,
                    "auto" => CameraChoice::Auto,
                    "" => return Err("--camera needs fake, auto or a device id".into()),
                    id => CameraChoice::Device(id.to_string()),
                };
            }
            "--permission" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--permission")?,
                };
                options.permissions.push(parse_permission(&v)?);
            }
            "--dump-canvases" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--dump-canvases")?,
                };
                std::fs::create_dir_all(&v).map_err(|e| format!("--dump-canvases {v}: {e}"))?;
                options.dump_canvases = Some(v.into());
            }
            "--save-photos" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--save-photos")?,
                };
                std::fs::create_dir_all(&v).map_err(|e| format!("--save-photos {v}: {e}"))?;
                options.save_photos = Some(v.into());
            }
            "--root-certificates" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, "--root-certificates")?,
                };
                let pem = std::fs::read(&v).map_err(|e| format!("--root-certificates {v}: {e}"))?;
                options.root_certificates =
                    aperture::certificates_from_pem(&pem).map_err(|e| format!("--root-certificates {v}: {e}"))?;
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
        options.camera = CameraChoice::Fake;
        options.prefs.set("dom_testing_enabled", "true")?;
        // The page reports its own outcome; uncaught errors are part of the test.
        options.allow_errors = true;
    }
    Ok(options)
}

fn main() -> ExitCode {
    // Log records from every thread go to stderr: warnings and errors by
    // default (a panicking media handler, a dropped stale id), more with
    // RUST_LOG (e.g. `RUST_LOG=media=debug`). SpiderMonkey's own warnings ("Script terminated
    // by timeout" when terminate() stops a worker) are not the page's business, as in browsers.
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,xml5ever=error,mozjs::rust=error"),
    )
    .init();
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
    let mut builder = Engine::builder().camera(options.camera.clone()).prefs(options.prefs.clone());
    // Prompts go to the terminal when asked for; otherwise (and for the pan/tilt/zoom prompt
    // that is the default) they are answered "allow this time", as a local page is trusted.
    if options.permissions.iter().any(|(_, _, s)| *s == PermissionSetting::Prompt) {
        builder = builder.permission_delegate(TerminalPrompt);
    }
    for (kind, ptz, setting) in &options.permissions {
        builder = if *ptz {
            builder.default_pan_tilt_zoom_permission(*setting)
        } else {
            builder.default_permission(*kind, *setting)
        };
    }
    if let Some(dir) = &options.dump_canvases {
        builder = builder.compositor(PngDumpCompositor::new(dir.clone()));
    }
    if let Some(dir) = &options.save_photos {
        builder = builder.save_photos(dir.clone());
    }
    if !options.root_certificates.is_empty() {
        builder = builder.root_certificates(options.root_certificates.clone());
    }
    let mut engine = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("aperture: {e}");
            return ExitCode::from(2);
        }
    };
    let loaded =
        if options.crashtest { engine.load_and_stop_after_load(&options.page) } else { engine.load(&options.page) };
    if let Err(e) = loaded {
        eprintln!("aperture: {e}");
        return ExitCode::from(2);
    }
    // The WPT runner kills a hung engine itself; in that mode no deadline of our own.
    let deadline = if options.wpt { None } else { options.timeout.map(|t| Instant::now() + t) };
    let code = match engine.run_until(deadline) {
        Err(e) => {
            eprintln!("aperture: {e}");
            2
        }
        Ok(RunOutcome::Exited(code)) => code,
        Ok(RunOutcome::TimedOut) => {
            eprintln!("aperture: stopped after the --timeout");
            124
        }
        Ok(RunOutcome::Idle) => {
            if engine.uncaught_error_count() > 0 && !options.allow_errors {
                1
            } else {
                0
            }
        }
    };
    engine.shutdown();
    ExitCode::from(code as u8)
}

/// `--permission KIND=STATE`.
fn parse_permission(v: &str) -> Result<(DeviceKind, bool, PermissionSetting), String> {
    let bad = || format!("--permission takes camera|microphone|pan-tilt-zoom=granted|denied|prompt, not '{v}'");
    let (kind, state) = v.split_once('=').ok_or_else(bad)?;
    let (kind, ptz) = match kind {
        "camera" => (DeviceKind::Camera, false),
        "microphone" => (DeviceKind::Microphone, false),
        "pan-tilt-zoom" => (DeviceKind::Camera, true),
        _ => return Err(bad()),
    };
    let setting = match state {
        "granted" => PermissionSetting::Granted,
        "denied" => PermissionSetting::Denied,
        "prompt" => PermissionSetting::Prompt,
        _ => return Err(bad()),
    };
    Ok((kind, ptz, setting))
}

/// Asks the person at the terminal: `y` allows this time, anything else (or
/// the end of input) denies.
struct TerminalPrompt;

impl PermissionDelegate for TerminalPrompt {
    fn request_permission(&mut self, request: PermissionRequest, responder: PermissionResponder) {
        let kinds: Vec<&str> = request.kinds.iter().map(|k| k.as_str()).collect();
        let mut what = kinds.join(" and ");
        if request.pan_tilt_zoom {
            what.push_str(" (with pan, tilt and zoom)");
        }
        eprintln!("aperture: {} wants to use your {what}. Allow? [y/N]", request.origin);
        for d in &request.devices {
            eprintln!("  {}: {} ({})", d.kind.as_str(), d.label, d.id);
        }
        let mut line = String::new();
        let answer = std::io::stdin().lock().read_line(&mut line).map(|_| line.trim().to_ascii_lowercase());
        let decision = match answer.as_deref() {
            Ok("y") | Ok("yes") => {
                PermissionDecision::Allow { camera: None, microphone: None, pan_tilt_zoom: true, remember: false }
            }
            _ => PermissionDecision::Deny { remember: false },
        };
        responder.respond(decision);
    }
}
