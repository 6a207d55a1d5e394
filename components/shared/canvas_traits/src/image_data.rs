//! `ImageData` sizing rules and the rectangle arithmetic of
//! `getImageData()`/`putImageData()`, as pure functions script calls before
//! it allocates or sends anything.
//!
//! <https://html.spec.whatwg.org/multipage/canvas.html#pixel-manipulation>

use base::units::ImageSize;
use euclid::default::{Box2D, Point2D, Rect, Size2D};

use crate::error::CanvasError;

/// The largest number of bytes an `ImageData` may hold. Larger requests
/// throw a `RangeError` (the spec's "not enough memory" case) instead of
/// aborting the process. 2³¹−1, the usual `ArrayBuffer` limit.
pub const MAX_IMAGE_DATA_BYTES: u64 = i32::MAX as u64;

fn checked_size(width: u64, height: u64) -> Result<ImageSize, CanvasError> {
    let bytes = width.checked_mul(height).and_then(|p| p.checked_mul(4));
    match bytes {
        Some(bytes) if bytes <= MAX_IMAGE_DATA_BYTES => Ok(ImageSize::new(width as u32, height as u32)),
        _ => Err(CanvasError::Range("ImageData is too large")),
    }
}

/// `new ImageData(sw, sh)`: <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata>.
/// 1. If one or both of sw and sh are zero, throw an "IndexSizeError".
/// 2. Initialize the ImageData; a size we cannot allocate throws a RangeError.
pub fn image_data_size(sw: u32, sh: u32) -> Result<ImageSize, CanvasError> {
    if sw == 0 || sh == 0 {
        return Err(CanvasError::IndexSize("ImageData width or height is zero"));
    }
    checked_size(sw as u64, sh as u64)
}

/// `new ImageData(data, sw, sh?)`: <https://html.spec.whatwg.org/multipage/canvas.html#dom-imagedata-with-data>.
/// 1–2. If the array's length is not a non-zero multiple of four, throw an
///      "InvalidStateError".
/// 3–4. If the pixel count is not a multiple of sw, throw an
///      "IndexSizeError" (this also covers sw = 0).
/// 5–6. The height is the pixel count divided by sw; if sh was given and
///      differs, throw an "IndexSizeError".
pub fn image_data_size_from_array(byte_length: usize, sw: u32, sh: Option<u32>) -> Result<ImageSize, CanvasError> {
    if byte_length == 0 || !byte_length.is_multiple_of(4) {
        return Err(CanvasError::InvalidState("ImageData array length is not a non-zero multiple of 4"));
    }
    let pixels = (byte_length / 4) as u64;
    if sw == 0 || !pixels.is_multiple_of(sw as u64) {
        return Err(CanvasError::IndexSize("ImageData array length is not a multiple of 4 × width"));
    }
    let height = pixels / sw as u64;
    if sh.is_some_and(|sh| sh as u64 != height) {
        return Err(CanvasError::IndexSize("ImageData height does not match the array length"));
    }
    checked_size(sw as u64, height)
}

/// The rectangle of `getImageData(sx, sy, sw, sh)` and the size of
/// `createImageData(sw, sh)`.
///
/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-getimagedata>:
/// 1. If either sw or sh is zero, throw an "IndexSizeError".
/// 3. The ImageData is |sw| × |sh|; a negative width or height means the
///    rectangle extends left or up from (sx, sy).
///
/// Returns the source rectangle in bitmap pixels (it may extend beyond the
/// bitmap: those pixels read as transparent black).
pub fn get_image_data_rect(sx: i32, sy: i32, sw: i32, sh: i32) -> Result<Rect<i64>, CanvasError> {
    if sw == 0 || sh == 0 {
        return Err(CanvasError::IndexSize("getImageData() width or height is zero"));
    }
    let (sx, sy, sw, sh) = (sx as i64, sy as i64, sw as i64, sh as i64);
    let origin = Point2D::new(if sw < 0 { sx + sw } else { sx }, if sh < 0 { sy + sh } else { sy });
    checked_size(sw.unsigned_abs(), sh.unsigned_abs())?;
    Ok(Rect::new(origin, Size2D::new(sw.abs(), sh.abs())))
}

/// Where `putImageData()` writes: pixels `source` of the ImageData go to
/// the bitmap starting at `destination` (already clipped to the bitmap).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct PutImageDataRegion {
    /// The rectangle of the ImageData to copy.
    pub source: Rect<u32>,
    /// Where its top-left pixel lands in the bitmap.
    pub destination: Point2D<u32>,
}

