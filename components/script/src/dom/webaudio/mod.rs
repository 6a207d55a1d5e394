//! Web Audio (<https://webaudio.github.io/web-audio-api/>): the DOM side. Rendering happens on
//! the engine's Web Audio render thread (`components/webaudio`); the DOM objects keep the
//! control thread's view (state, connections, params' nominal ranges) and send it plain-data
//! commands (`media_traits::webaudio`). What is implemented: `webidls/WebAudio.webidl`.

pub mod analysernode;
pub mod audiobuffer;
pub mod audiobuffersourcenode;
pub mod audiocontext;
pub mod audiodestinationnode;
pub mod audiolistener;
pub mod audionode;
pub mod audioparam;
pub mod audioprocessingevent;
pub mod audioscheduledsourcenode;
pub mod baseaudiocontext;
pub mod biquadfilternode;
pub mod channelsplitternode;
pub mod constantsourcenode;
pub mod convolvernode;
pub mod delaynode;
pub mod dynamicscompressornode;
pub mod gainnode;
pub mod iirfilternode;
pub mod mediastreamaudiodestinationnode;
pub mod mediastreamaudiosourcenode;
pub mod offlineaudiocompletionevent;
pub mod offlineaudiocontext;
pub mod oscillatornode;
pub mod pannernode;
pub mod periodicwave;
pub mod scriptprocessornode;
pub mod stereopannernode;
pub mod waveshapernode;

/// The shared steps of `getFrequencyResponse()` (`BiquadFilterNode`, `IIRFilterNode`): "The
/// frequencyHz, magResponse, and phaseResponse arrays MUST be of the same length; otherwise, an
/// InvalidAccessError MUST be thrown", then each frequency's `(magnitude, phase)` from `response`
/// is written back. The frequencies are copied first: a page may pass one array for two arguments.
pub(crate) fn frequency_response(
    frequency_hz: mozjs::rust::HandleObject,
    mag_response: mozjs::rust::HandleObject,
    phase_response: mozjs::rust::HandleObject,
    response: impl Fn(f64) -> (f64, f64),
) -> crate::dom::bindings::error::ErrorResult {
    let frequencies = read_floats(frequency_hz);
    let lengths = [read_floats(mag_response).len(), read_floats(phase_response).len()];
    if lengths.iter().any(|&n| n != frequencies.len()) {
        return Err(crate::dom::bindings::error::Error::InvalidAccess(
            "frequencyHz, magResponse and phaseResponse must have the same length".into(),
        ));
    }
    let (magnitudes, phases): (Vec<f32>, Vec<f32>) = frequencies
        .iter()
        .map(|f| {
            let (m, p) = response(f64::from(*f));
            (m as f32, p as f32)
        })
        .unzip();
    write_floats(mag_response, &magnitudes);
    write_floats(phase_response, &phases);
    Ok(())
}

/// The `f32`s of a `Float32Array` (copied out, so the same array may also be written).
pub(crate) fn read_floats(array: mozjs::rust::HandleObject) -> Vec<f32> {
    crate::dom::bindings::conversions::with_view_bytes_mut(array, |bytes| {
        bytes.chunks_exact(4).map(|b| f32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect()
    })
}

/// Copies `values` into the start of a `Float32Array`: values beyond its length are dropped,
/// elements beyond `values` are left as they are (the copy rule of the Web Audio methods that
/// fill a page's array).
pub(crate) fn write_floats(array: mozjs::rust::HandleObject, values: &[f32]) {
    crate::dom::bindings::conversions::with_view_bytes_mut(array, |bytes| {
        for (d, v) in bytes.chunks_exact_mut(4).zip(values) {
            d.copy_from_slice(&v.to_ne_bytes());
        }
    })
}
