//! `--save-photos DIR`: every Blob a `takePhoto()` resolves with is also
//! written to DIR (`photo-0001.jpg`, `photo-0002.png`…), so a person can look
//! at what the camera took. The files are written off the script thread.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

thread_local! {
    static DIR: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    static COUNT: Cell<u32> = const { Cell::new(0) };
}

/// Sets (or clears) the directory photos are saved to. Called by the host.
pub fn set_save_photos_dir(dir: Option<PathBuf>) {
    DIR.with(|d| *d.borrow_mut() = dir);
}

fn extension(mime_type: &str) -> &'static str {
    match mime_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "bin",
    }
}

/// Saves a photo if the host asked for it.
pub fn save_photo(bytes: &[u8], mime_type: &str) {
    let Some(dir) = DIR.with(|d| d.borrow().clone()) else { return };
    let n = COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let path = dir.join(format!("photo-{n:04}.{}", extension(mime_type)));
    let bytes = bytes.to_vec();
    crate::parallel::in_parallel(
        "PhotoWriter",
        move || std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display())),
        |_, result| {
            if let Some(Err(e)) = result {
                log::error!("--save-photos: {e}");
            }
        },
    );
}
