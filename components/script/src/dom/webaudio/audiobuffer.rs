//! `AudioBuffer` (<https://webaudio.github.io/web-audio-api/#AudioBuffer>).
//!
//! The samples live in Rust ([[internal data]]) until `getChannelData()` is first called; then
//! every channel gets its `Float32Array` (the same object at each call), which from then on holds
//! the channel's samples. A source node "acquires the content" when it starts (or when a buffer
//! is set on a started node): the samples are copied into an immutable [`BufferData`] the render
//! thread reads, so later edits of the arrays reach the renderer the next time the buffer is used.

use std::cell::RefCell;
use std::sync::Arc;

use dom_struct::dom_struct;
use media_traits::webaudio::{BufferData, MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE};
use mozjs::context::JSContext;
use mozjs::jsapi::{Heap, JSObject};
use mozjs::jsval::{ObjectValue, UndefinedValue};
use mozjs::rooted;
use mozjs::rust::{HandleObject, MutableHandleValue};

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::AudioBufferBinding::AudioBufferMethods;
use crate::dom::bindings::codegen::Dictionaries::AudioBufferOptions;
use crate::dom::bindings::conversions::new_float32_array;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct AudioBuffer {
    reflector_: Reflector,
    #[no_trace]
    sample_rate: f32,
    #[no_trace]
    length: usize,
    #[no_trace]
    channel_count: usize,
    /// [[internal data]] while no `Float32Array` was handed out.
    #[no_trace]
    internal: RefCell<Vec<Vec<f32>>>,
    /// The channels' arrays, once `getChannelData()` was called (then they hold the samples).
    #[allow(clippy::vec_box, reason = "a Heap must not move once the GC knows its address")]
    arrays: RefCell<Vec<Box<Heap<*mut JSObject>>>>,
}

/// "If any of the values in options lie outside its nominal range, throw a NotSupportedError"
/// (also `createBuffer()`'s rule): 1 to 32 channels, at least one frame, 3000 to 768000 Hz.
fn check_options(channels: u32, length: u32, sample_rate: f32) -> ErrorResult {
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(Error::NotSupported(format!(
            "The number of channels provided ({channels}) is outside the range [1, {MAX_CHANNELS}]."
        )));
    }
    if length == 0 {
        return Err(Error::NotSupported(
            "The number of frames provided (0) is less than or equal to the minimum bound (0).".into(),
        ));
    }
    if !(MIN_SAMPLE_RATE..=MAX_SAMPLE_RATE).contains(&sample_rate) {
        return Err(Error::NotSupported(format!(
            "The sample rate provided ({sample_rate}) is outside the range [{MIN_SAMPLE_RATE}, {MAX_SAMPLE_RATE}]."
        )));
    }
    Ok(())
}

/// The samples of a `Float32Array` of `expected` elements: None when its buffer was detached
/// (its length is then 0). `array` must be a live Float32Array; no GC can run while the slice
/// is used (the closure gets no `JSContext`).
fn with_array<R>(array: *mut JSObject, expected: usize, f: impl FnOnce(Option<&mut [f32]>) -> R) -> R {
    // SAFETY: the caller's array is traced by its AudioBuffer, which is rooted for the method
    // call; the slice lives only for `f`, which neither runs script nor allocates on the JS heap.
    unsafe {
        let mut len = 0usize;
        let mut shared = false;
        let mut data: *mut u8 = std::ptr::null_mut();
        mozjs::jsapi::GetArrayBufferViewLengthAndData(array, &mut len, &mut shared, &mut data);
        let floats = len / 4;
        if data.is_null() || floats != expected {
            return f(None);
        }
        f(Some(std::slice::from_raw_parts_mut(data as *mut f32, floats)))
    }
}

impl AudioBuffer {
    fn new_inherited(channels: usize, length: usize, sample_rate: f32, data: Vec<Vec<f32>>) -> AudioBuffer {
        AudioBuffer {
            reflector_: Reflector::new(),
            sample_rate,
            length,
            channel_count: channels,
            internal: RefCell::new(data),
            arrays: RefCell::new(Vec::new()),
        }
    }

