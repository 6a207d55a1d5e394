//! `decodeAudioData`'s decoding
//! (<https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-decodeaudiodata>): the
//! encoded bytes go through GStreamer (`appsrc ! decodebin`, then `audioconvert !
//! audioresample` to the context's sample rate, into an `appsink` taking 32-bit float or, when
//! the decoder gives 16-bit integers, those, converted here as Chromium converts them: a
//! negative sample over 32768, a positive one over 32767, so ±full scale is ±1). The
//! pipeline runs on GStreamer's streaming threads, so the render loop only starts it; the reply
//! is given once, at the end of the stream or at the first error, and the pipeline is then shut
//! down on GStreamer's own async-call pool (a streaming thread may not stop its pipeline).

use std::sync::{Arc, Mutex, PoisonError};

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use media_traits::webaudio::{BufferData, DecodeReply};

/// What the streaming threads share until the reply is given.
struct State {
    /// Interleaved samples so far.
    samples: Vec<f32>,
    /// Channels per frame (from the appsink's caps).
    channels: usize,
    /// Frames that entered the resampler, and their rate: the output is made exactly
    /// ceil(frames × context rate / rate) long (the resampler's filter can drop a few at the end).
    input_frames: u64,
    input_rate: u64,
    reply: Option<ChannelsReply>,
    /// The context's rate.
    output_rate: u64,
    /// Kept alive while it runs; taken to shut it down.
    pipeline: Option<gst::Pipeline>,
}

type Shared = Arc<Mutex<State>>;
type ChannelsReply = Box<dyn FnOnce(Result<Vec<Vec<f32>>, String>) + Send>;

/// Gives the reply (once) and shuts the pipeline down.
fn finish(state: &Shared, result: Result<(), String>) {
    let (reply, pipeline, samples, channels) = {
        let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(reply) = s.reply.take() else { return };
        let mut samples = std::mem::take(&mut s.samples);
        if s.input_rate > 0 && s.channels > 0 && s.output_rate > 0 {
            let frames = (s.input_frames * s.output_rate).div_ceil(s.input_rate) as usize;
            samples.resize(frames * s.channels, 0.0);
        }
        (reply, s.pipeline.take(), samples, s.channels)
    };
    if let Some(pipeline) = pipeline {
        pipeline.call_async(|p| {
            let _ = p.set_state(gst::State::Null);
        });
    }
    reply(result.and_then(|()| deinterleave(&samples, channels)));
}

/// Splits interleaved samples into channels; no audio at all is a decoding error.
fn deinterleave(samples: &[f32], channels: usize) -> Result<Vec<Vec<f32>>, String> {
    if channels == 0 || samples.is_empty() {
        return Err("the data holds no decodable audio".into());
    }
    let frames = samples.len() / channels;
    Ok((0..channels).map(|c| (0..frames).map(|f| samples[f * channels + c]).collect()).collect())
}

/// A 16-bit sample as a float in [-1, 1] (Chromium's conversion).
fn int16_to_float(s: i16) -> f32 {
    if s < 0 { s as f32 / 32768.0 } else { s as f32 / 32767.0 }
}

