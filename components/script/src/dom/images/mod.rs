//! Images as script sees them: `ImageBitmap` and `createImageBitmap()`
//! (<https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html>).

pub mod imagebitmap;