    /// `createBuffer()` and the constructor: checked options, every sample 0.
    pub fn new_checked(
        cx: &mut JSContext,
        window: &Window,
        channels: u32,
        length: u32,
        sample_rate: f32,
        proto: Option<HandleObject>,
    ) -> Fallible<DomRoot<AudioBuffer>> {
        check_options(channels, length, sample_rate)?;
        let (channels, length) = (channels as usize, length as usize);
        let data = vec![vec![0.0; length]; channels];
        let buffer = AudioBuffer::new_inherited(channels, length, sample_rate, data);
        Ok(reflect_dom_object_with_proto(cx, Box::new(buffer), window, proto))
    }

    /// A buffer holding `data` (decoded or rendered audio; at least one channel).
    pub fn from_data(cx: &mut JSContext, window: &Window, data: BufferData) -> DomRoot<AudioBuffer> {
        let length = data.len();
        let channels = data.channels.len();
        let buffer = AudioBuffer::new_inherited(channels, length, data.sample_rate, data.channels);
        reflect_dom_object(cx, Box::new(buffer), window)
    }

    /// A buffer of `length` frames at `sample_rate` holding `channels` (possibly none: the
    /// input buffer of a `ScriptProcessorNode` without input channels).
    pub fn from_channels(
        cx: &mut JSContext,
        window: &Window,
        sample_rate: f32,
        length: usize,
        channels: Vec<Vec<f32>>,
    ) -> DomRoot<AudioBuffer> {
        let buffer = AudioBuffer::new_inherited(channels.len(), length, sample_rate, channels);
        reflect_dom_object(cx, Box::new(buffer), window)
    }

    /// Every channel's samples as they are now (zeros for a detached array).
    pub fn samples(&self) -> Vec<Vec<f32>> {
        (0..self.channel_count).map(|c| self.read_channel(c)).collect()
    }

    /// <https://webaudio.github.io/web-audio-api/#acquire-the-content>: the samples as they
    /// are now, for the render thread.
    pub fn acquire_content(&self) -> Option<Arc<BufferData>> {
        let arrays = self.arrays.borrow();
        if arrays.is_empty() {
            let internal = self.internal.borrow();
            return Some(Arc::new(BufferData { sample_rate: self.sample_rate, channels: internal.clone() }));
        }
        // 1. "If any of the AudioBuffer's ArrayBuffers have been detached, return false" (the
        //    node then plays silence).
        // FIXME: steps 2–4 detach the arrays and attach copies; Aperture copies the samples
        // instead (as Chromium and Firefox do), so the arrays stay the objects the page holds.
        let mut channels = Vec::with_capacity(arrays.len());
        for array in arrays.iter() {
            let copied = with_array(array.get(), self.length, |data| data.map(|d| d.to_vec()));
            channels.push(copied?);
        }
        Some(Arc::new(BufferData { sample_rate: self.sample_rate, channels }))
    }

    /// Channel `channel`'s samples (zeros when its array was detached).
    fn read_channel(&self, channel: usize) -> Vec<f32> {
        let arrays = self.arrays.borrow();
        match arrays.get(channel) {
            Some(array) => with_array(array.get(), self.length, |d| d.map(|d| d.to_vec()))
                .unwrap_or_else(|| vec![0.0; self.length]),
            None => self.internal.borrow()[channel].clone(),
        }
    }

    /// Writes `samples` into channel `channel` from frame `offset` (within the buffer).
    fn write_channel(&self, channel: usize, offset: usize, samples: &[f32]) {
        let arrays = self.arrays.borrow();
        let write = |d: &mut [f32]| {
            let n = samples.len().min(d.len().saturating_sub(offset));
            d[offset..offset + n].copy_from_slice(&samples[..n]);
        };
        match arrays.get(channel) {
            Some(array) => with_array(array.get(), self.length, |d| {
                if let Some(d) = d {
                    write(d)
                }
            }),
            None => write(&mut self.internal.borrow_mut()[channel]),
        }
    }

    fn check_channel(&self, channel: u32) -> ErrorResult {
        if channel as usize >= self.channel_count {
            return Err(Error::IndexSize(format!(
                "The channel number provided ({channel}) is outside the range [0, {}].",
                self.channel_count.saturating_sub(1)
            )));
        }
        Ok(())
    }
}