/// Starts decoding `bytes` to `sample_rate`; `reply` gets the channels or the reason it failed.
pub fn start(bytes: Vec<u8>, sample_rate: f32, reply: DecodeReply) {
    let rate = sample_rate.round() as i32;
    let reply_with =
        move |result: Result<Vec<Vec<f32>>, String>| reply(result.map(|channels| BufferData { sample_rate, channels }));
    if let Err(e) = gst::init() {
        reply_with(Err(format!("GStreamer is unavailable: {e}")));
        return;
    }
    let make = |n: &str| gst::ElementFactory::make(n).build().map_err(|e| format!("{n}: {e}"));
    let elements = (|| Ok::<_, String>((make("decodebin")?, make("audioconvert")?, make("audioresample")?)))();
    let (decodebin, convert, resample) = match elements {
        Ok(e) => e,
        Err(e) => return reply_with(Err(e)),
    };
    let pipeline = gst::Pipeline::new();
    let appsrc = gst_app::AppSrc::builder().format(gst::Format::Bytes).build();
    appsrc.set_property("size", bytes.len() as i64);
    let caps = gst::Caps::builder("audio/x-raw")
        .field("format", gst::List::new(["F32LE", "S16LE"]))
        .field("layout", "interleaved")
        .field("rate", rate)
        .build();
    let sink = gst_app::AppSink::builder().caps(&caps).sync(false).build();
    let state: Shared = Arc::new(Mutex::new(State {
        samples: Vec::new(),
        channels: 0,
        input_frames: 0,
        input_rate: 0,
        output_rate: rate.max(0) as u64,
        reply: Some(Box::new(reply_with)),
        pipeline: Some(pipeline.clone()),
    }));
    let added = pipeline.add_many([appsrc.upcast_ref(), &decodebin, &convert, &resample, sink.upcast_ref()]).is_ok()
        && appsrc.link(&decodebin).is_ok()
        && gst::Element::link_many([&convert, &resample, sink.upcast_ref()]).is_ok();
    if !added {
        finish(&state, Err("the decoding pipeline could not be built".into()));
        return;
    }
    // The first audio stream is decoded; any other stream is dropped.
    let weak = pipeline.downgrade();
    let convert_weak = convert.downgrade();
    decodebin.connect_pad_added(move |_, pad| {
        let (Some(pipeline), Some(convert)) = (weak.upgrade(), convert_weak.upgrade()) else { return };
        let caps = pad.current_caps().unwrap_or_else(|| pad.query_caps(None));
        let is_audio = caps.structure(0).is_some_and(|s| s.name().starts_with("audio/"));
        let sinkpad = convert.static_pad("sink");
        if is_audio && let Some(sinkpad) = sinkpad.filter(|p| !p.is_linked()) {
            let _ = pad.link(&sinkpad);
            return;
        }
        if let Ok(fake) = gst::ElementFactory::make("fakesink").build()
            && pipeline.add(&fake).is_ok()
        {
            let _ = fake.sync_state_with_parent();
            if let Some(p) = fake.static_pad("sink") {
                let _ = pad.link(&p);
            }
        }
    });
    // Counts the frames entering the resampler (32-bit float or 16-bit integer, as the sink).
    let s_in = state.clone();
    if let Some(pad) = resample.static_pad("sink") {
        pad.add_probe(gst::PadProbeType::BUFFER, move |pad, info| {
            let caps = pad.current_caps();
            let structure = caps.as_ref().and_then(|c| c.structure(0));
            let rate = structure.and_then(|s| s.get::<i32>("rate").ok()).unwrap_or(0).max(0) as u64;
            let channels = structure.and_then(|s| s.get::<i32>("channels").ok()).unwrap_or(1).max(1) as u64;
            let width = if structure.and_then(|s| s.get::<&str>("format").ok()) == Some("S16LE") { 2 } else { 4 };
            if let Some(buffer) = info.buffer() {
                let mut st = s_in.lock().unwrap_or_else(PoisonError::into_inner);
                st.input_rate = rate;
                st.input_frames += buffer.size() as u64 / (channels * width);
            }
            gst::PadProbeReturn::Ok
        });
    }
    let s = state.clone();
    let s_eos = state.clone();
    sink.set_callbacks(
        gst_app::AppSinkCallbacks::builder()
            .new_sample(move |sink| {
                let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                let structure = sample.caps().and_then(|c| c.structure(0).map(|s| s.to_owned()));
                let channels =
                    structure.as_ref().and_then(|s| s.get::<i32>("channels").ok()).unwrap_or(1).max(1) as usize;
                let int16 = structure.as_ref().and_then(|s| s.get::<&str>("format").ok()) == Some("S16LE");
                if let Some(buffer) = sample.buffer()
                    && let Ok(map) = buffer.map_readable()
                {
                    let mut st = s.lock().unwrap_or_else(PoisonError::into_inner);
                    st.channels = channels;
                    if int16 {
                        st.samples
                            .extend(map.chunks_exact(2).map(|b| int16_to_float(i16::from_le_bytes([b[0], b[1]]))));
                    } else {
                        st.samples.extend(map.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])));
                    }
                }
                Ok(gst::FlowSuccess::Ok)
            })
            .eos(move |_| finish(&s_eos, Ok(())))
            .build(),
    );
    let s_bus = state.clone();
    if let Some(bus) = pipeline.bus() {
        bus.set_sync_handler(move |_, msg| {
            match msg.view() {
                gst::MessageView::Error(e) => finish(&s_bus, Err(e.error().to_string())),
                // decodebin found no audio stream: nothing reaches the sink, which still gets
                // its end of stream; an EOS seen on the bus settles the rest.
                gst::MessageView::Eos(_) => finish(&s_bus, Ok(())),
                _ => {}
            }
            gst::BusSyncReply::Drop
        });
    }
    let _ = appsrc.push_buffer(gst::Buffer::from_mut_slice(bytes));
    let _ = appsrc.end_of_stream();
    if pipeline.set_state(gst::State::Playing).is_err() {
        finish(&state, Err("the data could not be decoded".into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: Vec<u8>, rate: f32) -> Result<BufferData, String> {
        let (tx, rx) = crossbeam_channel::bounded(1);
        start(bytes, rate, Box::new(move |r| drop(tx.send(r))));
        rx.recv_timeout(std::time::Duration::from_secs(10)).map_err(|e| e.to_string())?
    }

    fn wav(rate: u32, samples: &[i16]) -> Vec<u8> {
        let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
        let mut w = Vec::new();
        w.extend_from_slice(b"RIFF");
        w.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
        w.extend_from_slice(b"WAVEfmt ");
        w.extend_from_slice(&16u32.to_le_bytes());
        w.extend_from_slice(&1u16.to_le_bytes());
        w.extend_from_slice(&1u16.to_le_bytes());
        w.extend_from_slice(&rate.to_le_bytes());
        w.extend_from_slice(&(rate * 2).to_le_bytes());
        w.extend_from_slice(&2u16.to_le_bytes());
        w.extend_from_slice(&16u16.to_le_bytes());
        w.extend_from_slice(b"data");
        w.extend_from_slice(&(data.len() as u32).to_le_bytes());
        w.extend_from_slice(&data);
        w
    }

    #[test]
    fn a_wav_at_the_context_rate_decodes_exactly() {
        let samples: Vec<i16> = (0..1000).map(|i| (i * 16) as i16).collect();
        let decoded = decode(wav(8000, &samples), 8000.0).expect("decodes");
        assert_eq!(decoded.channels.len(), 1);
        assert_eq!(decoded.channels[0].len(), 1000);
        assert_eq!(decoded.channels[0][10], 160.0 / 32767.0);
    }

    #[test]
    fn a_resampled_wav_has_the_length_of_its_duration() {
        let decoded = decode(wav(22050, &[1000; 4410]), 48000.0).expect("decodes");
        assert_eq!(decoded.channels[0].len(), 9600);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(decode(vec![7u8; 3000], 48000.0).is_err());
    }
}