/// <https://html.spec.whatwg.org/multipage/canvas.html#dom-context-2d-putimagedata>,
/// steps 3–6: normalize the dirty rectangle (negative sizes extend it left
/// or up; then clamp it to the ImageData), then keep only the pixels that
/// land inside the bitmap. Returns `None` when nothing is to be written.
/// Without a dirty rectangle, pass the whole ImageData.
pub fn put_image_data_region(
    image_size: ImageSize,
    bitmap_size: ImageSize,
    dx: i32,
    dy: i32,
    dirty: Rect<i32>,
) -> Option<PutImageDataRegion> {
    let (mut dirty_x, mut dirty_y) = (dirty.origin.x as i64, dirty.origin.y as i64);
    let (mut dirty_w, mut dirty_h) = (dirty.size.width as i64, dirty.size.height as i64);
    // 3. If dirtyWidth is negative, dirtyX becomes dirtyX + dirtyWidth and
    //    dirtyWidth its magnitude; the same for the height.
    if dirty_w < 0 {
        dirty_x += dirty_w;
        dirty_w = -dirty_w;
    }
    if dirty_h < 0 {
        dirty_y += dirty_h;
        dirty_h = -dirty_h;
    }
    // 4. If dirtyX (dirtyY) is negative, shrink the rectangle to start at 0.
    if dirty_x < 0 {
        dirty_w += dirty_x;
        dirty_x = 0;
    }
    if dirty_y < 0 {
        dirty_h += dirty_y;
        dirty_y = 0;
    }
    // 5. Clamp the right and bottom edges to the ImageData.
    dirty_w = dirty_w.min(image_size.width as i64 - dirty_x);
    dirty_h = dirty_h.min(image_size.height as i64 - dirty_y);
    // 6. If the rectangle is now empty, write nothing.
    if dirty_w <= 0 || dirty_h <= 0 {
        return None;
    }
    // 7. Pixels (x, y) of the dirty rectangle go to (dx + x, dy + y); keep
    //    those that land inside the bitmap.
    let (dx, dy) = (dx as i64, dy as i64);
    let target = Box2D::new(
        Point2D::new(dx + dirty_x, dy + dirty_y),
        Point2D::new(dx + dirty_x + dirty_w, dy + dirty_y + dirty_h),
    );
    let bitmap = Box2D::new(Point2D::zero(), Point2D::new(bitmap_size.width as i64, bitmap_size.height as i64));
    let clipped = target.intersection(&bitmap)?;
    if clipped.is_empty() {
        return None;
    }
    let source_origin = Point2D::new(clipped.min.x - dx, clipped.min.y - dy);
    Some(PutImageDataRegion {
        source: Rect::new(source_origin.cast(), clipped.size().cast()),
        destination: clipped.min.cast(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructor_rules() {
        assert!(matches!(image_data_size(0, 5), Err(CanvasError::IndexSize(_))));
        assert!(matches!(image_data_size(100_000, 100_000), Err(CanvasError::Range(_))));
        assert_eq!(image_data_size(3, 2), Ok(ImageSize::new(3, 2)));
        assert!(matches!(image_data_size_from_array(0, 1, None), Err(CanvasError::InvalidState(_))));
        assert!(matches!(image_data_size_from_array(6, 1, None), Err(CanvasError::InvalidState(_))));
        assert!(matches!(image_data_size_from_array(24, 0, None), Err(CanvasError::IndexSize(_))));
        assert!(matches!(image_data_size_from_array(24, 4, None), Err(CanvasError::IndexSize(_))));
        assert!(matches!(image_data_size_from_array(24, 3, Some(3)), Err(CanvasError::IndexSize(_))));
        assert_eq!(image_data_size_from_array(24, 3, Some(2)), Ok(ImageSize::new(3, 2)));
        assert_eq!(image_data_size_from_array(24, 2, None), Ok(ImageSize::new(2, 3)));
    }

    #[test]
    fn get_image_data_rectangles() {
        assert!(matches!(get_image_data_rect(0, 0, 0, 5), Err(CanvasError::IndexSize(_))));
        assert_eq!(get_image_data_rect(10, 10, -4, 3), Ok(Rect::new(Point2D::new(6, 10), Size2D::new(4, 3))));
        assert!(matches!(get_image_data_rect(0, 0, i32::MAX, i32::MAX), Err(CanvasError::Range(_))));
    }

    #[test]
    fn put_image_data_dirty_rect() {
        let image = ImageSize::new(10, 10);
        let bitmap = ImageSize::new(20, 20);
        let whole = Rect::new(Point2D::zero(), Size2D::new(10, 10));
        assert_eq!(
            put_image_data_region(image, bitmap, 15, -2, whole),
            Some(PutImageDataRegion {
                source: Rect::new(Point2D::new(0, 2), Size2D::new(5, 8)),
                destination: Point2D::new(15, 0),
            })
        );
        let negative = Rect::new(Point2D::new(5, 5), Size2D::new(-3, -10));
        assert_eq!(
            put_image_data_region(image, bitmap, 0, 0, negative),
            Some(PutImageDataRegion {
                source: Rect::new(Point2D::new(2, 0), Size2D::new(3, 5)),
                destination: Point2D::new(2, 0),
            })
        );
        assert_eq!(put_image_data_region(image, bitmap, 30, 0, whole), None);
        assert_eq!(put_image_data_region(image, bitmap, 0, 0, Rect::new(Point2D::new(12, 0), Size2D::new(3, 3))), None);
    }
}
