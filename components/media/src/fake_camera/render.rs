//! Drawing the fake camera's picture and applying its controls to the pixels,
//! so a test can read a frame and see that a constraint took effect.
//!
//! The scene, in normalised coordinates: four coloured quadrants (red top
//! left, green top right, blue bottom left, grey bottom right) around a
//! yellow square covering [0.3, 0.7]². Zoom, pan and tilt choose the visible
//! window (digital PTZ: pan and tilt only move the window when zoomed in);
//! exposure, white balance, brightness, contrast, saturation and the torch
//! change pixel values; points of interest are drawn as small black crosses;
//! a white block moves along the bottom edge so consecutive frames differ.

use media_traits::constraints::Point2D;
use media_traits::photo::{MeteringMode, PhotoState};

/// Scene colour of each region (red, green, blue, grey, yellow).
pub const RED: [u8; 3] = [220, 40, 40];
/// Top-right quadrant.
pub const GREEN: [u8; 3] = [40, 200, 60];
/// Bottom-left quadrant.
pub const BLUE: [u8; 3] = [40, 60, 220];
/// Bottom-right quadrant.
pub const GREY: [u8; 3] = [150, 150, 150];
/// Centre square.
pub const YELLOW: [u8; 3] = [230, 210, 40];

/// The control values that affect the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    zoom: f64,
    pan: f64,
    tilt: f64,
    gain: f64,
    wb: [f64; 3],
    brightness: f64,
    contrast: f64,
    saturation: f64,
    torch: bool,
    points: Vec<Point2D>,
}

fn rel(state: &Option<media_traits::photo::PhotoRange>) -> f64 {
    match state {
        Some(r) if r.max > r.min => {
            let mid = (r.max + r.min) / 2.0;
            ((r.current - mid) / ((r.max - r.min) / 2.0)).clamp(-1.0, 1.0)
        }
        _ => 0.0,
    }
}

impl Look {
    /// The look for the given control state. `flash` adds the fill light of a photo.
    pub fn from_state(s: &PhotoState, flash: bool) -> Look {
        let current = |r: &Option<media_traits::photo::PhotoRange>, default: f64| r.map_or(default, |r| r.current);
        let gain = match s.current_exposure_mode {
            Some(MeteringMode::Manual) => current(&s.exposure_time, 333.0) / 333.0 * current(&s.iso, 100.0) / 100.0,
            _ => 2f64.powf(current(&s.exposure_compensation, 0.0)),
        };
        // A white balance set below daylight cools the picture, above warms it.
        let wb = match s.current_white_balance_mode {
            Some(MeteringMode::Manual) => {
                let t = ((current(&s.color_temperature, 6500.0) - 6500.0) / 4000.0).clamp(-1.0, 1.0);
                [1.0 + 0.4 * t, 1.0, 1.0 - 0.4 * t]
            }
            _ => [1.0, 1.0, 1.0],
        };
        Look {
            zoom: current(&s.zoom, 1.0).max(1.0),
            pan: rel(&s.pan),
            tilt: rel(&s.tilt),
            gain: gain.clamp(1.0 / 16.0, 16.0),
            wb,
            brightness: current(&s.brightness, 0.0) + if flash { 40.0 } else { 0.0 },
            contrast: current(&s.contrast, 32.0) / 32.0,
            saturation: current(&s.saturation, 64.0) / 64.0,
            torch: s.torch,
            points: s.points_of_interest.clone(),
        }
    }

    fn lut(&self) -> [[u8; 256]; 3] {
        let mut lut = [[0u8; 256]; 3];
        for (c, table) in lut.iter_mut().enumerate() {
            for (i, v) in table.iter_mut().enumerate() {
                let mut x = i as f64 * self.gain * self.wb[c];
                x = (x - 128.0) * self.contrast + 128.0 + self.brightness;
                if self.torch {
                    x += 48.0;
                }
                *v = x.round().clamp(0.0, 255.0) as u8;
            }
        }
        lut
    }

