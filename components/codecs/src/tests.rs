//! The encoders on the real GStreamer plugins: one event per operation, one chunk per frame,
//! key frames where asked, and the decoder description of AVC.

use std::sync::mpsc;
use std::time::Duration;

use base::VideoFrame;
use base::units::ImageSize;
use media_traits::codecs::{
    AvcFormat, BitrateMode, ChunkToDecode, CodecEvent, CodecProvider, DecoderEvent, EncodedOutput, EncoderEvent,
    FrameToEncode, VideoCodec, VideoDecoderSettings, VideoEncoderSettings,
};

use super::GstCodecs;

fn settings(codec: &str, width: u32, height: u32) -> VideoEncoderSettings {
    VideoEncoderSettings {
        codec_string: codec.into(),
        codec: VideoCodec::parse(codec),
        width,
        height,
        bitrate: Some(1_000_000),
        framerate: Some(30.0),
        prefer_hardware: false,
        keep_alpha: false,
        scalability_mode: None,
        bitrate_mode: BitrateMode::Variable,
        realtime: false,
        avc_format: AvcFormat::Avc,
    }
}

fn frame(width: u32, height: u32, shade: u8) -> VideoFrame {
    let mut pixels = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            pixels.extend_from_slice(&[shade, (x % 256) as u8, (y % 256) as u8, 255]);
        }
    }
    VideoFrame::from_rgba(ImageSize::new(width, height), pixels)
}

fn run(codec: &str, key_frame_at: Option<u64>) -> Vec<EncoderEvent> {
    run_with(settings(codec, 64, 48), key_frame_at)
}

fn run_with(settings: VideoEncoderSettings, key_frame_at: Option<u64>) -> Vec<EncoderEvent> {
    let codecs = GstCodecs::new();
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let mut encoder = codecs.video_encoder(Box::new(move |event| {
        let _ = tx.lock().unwrap().send(event);
    }));
    encoder.configure(1, settings);
    for i in 0..5u64 {
        encoder.process(FrameToEncode {
            id: 100 + i,
            frame: frame(64, 48, (i * 40) as u8),
            timestamp: i as i64 * 33_333 - 10_000,
            key_frame: key_frame_at == Some(i),
        });
    }
    encoder.flush(7);
    (0..7).map(|_| rx.recv_timeout(Duration::from_secs(30)).expect("an event per operation")).collect()
}

fn check(codec: &str) -> Option<Vec<EncoderEvent>> {
    let parsed = VideoCodec::parse(codec).unwrap();
    if !GstCodecs::new().video_encoder_available(parsed) {
        eprintln!("{codec}: no encoder installed; skipped");
        return None;
    }
    let events = run(codec, Some(3));
    assert_eq!(events[0], EncoderEvent::Configured { config: 1, result: Ok(()) }, "{codec}");
    let mut chunks = Vec::new();
    for event in &events[1..6] {
        match event {
            EncoderEvent::Processed(outputs) => chunks.extend(outputs.iter().cloned()),
            other => panic!("{codec}: {other:?}"),
        }
    }
    match &events[6] {
        EncoderEvent::Flushed { id: 7, outputs } => chunks.extend(outputs.iter().cloned()),
        other => panic!("{codec}: {other:?}"),
    }
    let ids: Vec<u64> = chunks.iter().map(|c| c.frame).collect();
    assert_eq!(ids, vec![100, 101, 102, 103, 104], "{codec}: one chunk per frame, in order");
    let keys: Vec<bool> = chunks.iter().map(|c| c.key).collect();
    assert_eq!(keys, vec![true, false, false, true, false], "{codec}: key frames");
    assert!(chunks.iter().all(|c| !c.data.is_empty() && c.config == 1));
    Some(events)
}

#[test]
fn vp8_encodes_one_chunk_per_frame() {
    let events = check("vp8").expect("vp8enc is installed by the bootstrap");
    // Each frame's chunk comes with its own encode, not at the flush.
    assert!(matches!(&events[1], EncoderEvent::Processed(o) if o.len() == 1));
}

#[test]
fn vp9_encodes_one_chunk_per_frame() {
    check("vp09.00.10.08").expect("vp9enc is installed by the bootstrap");
}

#[test]
fn av1_encodes_one_chunk_per_frame() {
    check("av01.0.04M.08");
}

#[test]
fn avc_has_a_description_and_annexb_has_start_codes() {
    let Some(events) = check("avc1.42001f") else { return };
    let EncoderEvent::Processed(outputs) = &events[1] else { panic!() };
    let description = outputs[0].description.as_ref().expect("avcC");
    assert_eq!(description[0], 1, "avcC version");
    assert_eq!(description[1], 0x42, "profile");
    // Length-prefixed NAL units.
    assert_ne!(&outputs[0].data[..4], &[0, 0, 0, 1]);
}

