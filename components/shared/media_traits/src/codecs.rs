//! WebCodecs' encoders as plain data (<https://w3c.github.io/webcodecs/>): which codec strings
//! Aperture recognizes (the codec registry's grammars), what an encoder is configured with, what
//! it gives back, and the trait a codec backend implements. The DOM (`VideoEncoder`) owns the
//! control message queue; a backend owns the "codec work queue" and the "codec implementation".

use base::VideoFrame;

/// A parsed video codec string (<https://w3c.github.io/webcodecs/codec_registry.html>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VideoCodec {
    /// `"vp8"` (<https://w3c.github.io/webcodecs/vp8_codec_registration.html>).
    Vp8,
    /// `"vp09.PP.LL.DD…"` (<https://www.webmproject.org/vp9/mp4/#codecs-parameter-string>).
    Vp9 {
        /// Profile 0–3.
        profile: u8,
        /// Level ×10 (10, 11, 20 … 62).
        level: u8,
        /// 8, 10 or 12.
        bit_depth: u8,
    },
    /// `"av01.P.LLT.DD…"` (<https://aomediacodec.github.io/av1-isobmff/#codecsparam>).
    Av1 {
        /// Profile 0 (main), 1 (high), 2 (professional).
        profile: u8,
        /// seq_level_idx 0–23 (or 31).
        level: u8,
        /// Whether the tier is high (`H`) rather than main (`M`).
        high_tier: bool,
        /// 8, 10 or 12.
        bit_depth: u8,
    },
    /// `"avc1.PPCCLL"` / `"avc3.PPCCLL"` (<https://w3c.github.io/webcodecs/avc_codec_registration.html>).
    Avc {
        /// profile_idc.
        profile: u8,
        /// The constraint set flags byte.
        constraints: u8,
        /// level_idc.
        level: u8,
    },
}

fn two_digits(s: &str) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

impl VideoCodec {
    /// Parses a codec string exactly (case-sensitive, no surrounding whitespace), or `None`
    /// when it is not a valid codec string of a codec Aperture knows.
    pub fn parse(codec: &str) -> Option<VideoCodec> {
        if codec == "vp8" {
            return Some(VideoCodec::Vp8);
        }
        if let Some(rest) = codec.strip_prefix("vp09.") {
            // vp09.PP.LL.DD[.CC.cp.tc.mc.FF]: every field two digits; the optional ones all or
            // (as a prefix) some.
            let fields: Vec<&str> = rest.split('.').collect();
            if fields.len() < 3 || fields.len() > 8 || fields.iter().any(|f| two_digits(f).is_none()) {
                return None;
            }
            let profile = two_digits(fields[0])?;
            let level = two_digits(fields[1])?;
            let bit_depth = two_digits(fields[2])?;
            const LEVELS: [u8; 14] = [10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 52, 60, 61, 62];
            if profile > 3 || !LEVELS.contains(&level) || ![8, 10, 12].contains(&bit_depth) {
                return None;
            }
            return Some(VideoCodec::Vp9 { profile, level, bit_depth });
        }
        if let Some(rest) = codec.strip_prefix("av01.") {
            // av01.P.LLT.DD[.M.CCC.cp.tc.mc.F]
            let fields: Vec<&str> = rest.split('.').collect();
            if fields.len() < 3 || fields.len() > 9 {
                return None;
            }
            let profile = match fields[0] {
                "0" => 0,
                "1" => 1,
                "2" => 2,
                _ => return None,
            };
            let lt = fields[1];
            if lt.len() != 3 {
                return None;
            }
            let level = two_digits(&lt[..2])?;
            let high_tier = match &lt[2..] {
                "M" => false,
                "H" => true,
                _ => return None,
            };
            let bit_depth = two_digits(fields[2])?;
            if !(level <= 23 || level == 31) || ![8, 10, 12].contains(&bit_depth) {
                return None;
            }
            return Some(VideoCodec::Av1 { profile, level, high_tier, bit_depth });
        }
        let avc = codec.strip_prefix("avc1.").or_else(|| codec.strip_prefix("avc3."))?;
        if avc.len() != 6 || !avc.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&avc[i..i + 2], 16).ok();
        let (profile, constraints, level) = (byte(0)?, byte(2)?, byte(4)?);
        // The profile_idc values H.264 defines.
        const PROFILES: [u8; 11] = [66, 77, 88, 100, 110, 122, 244, 44, 83, 86, 118];
        const LEVELS: [u8; 20] = [9, 10, 11, 12, 13, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62];
        if !PROFILES.contains(&profile) || !LEVELS.contains(&level) {
            return None;
        }
        Some(VideoCodec::Avc { profile, constraints, level })
    }

    /// The largest coded width and height an encoder of this codec takes.
    pub fn max_dimension(self) -> u32 {
        match self {
            VideoCodec::Vp8 => 16383,
            VideoCodec::Vp9 { .. } | VideoCodec::Av1 { .. } => 16384,
            // Level 6.2's frame size limit is 139 264 macroblocks; a side is at most √(8 × that).
            VideoCodec::Avc { .. } => 8192,
        }
    }
}