impl AudioBufferMethods for AudioBuffer {
    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-audiobuffer>
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        options: &AudioBufferOptions,
    ) -> Fallible<DomRoot<AudioBuffer>> {
        // 1. "If any of the values in options lie outside its nominal range, throw a
        //    NotSupportedError exception and abort the following steps."
        // 2. "Let b be a new AudioBuffer object."
        // 3. "Respectively assign the values of the attributes numberOfChannels, length,
        //    sampleRate of the AudioBufferOptions passed in the constructor to the internal
        //    slots [[number of channels]], [[length]], [[sample rate]]."
        // 4. "Set the internal slot [[internal data]] of this AudioBuffer to the result of
        //    calling CreateByteDataBlock([[length]] * [[number of channels]])" (zeros).
        AudioBuffer::new_checked(cx, global, options.number_of_channels, options.length, *options.sample_rate, proto)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-samplerate>
    fn SampleRate(&self, _cx: &mut JSContext) -> Finite<f32> {
        Finite::<f32>::wrap(self.sample_rate)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-length>
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.length as u32
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-duration>
    fn Duration(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.length as f64 / self.sample_rate as f64)
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-numberofchannels>
    fn NumberOfChannels(&self, _cx: &mut JSContext) -> u32 {
        self.channel_count as u32
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-getchanneldata>
    fn GetChannelData(&self, cx: &mut JSContext, channel: u32, mut rval: MutableHandleValue) -> ErrorResult {
        // "If channel is greater than or equal to the AudioBuffer's number of channels, an
        // IndexSizeError MUST be thrown."
        self.check_channel(channel)?;
        // "Returns a Float32Array representing the PCM audio data for the specific channel"
        // (the same array at each call).
        // Each array goes into `self.arrays` (traced with this object) as soon as it exists: the
        // next channel's allocation may collect or move the ones made before it, which a local
        // vector would not follow (found with GC zeal 14).
        if self.arrays.borrow().is_empty() {
            let internal = std::mem::take(&mut *self.internal.borrow_mut());
            for samples in &internal {
                rooted!(&in(cx) let mut value = UndefinedValue());
                new_float32_array(cx, samples, value.handle_mut());
                let heap = Box::new(Heap::default());
                heap.set(value.get().to_object());
                self.arrays.borrow_mut().push(heap);
            }
        }
        let object = self.arrays.borrow()[channel as usize].get();
        rval.set(ObjectValue(object));
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-copyfromchannel>
    fn CopyFromChannel(
        &self,
        _cx: &mut JSContext,
        destination: HandleObject,
        channel_number: u32,
        buffer_offset: u32,
    ) -> ErrorResult {
        // "If channelNumber is greater or equal than the number of channels of the AudioBuffer,
        // an IndexSizeError MUST be thrown."
        self.check_channel(channel_number)?;
        // "Let buffer be the AudioBuffer with Nb frames, let Nf be the number of elements in
        // the destination array, and k be the value of bufferOffset. Then the number of frames
        // copied from buffer to destination is max(0, min(Nb - k, Nf)). If this is less than
        // Nf, then the remaining elements of destination are not modified."
        let samples = self.read_channel(channel_number as usize);
        let k = (buffer_offset as usize).min(samples.len());
        crate::dom::webaudio::write_floats(destination, &samples[k..]);
        Ok(())
    }

    /// <https://webaudio.github.io/web-audio-api/#dom-audiobuffer-copytochannel>
    fn CopyToChannel(
        &self,
        _cx: &mut JSContext,
        source: HandleObject,
        channel_number: u32,
        buffer_offset: u32,
    ) -> ErrorResult {
        // "If channelNumber is greater or equal than the number of channels of the AudioBuffer,
        // an IndexSizeError MUST be thrown."
        self.check_channel(channel_number)?;
        // "Let buffer be the AudioBuffer with Nb frames, let Nf be the number of elements in
        // the source array, and k be the value of bufferOffset. Then the number of frames
        // copied from source to the buffer is max(0, min(Nb - k, Nf)). If this is less than
        // Nf, then the remaining elements of buffer are not modified."
        let k = buffer_offset as usize;
        if k >= self.length {
            return Ok(());
        }
        let samples = crate::dom::webaudio::read_floats(source);
        self.write_channel(channel_number as usize, k, &samples);
        Ok(())
    }
}