#[test]
fn avc_high_profile_is_high() {
    let Some(events) = check("avc1.640028") else { return };
    let EncoderEvent::Processed(outputs) = &events[1] else { panic!() };
    assert_eq!(outputs[0].description.as_ref().expect("avcC")[1], 100, "profile_idc");
}

#[test]
fn an_unsupported_configuration_is_reported() {
    let codecs = GstCodecs::new();
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let mut encoder = codecs.video_encoder(Box::new(move |event| {
        let _ = tx.lock().unwrap().send(event);
    }));
    encoder.configure(3, settings("bogus", 64, 48));
    match rx.recv_timeout(Duration::from_secs(30)).unwrap() {
        EncoderEvent::Configured { config: 3, result: Err(_) } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_supported_rate_mode_encodes() {
    // Realtime and quality, variable and constant bit rates, at a size where rate control
    // has work to do: each either encodes or is refused by check(), never aborts.
    for codec in ["vp8", "vp09.00.10.08", "av01.0.04M.08", "avc1.42001f"] {
        if !GstCodecs::new().video_encoder_available(VideoCodec::parse(codec).unwrap()) {
            continue;
        }
        for realtime in [false, true] {
            for mode in [BitrateMode::Variable, BitrateMode::Constant] {
                let mut s = settings(codec, 320, 240);
                s.realtime = realtime;
                s.bitrate_mode = mode;
                s.bitrate = Some(3_000_000);
                if s.check().is_err() {
                    continue;
                }
                let events = run_with(s, None);
                assert!(
                    events.iter().all(|e| !matches!(e, EncoderEvent::Failed(_))),
                    "{codec} realtime={realtime} {mode:?}: {events:?}"
                );
            }
        }
    }
}

/// Decodes `chunks` with a decoder for `codec`; the frames, in order.
fn decode(
    codec: &str,
    description: Option<Vec<u8>>,
    chunks: &[EncodedOutput],
) -> Vec<media_traits::codecs::DecodedFrame> {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let mut decoder = GstCodecs::new().video_decoder(Box::new(move |event| {
        let _ = tx.lock().unwrap().send(event);
    }));
    decoder.configure(
        1,
        VideoDecoderSettings { codec_string: codec.into(), codec: VideoCodec::parse(codec), description },
    );
    for (i, c) in chunks.iter().enumerate() {
        decoder.process(ChunkToDecode {
            id: i as u64,
            data: c.data.clone().into(),
            key: c.key,
            timestamp: i as i64 * 1000,
        });
    }
    decoder.flush(9);
    let mut frames = Vec::new();
    for _ in 0..chunks.len() + 2 {
        match rx.recv_timeout(Duration::from_secs(30)).expect("an event per operation") {
            DecoderEvent::Configured { result, .. } => result.expect("configured"),
            CodecEvent::Processed(f) | CodecEvent::Flushed { outputs: f, .. } => frames.extend(f),
            CodecEvent::Failed(reason) => panic!("{codec}: {reason}"),
        }
    }
    frames
}

#[test]
fn chunks_decode_back_to_the_frames() {
    for codec in ["vp8", "vp09.00.10.08", "av01.0.04M.08", "avc1.42001f"] {
        let parsed = VideoCodec::parse(codec).unwrap();
        let codecs = GstCodecs::new();
        if !codecs.video_encoder_available(parsed) || !codecs.video_decoder_available(parsed) {
            eprintln!("{codec}: no encoder or decoder installed; skipped");
            continue;
        }
        let events = run(codec, None);
        let mut chunks = Vec::new();
        for e in events {
            if let CodecEvent::Processed(o) | CodecEvent::Flushed { outputs: o, .. } = e {
                chunks.extend(o);
            }
        }
        let description = chunks[0].description.clone();
        let frames = decode(codec, description, &chunks);
        let ids: Vec<u64> = frames.iter().map(|f| f.chunk).collect();
        assert_eq!(ids, vec![0, 1, 2, 3, 4], "{codec}");
        assert!(
            frames.iter().all(|f| (f.width, f.height) == (64, 48) && f.data.len() == 64 * 48 + 2 * 32 * 24),
            "{codec}"
        );
        // The first frame's top-left pixel: R = 0, G = 0, B = 0 → dark luma.
        assert!(frames[0].data[0] < 40, "{codec}: luma {}", frames[0].data[0]);
    }
}