/// `AvcBitstreamFormat` (<https://w3c.github.io/webcodecs/avc_codec_registration.html#avc-bitstream-format>).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AvcFormat {
    /// Length-prefixed NAL units; SPS and PPS in the decoder config's `description` (avcC).
    #[default]
    Avc,
    /// Start codes; SPS and PPS in the stream before each key frame.
    AnnexB,
}

/// `VideoEncoderBitrateMode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BitrateMode {
    /// `"constant"`.
    Constant,
    /// `"variable"`.
    #[default]
    Variable,
    /// `"quantizer"`.
    Quantizer,
}

/// What a video encoder is configured with: a valid `VideoEncoderConfig`, as the backend needs
/// it.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoEncoderSettings {
    /// The codec string as given.
    pub codec_string: String,
    /// Its parse, if Aperture knows it.
    pub codec: Option<VideoCodec>,
    /// Coded width.
    pub width: u32,
    /// Coded height.
    pub height: u32,
    /// Average bit rate in bits per second.
    pub bitrate: Option<u64>,
    /// Expected frames per second.
    pub framerate: Option<f64>,
    /// `hardwareAcceleration` is `"prefer-hardware"`.
    pub prefer_hardware: bool,
    /// `alpha` is `"keep"`.
    pub keep_alpha: bool,
    /// `scalabilityMode`, if given.
    pub scalability_mode: Option<String>,
    /// `bitrateMode`.
    pub bitrate_mode: BitrateMode,
    /// `latencyMode` is `"realtime"`.
    pub realtime: bool,
    /// `avc.format`.
    pub avc_format: AvcFormat,
}

impl VideoEncoderSettings {
    /// The bit rate to use: the page's, or about a tenth of a bit per pixel at the frame rate
    /// (30 fps unless said), which gives a watchable picture at every size.
    pub fn effective_bitrate(&self) -> u64 {
        self.bitrate.unwrap_or_else(|| {
            let fps = self.framerate.filter(|f| f.is_finite() && *f > 0.0).unwrap_or(30.0);
            ((self.width as f64 * self.height as f64 * fps / 10.0) as u64).max(100_000)
        })
    }

    /// The parts of "Check Configuration Support"
    /// (<https://w3c.github.io/webcodecs/#check-configuration-support>) that depend only on the
    /// configuration: `Err` says why it is not supported; `Ok` leaves the codec's availability to
    /// the backend.
    pub fn check(&self) -> Result<VideoCodec, String> {
        let codec =
            self.codec.ok_or_else(|| format!("'{}' is not a codec string Aperture knows", self.codec_string))?;
        match codec {
            VideoCodec::Vp8 => {}
            VideoCodec::Vp9 { profile, bit_depth, .. } if profile == 0 && bit_depth == 8 => {}
            VideoCodec::Av1 { profile, bit_depth, .. } if profile == 0 && bit_depth == 8 => {}
            // Constrained Baseline, Baseline (the encoder never uses what Baseline adds), Main
            // and High.
            VideoCodec::Avc { profile: 66 | 77 | 100, .. } => {}
            _ => return Err(format!("no encoder for the profile or bit depth of '{}'", self.codec_string)),
        }
        if self.width > codec.max_dimension() || self.height > codec.max_dimension() {
            return Err(format!("{}×{} is larger than the encoder takes", self.width, self.height));
        }
        if matches!(codec, VideoCodec::Avc { .. }) && (!self.width.is_multiple_of(2) || !self.height.is_multiple_of(2))
        {
            return Err("H.264 encodes even sizes only".into());
        }
        if self.prefer_hardware {
            return Err("no hardware encoder".into());
        }
        if self.keep_alpha {
            return Err("encoding alpha is not supported".into());
        }
        if self.scalability_mode.as_deref().is_some_and(|m| m != "L1T1") {
            return Err("only the scalability mode L1T1 is supported".into());
        }
        // libaom's constant-bit-rate control asserts (and aborts the process) in the builds
        // Debian ships; it is not offered.
        if matches!(codec, VideoCodec::Av1 { .. }) && self.bitrate_mode == BitrateMode::Constant {
            return Err("constant bit rate AV1 is not supported".into());
        }
        if self.bitrate_mode == BitrateMode::Quantizer {
            return Err("the quantizer bitrate mode is not supported".into());
        }
        Ok(codec)
    }
}