    fn window(&self) -> (f64, f64, f64) {
        let half = 0.5 / self.zoom;
        let room = 0.5 - half;
        (0.5 + self.pan * room, 0.5 - self.tilt * room, half)
    }
}

fn scene(x: f64, y: f64) -> [u8; 3] {
    if (0.3..0.7).contains(&x) && (0.3..0.7).contains(&y) {
        return YELLOW;
    }
    match (x < 0.5, y < 0.5) {
        (true, true) => RED,
        (false, true) => GREEN,
        (true, false) => BLUE,
        (false, false) => GREY,
    }
}

/// The scene as seen through the current window, RGB, cached between frames
/// while size and PTZ stay the same.
#[derive(Default)]
pub struct SceneCache {
    key: Option<(u32, u32, u64, u64, u64)>,
    rgb: Vec<[u8; 3]>,
}

impl SceneCache {
    fn get(&mut self, look: &Look, w: u32, h: u32) -> &[[u8; 3]] {
        let key = (w, h, look.zoom.to_bits(), look.pan.to_bits(), look.tilt.to_bits());
        if self.key != Some(key) {
            let (cx, cy, half) = look.window();
            self.rgb.clear();
            self.rgb.reserve(w as usize * h as usize);
            let xs: Vec<f64> = (0..w).map(|i| cx + ((i as f64 + 0.5) / w as f64 - 0.5) * 2.0 * half).collect();
            for j in 0..h {
                let y = cy + ((j as f64 + 0.5) / h as f64 - 0.5) * 2.0 * half;
                self.rgb.extend(xs.iter().map(|&x| scene(x, y)));
            }
            self.key = Some(key);
        }
        &self.rgb
    }
}

fn overlays(look: &Look, w: u32, h: u32, frame: u64, mut put: impl FnMut(u32, u32, bool)) {
    // The moving block: 1/16 of the width, in the bottom 6 % band.
    let bw = (w / 16).max(2);
    let band = (h * 6 / 100).max(2);
    let travel = (w - bw).max(1) as u64;
    let x0 = ((frame * 8) % (2 * travel)) as u32;
    let x0 = if x0 as u64 > travel { (2 * travel) as u32 - x0 } else { x0 };
    for y in h - band..h {
        for x in x0..(x0 + bw).min(w) {
            put(x, y, true);
        }
    }
    for p in &look.points {
        let (px, py) = ((p.x * (w - 1) as f64) as i64, (p.y * (h - 1) as f64) as i64);
        for d in -4i64..=4 {
            for (x, y) in [(px + d, py), (px, py + d)] {
                if x >= 0 && y >= 0 && x < w as i64 && y < h as i64 {
                    put(x as u32, y as u32, false);
                }
            }
        }
    }
}

/// BT.601 limited-range Y and chroma offsets (chroma scaled by `sat_q8`/256).
fn yuv(p: [u8; 3], sat_q8: i32) -> (u8, i32, i32) {
    let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
    let y = 16 + ((66 * r + 129 * g + 25 * b + 128) >> 8);
    let u = (((-38 * r - 74 * g + 112 * b + 128) >> 8) * sat_q8) >> 8;
    let v = (((112 * r - 94 * g - 18 * b + 128) >> 8) * sat_q8) >> 8;
    (y.clamp(16, 235) as u8, u, v)
}

fn chroma(c: i32) -> u8 {
    (128 + c).clamp(16, 240) as u8
}

fn sat_q8(saturation: f64) -> i32 {
    (saturation * 256.0).round().clamp(0.0, 65536.0) as i32
}

