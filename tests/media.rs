//! The media DOM, run as a page runs it: every `tests/pages/media/*.html`
//! check page passes with the built-in fake camera, the test hooks are absent
//! without the testing pref, and `--save-photos` writes what takePhoto() took.

use page_tests::{check_pages, page, run, run_check_page};

#[test]
fn media_check_pages_pass() {
    let pages = check_pages("media");
    for p in pages {
        run_check_page(&format!("media/{p}"), &["--camera", "fake"]);
    }
}

#[test]
fn test_hooks_are_absent_without_the_pref() {
    let r = run(&["--camera", "fake", "--timeout", "30"], &page("media/host/no-hooks.html"));
    assert_eq!(r.status, Some(0), "stdout {}\nstderr {}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.trim(),
        "apertureTest: undefined; ImageCaptureTest: undefined; MockImageCapture: undefined; camera: live",
        "stderr: {}",
        r.stderr
    );
    let r = run(
        &["--camera", "fake", "--timeout", "30", "--pref", "dom_testing_enabled=true"],
        &page("media/host/no-hooks.html"),
    );
    assert_eq!(
        r.stdout.trim(),
        "apertureTest: object; ImageCaptureTest: function; MockImageCapture: function; camera: live",
        "stderr: {}",
        r.stderr
    );
}

#[test]
fn save_photos_writes_each_photo() {
    let dir = std::env::temp_dir().join(format!("aperture-save-photos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.to_string_lossy().into_owned();
    let r =
        run(&["--camera", "fake", "--timeout", "30", "--save-photos", &dir_arg], &page("media/host/two-photos.html"));
    assert_eq!(r.status, Some(0), "stdout {}\nstderr {}", r.stdout, r.stderr);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["photo-0001.jpg", "photo-0002.jpg"], "stdout {}", r.stdout);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "{} is a JPEG", f.display());
    }
    // The page printed the blob sizes it got: the files hold the same bytes.
    let sizes: Vec<String> = files.iter().map(|f| std::fs::metadata(f).unwrap().len().to_string()).collect();
    assert_eq!(r.stdout.trim(), format!("sizes {}", sizes.join(" ")));
    let _ = std::fs::remove_dir_all(&dir);
}
