//! A second embedder: a small program that hosts an Aperture engine.
//!
//! ```text
//! cargo run --example embedder -- [PAGE] [OUT_DIR]
//! ```
//!
//! It answers permission prompts from a policy (allow, with the first camera
//! offered), prints the capture indicator's events, and writes every canvas
//! image it receives through its compositor sink to OUT_DIR as PNG
//! (`canvas-<image key>.png`, the latest image of each canvas). PAGE defaults
//! to `capture.html` beside this file.

use std::path::PathBuf;

use aperture::webrender_api::ImageKey;
use aperture::{
    CameraChoice, CanvasImageUpdate, CaptureChange, CaptureDelegate, CompositorSink, DeviceKind, Engine,
    PermissionDecision, PermissionDelegate, PermissionRequest, PermissionResponder, PermissionSetting, RunOutcome,
};

/// Allows every request with the first camera offered, and says so.
struct FirstCamera;

impl PermissionDelegate for FirstCamera {
    fn request_permission(&mut self, request: PermissionRequest, responder: PermissionResponder) {
        let camera = request.devices.iter().find(|d| d.kind == DeviceKind::Camera).map(|d| d.id.clone());
        println!("embedder: {} asks for {:?}; allowing camera {:?}", request.origin, request.kinds, camera);
        responder.respond(PermissionDecision::Allow {
            camera,
            microphone: None,
            pan_tilt_zoom: false,
            remember: false,
        });
    }
}

/// The capture indicator: on while a device is captured.
struct Indicator;

impl CaptureDelegate for Indicator {
    fn capture_changed(&mut self, change: CaptureChange) {
        let state = if change.active { "on" } else { "off" };
        println!("embedder: capture indicator {state}: {} '{}'", change.kind.as_str(), change.device.label);
    }
}

/// A compositor that writes canvas images as PNG. Runs on the engine's canvas thread.
struct PngWriter {
    dir: PathBuf,
    next_key: u32,
}

impl CompositorSink for PngWriter {
    fn generate_image_key(&mut self) -> ImageKey {
        self.next_key += 1;
        ImageKey::new(aperture::webrender_api::IdNamespace(7), self.next_key)
    }

    fn update_image(&mut self, update: CanvasImageUpdate) {
        let (w, h) = (update.descriptor.size.width as u32, update.descriptor.size.height as u32);
        // The pixels are premultiplied RGBA; PNG wants them straight.
        let mut rgba = update.pixels.as_slice().to_vec();
        for px in rgba.chunks_exact_mut(4) {
            let a = px[3] as u32;
            if a != 0 && a != 255 {
                for c in &mut px[..3] {
                    *c = ((*c as u32 * 255 + a / 2) / a).min(255) as u8;
                }
            }
        }
        let path = self.dir.join(format!("canvas-{}.png", update.key.1));
        let written = std::fs::File::create(&path).map_err(|e| e.to_string()).and_then(|file| {
            let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
            writer.write_image_data(&rgba).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => println!("embedder: canvas image {w}x{h} (epoch {}) -> {}", update.epoch.0, path.display()),
            Err(e) => eprintln!("embedder: {}: {e}", path.display()),
        }
    }

    fn delete_image(&mut self, _key: ImageKey) {}
}

fn main() {
    let mut args = std::env::args().skip(1);
    let page = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/capture.html").to_string());
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "embedder-out".into()));
    std::fs::create_dir_all(&dir).expect("the output directory");

    let mut engine = Engine::builder()
        .camera(CameraChoice::Fake)
        .default_permission(DeviceKind::Camera, PermissionSetting::Prompt)
        .permission_delegate(FirstCamera)
        .capture_delegate(Indicator)
        .compositor(PngWriter { dir, next_key: 0 })
        .build()
        .expect("the engine starts");
    engine.load(&page).expect("a page path or URL");
    match engine.run() {
        Ok(RunOutcome::Idle) => println!("embedder: the page is done"),
        Ok(other) => println!("embedder: the page stopped: {other:?}"),
        Err(e) => {
            eprintln!("embedder: {e}");
            std::process::exit(2);
        }
    }
    engine.shutdown();
}