/// Renders one YUY2 frame (`w` even, `out.len() == w * h * 2`).
pub fn render_yuy2(cache: &mut SceneCache, look: &Look, w: u32, h: u32, frame: u64, out: &mut [u8]) {
    let lut = look.lut();
    let rgb = cache.get(look, w, h);
    let sat = sat_q8(look.saturation);
    for (row_in, row_out) in rgb.chunks_exact(w as usize).zip(out.chunks_exact_mut(w as usize * 2)) {
        for (pair, px) in row_in.chunks_exact(2).zip(row_out.chunks_exact_mut(4)) {
            let a = [lut[0][pair[0][0] as usize], lut[1][pair[0][1] as usize], lut[2][pair[0][2] as usize]];
            let b = [lut[0][pair[1][0] as usize], lut[1][pair[1][1] as usize], lut[2][pair[1][2] as usize]];
            let (ya, ua, va) = yuv(a, sat);
            let (yb, ub, vb) = yuv(b, sat);
            px[0] = ya;
            px[1] = chroma((ua + ub) / 2);
            px[2] = yb;
            px[3] = chroma((va + vb) / 2);
        }
    }
    overlays(look, w, h, frame, |x, y, white| {
        let o = (y * w + x) as usize * 2;
        out[o] = if white { 235 } else { 16 };
        out[o + 1] = 128;
    });
}

/// Renders one RGBA picture (stills and MJPEG frames).
pub fn render_rgba(cache: &mut SceneCache, look: &Look, w: u32, h: u32, frame: u64) -> Vec<u8> {
    let lut = look.lut();
    let rgb = cache.get(look, w, h);
    let sat = sat_q8(look.saturation);
    let mut out = vec![255u8; rgb.len() * 4];
    for (p, o) in rgb.iter().zip(out.chunks_exact_mut(4)) {
        let c = [lut[0][p[0] as usize] as i32, lut[1][p[1] as usize] as i32, lut[2][p[2] as usize] as i32];
        let luma = (77 * c[0] + 150 * c[1] + 29 * c[2]) >> 8;
        for i in 0..3 {
            o[i] = (luma + (((c[i] - luma) * sat) >> 8)).clamp(0, 255) as u8;
        }
    }
    overlays(look, w, h, frame, |x, y, white| {
        let o = (y * w + x) as usize * 4;
        let v = if white { 255 } else { 0 };
        out[o..o + 3].copy_from_slice(&[v, v, v]);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake_camera::default_photo_state;

    fn px(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 3] {
        let o = ((y * w + x) * 4) as usize;
        [rgba[o], rgba[o + 1], rgba[o + 2]]
    }

    #[test]
    fn zoom_pan_and_colour_controls_change_pixels() {
        let mut cache = SceneCache::default();
        let mut s = default_photo_state(64, 48);
        let plain = render_rgba(&mut cache, &Look::from_state(&s, false), 64, 48, 0);
        assert_eq!(px(&plain, 64, 1, 1), RED);
        s.zoom.as_mut().unwrap().current = 4.0;
        let zoomed = render_rgba(&mut cache, &Look::from_state(&s, false), 64, 48, 0);
        assert_eq!(px(&zoomed, 64, 1, 1), YELLOW, "zoom 4 shows the centre");
        s.pan.as_mut().unwrap().current = s.pan.unwrap().max;
        let panned = render_rgba(&mut cache, &Look::from_state(&s, false), 64, 48, 0);
        assert_eq!(px(&panned, 64, 62, 1), GREEN, "panned right at zoom 4");
        let mut s = default_photo_state(64, 48);
        s.torch = true;
        let lit = render_rgba(&mut cache, &Look::from_state(&s, false), 64, 48, 0);
        assert!(px(&lit, 64, 40, 40)[0] > GREY[0] + 40);
        let mut s = default_photo_state(64, 48);
        s.saturation.as_mut().unwrap().current = 0.0;
        let grey = render_rgba(&mut cache, &Look::from_state(&s, false), 64, 48, 0);
        let p = px(&grey, 64, 1, 1);
        assert!(p[0].abs_diff(p[1]) <= 1 && p[1].abs_diff(p[2]) <= 1, "{p:?}");
    }
}
