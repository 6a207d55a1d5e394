//! Colour management of 8-bit pixels, on `moxcms` (ICC v2/v4 matrix-shaper and LUT profiles).
//!
//! Two jobs, both on unpremultiplied RGBA (alpha passes through):
//! - An image with an embedded ICC profile is shown in its intended colours: its pixels are
//!   converted from that profile to sRGB when it is decoded, as browsers do for `<img>` and
//!   canvas (<https://html.spec.whatwg.org/multipage/canvas.html#colour-spaces-and-colour-correction>:
//!   "the image must be converted to the canvas's colour space" when drawn). A CMYK JPEG's
//!   profile turns its inks into sRGB.
//! - Canvas pixel data moves between the `PredefinedColorSpace`s "srgb" and "display-p3":
//!   `getImageData(…, {colorSpace})`, `putImageData()` of an `ImageData` in another space.
//!
//! Conversions are relative colorimetric with clipping: a colour outside the destination
//! gamut lands on its edge, as in Chromium.

use moxcms::{ColorProfile, DataColorSpace, Layout, RenderingIntent, TransformOptions};

/// The colour spaces of canvas pixels (HTML `PredefinedColorSpace`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RgbSpace {
    Srgb,
    DisplayP3,
}

fn options() -> TransformOptions {
    TransformOptions { rendering_intent: RenderingIntent::RelativeColorimetric, ..TransformOptions::default() }
}

fn profile_of(space: RgbSpace) -> ColorProfile {
    match space {
        RgbSpace::Srgb => ColorProfile::new_srgb(),
        RgbSpace::DisplayP3 => ColorProfile::new_display_p3(),
    }
}

/// Converts tightly packed, unpremultiplied RGBA pixels from `from` to `to`; alpha is kept.
/// Nothing to do when the spaces are the same.
pub fn convert_rgba8(pixels: &[u8], from: RgbSpace, to: RgbSpace) -> Option<Vec<u8>> {
    if from == to {
        return None;
    }
    // Built per call (a matrix and two curves: microseconds), so no transform outlives its use.
    let transform = profile_of(from)
        .create_transform_8bit(Layout::Rgba, &profile_of(to), Layout::Rgba, options())
        .map_err(|e| log::warn!("no {from:?} to {to:?} transform: {e:?}"))
        .ok()?;
    let whole = pixels.len() / 4 * 4;
    let mut out = vec![0u8; pixels.len()];
    match transform.transform(&pixels[..whole], &mut out[..whole]) {
        Ok(()) => Some(out),
        Err(e) => {
            log::warn!("{from:?} to {to:?}: {e:?}");
            None
        }
    }
}

/// An ICC profile describing `space`, to embed in an encoded image.
pub fn icc_profile(space: RgbSpace) -> Option<Vec<u8>> {
    profile_of(space).encode().map_err(|e| log::warn!("no ICC profile for {space:?}: {e:?}")).ok()
}

/// An image's embedded ICC profile, parsed.
pub struct EmbeddedProfile(ColorProfile);

impl EmbeddedProfile {
    /// Parses `icc`; `None` if it does not parse (the image is then taken as sRGB, as browsers
    /// do with a broken profile).
    pub fn parse(icc: &[u8]) -> Option<EmbeddedProfile> {
        match ColorProfile::new_from_slice(icc) {
            Ok(profile) => Some(EmbeddedProfile(profile)),
            Err(e) => {
                log::debug!("ignoring an embedded ICC profile that does not parse: {e:?}");
                None
            }
        }
    }

    /// Whether the profile describes RGB data (PNG, JPEG, WebP colour images).
    pub fn is_rgb(&self) -> bool {
        self.0.color_space == DataColorSpace::Rgb
    }

    /// Whether the profile describes CMYK inks (print JPEGs).
    pub fn is_cmyk(&self) -> bool {
        self.0.color_space == DataColorSpace::Cmyk
    }