/// One frame to encode.
#[derive(Clone, Debug)]
pub struct FrameToEncode {
    /// Script's id of the frame (its timestamp and duration stay on script's side).
    pub id: u64,
    /// The visible pixels (shared, not copied), scaled by the encoder to the configured size.
    pub frame: VideoFrame,
    /// The frame's timestamp in microseconds (for rate control; may be negative).
    pub timestamp: i64,
    /// `keyFrame` of the encode options.
    pub key_frame: bool,
}

/// One encoded chunk's data.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodedOutput {
    /// The id of the frame it encodes.
    pub frame: u64,
    /// The configuration (by `configure` serial) it was encoded with.
    pub config: u64,
    /// The bytes.
    pub data: Vec<u8>,
    /// Whether it is a key chunk.
    pub key: bool,
    /// The decoder configuration's `description` (the avcC record of AVC in `avc` format).
    pub description: Option<Vec<u8>>,
}

/// What a codec's work queue tells its owner, once per operation, in order (`O` is an encoded
/// chunk for an encoder, a decoded frame for a decoder).
#[derive(Clone, Debug, PartialEq)]
pub enum CodecEvent<O> {
    /// A `configure` ran: `Err` is why the configuration is not supported.
    Configured {
        /// Its serial.
        config: u64,
        /// The outcome.
        result: Result<(), String>,
    },
    /// One input was processed: what the codec emitted doing so (empty if it holds it back).
    Processed(Vec<O>),
    /// A `flush` ran: every pending output.
    Flushed {
        /// Script's id of the flush.
        id: u64,
        /// The outputs.
        outputs: Vec<O>,
    },
    /// The codec failed; it does nothing more (`EncodingError`).
    Failed(String),
}

/// An encoder's events.
pub type EncoderEvent = CodecEvent<EncodedOutput>;
/// A decoder's events.
pub type DecoderEvent = CodecEvent<DecodedFrame>;

/// Where a codec's events go (called on the codec's own thread).
pub type CodecEvents<O> = Box<dyn Fn(CodecEvent<O>) + Send + Sync>;

/// The operations of a codec's work queue, run in order. Dropping it discards whatever is
/// pending and releases the codec: no event comes after that.
pub trait CodecBackend<S, I>: Send {
    /// Configures the codec (after emitting what a previous configuration still held).
    fn configure(&mut self, serial: u64, settings: S);
    /// Encodes or decodes one input.
    fn process(&mut self, input: I);
    /// Emits every pending output.
    fn flush(&mut self, id: u64);
}

/// A video encoder's work queue.
pub type VideoEncoderBackend = dyn CodecBackend<VideoEncoderSettings, FrameToEncode>;
/// A video decoder's work queue.
pub type VideoDecoderBackend = dyn CodecBackend<VideoDecoderSettings, ChunkToDecode>;

/// What a video decoder is configured with (a valid `VideoDecoderConfig`, as the codec needs it).
#[derive(Clone, Debug, PartialEq)]
pub struct VideoDecoderSettings {
    /// The codec string as given.
    pub codec_string: String,
    /// Its parse, if Aperture knows it.
    pub codec: Option<VideoCodec>,
    /// `description` (AVC: the avcC record; its absence means Annex B).
    pub description: Option<Vec<u8>>,
}

impl VideoDecoderSettings {
    /// "Check Configuration Support" for a decoder, as far as the configuration says.
    pub fn check(&self) -> Result<VideoCodec, String> {
        let codec =
            self.codec.ok_or_else(|| format!("'{}' is not a codec string Aperture knows", self.codec_string))?;
        match codec {
            VideoCodec::Vp8 => Ok(codec),
            VideoCodec::Vp9 { profile: 0, bit_depth: 8, .. } | VideoCodec::Av1 { profile: 0, bit_depth: 8, .. } => {
                Ok(codec)
            }
            VideoCodec::Avc { profile: 66 | 77 | 100, .. } => Ok(codec),
            _ => Err(format!("no decoder for the profile or bit depth of '{}'", self.codec_string)),
        }
    }
}

/// One chunk to decode.
#[derive(Clone, Debug)]
pub struct ChunkToDecode {
    /// Script's id of the chunk (its timestamp and duration stay on script's side).
    pub id: u64,
    /// The encoded bytes (shared).
    pub data: std::sync::Arc<[u8]>,
    /// Whether it is a key chunk.
    pub key: bool,
    /// Its timestamp in microseconds (orders the codec's input; may be negative).
    pub timestamp: i64,
}