    /// Converts tightly packed, unpremultiplied RGBA pixels in this RGB profile to sRGB, in
    /// place; `false` (nothing changed) if the profile is not RGB, is sRGB itself, or the
    /// transform cannot be built.
    pub fn rgba8_to_srgb(&self, pixels: &mut [u8]) -> bool {
        if !self.is_rgb() {
            return false;
        }
        let transform =
            match self.0.create_transform_8bit(Layout::Rgba, &ColorProfile::new_srgb(), Layout::Rgba, options()) {
                Ok(t) => t,
                Err(e) => {
                    log::debug!("embedded RGB profile: no transform to sRGB: {e:?}");
                    return false;
                }
            };
        // Most tagged images carry an sRGB profile (cameras, editors): when the transform moves
        // no level of a grey, red, green or blue ramp by more than one, the image is sRGB
        // already and is left exactly as stored (rounding in a table-based curve would
        // otherwise shift some values by one).
        let mut ramp = Vec::with_capacity(256 * 16);
        for v in 0..=255u8 {
            ramp.extend_from_slice(&[v, v, v, 255, v, 0, 0, 255, 0, v, 0, 255, 0, 0, v, 255]);
        }
        let mut mapped = vec![0u8; ramp.len()];
        if transform.transform(&ramp, &mut mapped).is_ok() && ramp.iter().zip(&mapped).all(|(a, b)| a.abs_diff(*b) <= 1)
        {
            return false;
        }
        let whole = pixels.len() / 4 * 4;
        let mut out = vec![0u8; whole];
        if let Err(e) = transform.transform(&pixels[..whole], &mut out) {
            log::debug!("embedded RGB profile: {e:?}");
            return false;
        }
        pixels[..whole].copy_from_slice(&out);
        true
    }

    /// Converts CMYK pixels (4 bytes each, 0 = no ink, as the profile expects them) in this
    /// CMYK profile to opaque, tightly packed sRGB RGBA.
    pub fn cmyk8_to_srgb_rgba(&self, cmyk: &[u8]) -> Option<Vec<u8>> {
        if !self.is_cmyk() {
            return None;
        }
        let transform = self
            .0
            .create_transform_8bit(Layout::Rgba, &ColorProfile::new_srgb(), Layout::Rgb, options())
            .map_err(|e| log::debug!("embedded CMYK profile: no transform to sRGB: {e:?}"))
            .ok()?;
        let count = cmyk.len() / 4;
        let mut rgb = vec![0u8; count * 3];
        transform
            .transform(&cmyk[..count * 4], &mut rgb)
            .map_err(|e| log::debug!("embedded CMYK profile: {e:?}"))
            .ok()?;
        let mut rgba = Vec::with_capacity(count * 4);
        for p in rgb.chunks_exact(3) {
            rgba.extend_from_slice(&[p[0], p[1], p[2], 255]);
        }
        Some(rgba)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[u8], b: &[u8]) -> bool {
        a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= 1)
    }

    #[test]
    fn srgb_red_in_display_p3() {
        // The WPT wide-gamut tables: sRGB #FF0000 is (234, 51, 35) in Display P3.
        let out = convert_rgba8(&[255, 0, 0, 204], RgbSpace::Srgb, RgbSpace::DisplayP3).unwrap();
        assert!(close(&out, &[234, 51, 35, 204]), "{out:?}");
    }

    #[test]
    fn display_p3_red_clips_to_srgb_red() {
        let out = convert_rgba8(&[255, 0, 0, 255], RgbSpace::DisplayP3, RgbSpace::Srgb).unwrap();
        assert!(close(&out, &[255, 0, 0, 255]), "{out:?}");
    }

    #[test]
    fn same_space_is_no_work() {
        assert!(convert_rgba8(&[1, 2, 3, 4], RgbSpace::Srgb, RgbSpace::Srgb).is_none());
    }

    #[test]
    fn an_embedded_display_p3_profile_converts_to_srgb() {
        // Display P3 (187, 0, 0) is sRGB (205, 0, 0) (WPT's Display-P3-BB0000FF.png).
        let profile = EmbeddedProfile::parse(&icc_profile(RgbSpace::DisplayP3).unwrap()).unwrap();
        assert!(profile.is_rgb() && !profile.is_cmyk());
        let mut pixels = [187, 0, 0, 255];
        assert!(profile.rgba8_to_srgb(&mut pixels));
        assert!(pixels[0].abs_diff(205) <= 2 && pixels[1] <= 2 && pixels[2] <= 2 && pixels[3] == 255, "{pixels:?}");
    }

    #[test]
    fn an_embedded_srgb_profile_changes_nothing() {
        let profile = EmbeddedProfile::parse(&icc_profile(RgbSpace::Srgb).unwrap()).unwrap();
        let mut pixels = [187, 3, 250, 128];
        assert!(!profile.rgba8_to_srgb(&mut pixels));
        assert_eq!(pixels, [187, 3, 250, 128]);
    }

    #[test]
    fn a_profile_that_does_not_parse_is_ignored() {
        assert!(EmbeddedProfile::parse(b"not an ICC profile").is_none());
    }
}