/// The colour space a decoder found in the bitstream, as `VideoColorSpaceInit` names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DetectedColorSpace {
    /// `VideoColorPrimaries`.
    pub primaries: Option<&'static str>,
    /// `VideoTransferCharacteristics`.
    pub transfer: Option<&'static str>,
    /// `VideoMatrixCoefficients`.
    pub matrix: Option<&'static str>,
    /// Full (`true`) or limited range.
    pub full_range: Option<bool>,
}

/// One decoded frame: tightly packed I420 (Y, then U, then V).
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedFrame {
    /// The id of the chunk it decodes.
    pub chunk: u64,
    /// Coded width.
    pub width: u32,
    /// Coded height.
    pub height: u32,
    /// The planes.
    pub data: Vec<u8>,
    /// What the bitstream said about colours.
    pub color: DetectedColorSpace,
}

/// A provider of codecs (an engine has one; its script and worker threads share it).
pub trait CodecProvider: Send + Sync {
    /// Whether an encoder for `codec` can be made.
    fn video_encoder_available(&self, codec: VideoCodec) -> bool;
    /// A new encoder with its own work queue; events go to `events`.
    fn video_encoder(&self, events: CodecEvents<EncodedOutput>) -> Box<VideoEncoderBackend>;
    /// Whether a decoder for `codec` can be made.
    fn video_decoder_available(&self, codec: VideoCodec) -> bool;
    /// A new decoder with its own work queue; events go to `events`.
    fn video_decoder(&self, events: CodecEvents<DecodedFrame>) -> Box<VideoDecoderBackend>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codec_strings() {
        assert_eq!(VideoCodec::parse("vp8"), Some(VideoCodec::Vp8));
        assert_eq!(VideoCodec::parse("vP8"), None);
        assert_eq!(VideoCodec::parse("vp08.00.10.08"), None);
        assert_eq!(VideoCodec::parse("vp09.00.10.08"), Some(VideoCodec::Vp9 { profile: 0, level: 10, bit_depth: 8 }));
        assert_eq!(
            VideoCodec::parse("vp09.00.10.08.01.01.01.01.00"),
            Some(VideoCodec::Vp9 { profile: 0, level: 10, bit_depth: 8 })
        );
        assert_eq!(VideoCodec::parse("vp09.99.99.08"), None);
        assert_eq!(VideoCodec::parse("  vp09.00.10.08  "), None);
        assert_eq!(VideoCodec::parse("vp09.0.10.08"), None);
        assert_eq!(
            VideoCodec::parse("av01.0.04M.08"),
            Some(VideoCodec::Av1 { profile: 0, level: 4, high_tier: false, bit_depth: 8 })
        );
        assert_eq!(VideoCodec::parse("av01.9.99M.08"), None);
        assert_eq!(VideoCodec::parse("avc1.42001E"), Some(VideoCodec::Avc { profile: 66, constraints: 0, level: 30 }));
        assert_eq!(
            VideoCodec::parse("avc3.42e01f"),
            Some(VideoCodec::Avc { profile: 66, constraints: 0xe0, level: 31 })
        );
        assert_eq!(VideoCodec::parse("avc1.FF000b"), None);
        assert_eq!(VideoCodec::parse("avc1.4200"), None);
        assert_eq!(VideoCodec::parse("hvc1.C99.6FFFFFF.L93"), None);
        assert_eq!(VideoCodec::parse("bogus"), None);
    }

    fn settings(codec: &str, width: u32, height: u32) -> VideoEncoderSettings {
        VideoEncoderSettings {
            codec_string: codec.into(),
            codec: VideoCodec::parse(codec),
            width,
            height,
            bitrate: None,
            framerate: None,
            prefer_hardware: false,
            keep_alpha: false,
            scalability_mode: None,
            bitrate_mode: BitrateMode::Variable,
            realtime: false,
            avc_format: AvcFormat::Avc,
        }
    }

    #[test]
    fn support_rules() {
        assert!(settings("vp8", 640, 480).check().is_ok());
        assert!(settings("vp8", 1_000_000, 480).check().is_err());
        assert!(settings("avc1.42001E", 641, 480).check().is_err());
        assert!(settings("avc1.42001E", 640, 480).check().is_ok());
        assert!(settings("avc1.64001F", 640, 480).check().is_ok());
        assert!(settings("avc1.f4001F", 640, 480).check().is_err());
        assert!(settings("vp09.02.10.10", 640, 480).check().is_err());
        let mut s = settings("vp8", 640, 480);
        s.scalability_mode = Some("ABC".into());
        assert!(s.check().is_err());
        s.scalability_mode = Some("L1T1".into());
        assert!(s.check().is_ok());
        s.prefer_hardware = true;
        assert!(s.check().is_err());
        assert_eq!(settings("vp8", 640, 480).effective_bitrate(), 921_600);
    }
}
