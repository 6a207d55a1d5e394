// https://webaudio.github.io/web-audio-api/
// The subset Aperture implements: members it does not implement are left out (not stubbed):
// AudioWorklet, setValueCurveAtTime, cancelAndHoldAtTime, getOutputTimestamp, sinkId, OfflineAudioContext's suspend()/resume(),
// the media element source and AudioWorkletNode. PannerNode's "HRTF" panningModel pans by equal
// power (no head-related impulse responses ship with Aperture).
// FIXME: decodeAudioData() takes `object` instead of ArrayBuffer because the bindings
// generator copies ArrayBuffer arguments and the method must detach the caller's buffer; the
// implementation rejects a non-ArrayBuffer with the TypeError the conversion would give.

enum AudioContextState {
  "suspended",
  "running",
  "closed"
};

// https://webaudio.github.io/web-audio-api/#BaseAudioContext
[Exposed=Window]
interface BaseAudioContext : EventTarget {
  readonly attribute AudioDestinationNode destination;
  readonly attribute float sampleRate;
  readonly attribute double currentTime;
  readonly attribute AudioContextState state;
  attribute EventHandler onstatechange;
  [Throws] AnalyserNode createAnalyser();
  [Throws] BiquadFilterNode createBiquadFilter();
  [Throws] StereoPannerNode createStereoPanner();
  readonly attribute AudioListener listener;
  [Throws] PannerNode createPanner();
  [Throws] ConvolverNode createConvolver();
  [Throws] DelayNode createDelay(optional double maxDelayTime = 1.0);
  [Throws] DynamicsCompressorNode createDynamicsCompressor();
  [Throws] IIRFilterNode createIIRFilter(sequence<double> feedforward, sequence<double> feedback);
  [Throws] ScriptProcessorNode createScriptProcessor(optional unsigned long bufferSize = 0,
                                                    optional unsigned long numberOfInputChannels = 2,
                                                    optional unsigned long numberOfOutputChannels = 2);
  [Throws] WaveShaperNode createWaveShaper();
  [Throws] ChannelMergerNode createChannelMerger(optional unsigned long numberOfInputs = 6);
  [Throws] ChannelSplitterNode createChannelSplitter(optional unsigned long numberOfOutputs = 6);
  [Throws] GainNode createGain();
  [Throws] OscillatorNode createOscillator();
  [Throws] ConstantSourceNode createConstantSource();
  [Throws] AudioBuffer createBuffer(unsigned long numberOfChannels, unsigned long length, float sampleRate);
  [Throws] AudioBufferSourceNode createBufferSource();
  [Throws] PeriodicWave createPeriodicWave(sequence<float> real, sequence<float> imag,
                                          optional PeriodicWaveConstraints constraints = {});
  Promise<AudioBuffer> decodeAudioData(object audioData,
                                       optional DecodeSuccessCallback? successCallback,
                                       optional DecodeErrorCallback? errorCallback);
};

callback DecodeErrorCallback = undefined (DOMException error);
callback DecodeSuccessCallback = undefined (AudioBuffer decodedData);

enum AudioContextLatencyCategory {
  "balanced",
  "interactive",
  "playback"
};

// https://webaudio.github.io/web-audio-api/#AudioContext
[Exposed=Window]
interface AudioContext : BaseAudioContext {
  [Throws] constructor(optional AudioContextOptions contextOptions = {});
  readonly attribute double baseLatency;
  readonly attribute double outputLatency;
  Promise<undefined> resume();
  Promise<undefined> suspend();
  Promise<undefined> close();
  [Throws] MediaStreamAudioSourceNode createMediaStreamSource(MediaStream mediaStream);
  [Throws] MediaStreamAudioDestinationNode createMediaStreamDestination();
};

dictionary AudioContextOptions {
  (AudioContextLatencyCategory or double) latencyHint = "interactive";
  float sampleRate;
};

enum ChannelCountMode {
  "max",
  "clamped-max",
  "explicit"
};

enum ChannelInterpretation {
  "speakers",
  "discrete"
};

dictionary AudioNodeOptions {
  [EnforceRange] unsigned long channelCount;
  ChannelCountMode channelCountMode;
  ChannelInterpretation channelInterpretation;
};

// https://webaudio.github.io/web-audio-api/#AudioNode
[Exposed=Window]
interface AudioNode : EventTarget {
  [Throws] AudioNode connect(AudioNode destinationNode, optional unsigned long output = 0, optional unsigned long input = 0);
  [Throws] undefined connect(AudioParam destinationParam, optional unsigned long output = 0);
  undefined disconnect();
  [Throws] undefined disconnect(unsigned long output);
  [Throws] undefined disconnect(AudioNode destinationNode);
  [Throws] undefined disconnect(AudioNode destinationNode, unsigned long output);
  [Throws] undefined disconnect(AudioNode destinationNode, unsigned long output, unsigned long input);
  [Throws] undefined disconnect(AudioParam destinationParam);
  [Throws] undefined disconnect(AudioParam destinationParam, unsigned long output);
  readonly attribute BaseAudioContext context;
  readonly attribute unsigned long numberOfInputs;
  readonly attribute unsigned long numberOfOutputs;
  [SetterThrows] attribute unsigned long channelCount;
  [SetterThrows] attribute ChannelCountMode channelCountMode;
  [SetterThrows] attribute ChannelInterpretation channelInterpretation;
};

enum AutomationRate {
  "a-rate",
  "k-rate"
};

// https://webaudio.github.io/web-audio-api/#AudioParam
[Exposed=Window]
interface AudioParam {
  attribute float value;
  [SetterThrows] attribute AutomationRate automationRate;
  readonly attribute float defaultValue;
  readonly attribute float minValue;
  readonly attribute float maxValue;
  [Throws] AudioParam setValueAtTime(float value, double startTime);
  [Throws] AudioParam linearRampToValueAtTime(float value, double endTime);
  [Throws] AudioParam exponentialRampToValueAtTime(float value, double endTime);
  [Throws] AudioParam setTargetAtTime(float target, double startTime, float timeConstant);
  [Throws] AudioParam cancelScheduledValues(double cancelTime);
};

// https://webaudio.github.io/web-audio-api/#AudioScheduledSourceNode
[Exposed=Window]
interface AudioScheduledSourceNode : AudioNode {
  attribute EventHandler onended;
  [Throws] undefined start(optional double when = 0);
  [Throws] undefined stop(optional double when = 0);
};

// https://webaudio.github.io/web-audio-api/#AudioDestinationNode
[Exposed=Window]
interface AudioDestinationNode : AudioNode {
  readonly attribute unsigned long maxChannelCount;
};

enum OscillatorType {
  "sine",
  "square",
  "sawtooth",
  "triangle",
  "custom"
};

dictionary OscillatorOptions : AudioNodeOptions {
  OscillatorType type = "sine";
  float frequency = 440;
  float detune = 0;
  PeriodicWave periodicWave;
};

// https://webaudio.github.io/web-audio-api/#OscillatorNode
[Exposed=Window]
interface OscillatorNode : AudioScheduledSourceNode {
  [Throws] constructor(BaseAudioContext context, optional OscillatorOptions options = {});
  [SetterThrows] attribute OscillatorType type;
  readonly attribute AudioParam frequency;
  readonly attribute AudioParam detune;
  undefined setPeriodicWave(PeriodicWave periodicWave);
};

dictionary PeriodicWaveConstraints {
  boolean disableNormalization = false;
};

dictionary PeriodicWaveOptions : PeriodicWaveConstraints {
  sequence<float> real;
  sequence<float> imag;
};

// https://webaudio.github.io/web-audio-api/#PeriodicWave
[Exposed=Window]
interface PeriodicWave {
  [Throws] constructor(BaseAudioContext context, optional PeriodicWaveOptions options = {});
};

// https://webaudio.github.io/web-audio-api/#BiquadFilterNode
enum BiquadFilterType {
  "lowpass",
  "highpass",
  "bandpass",
  "lowshelf",
  "highshelf",
  "peaking",
  "notch",
  "allpass"
};

dictionary BiquadFilterOptions : AudioNodeOptions {
  BiquadFilterType type = "lowpass";
  float Q = 1;
  float detune = 0;
  float frequency = 350;
  float gain = 0;
};

[Exposed=Window]
interface BiquadFilterNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional BiquadFilterOptions options = {});
  attribute BiquadFilterType type;
  readonly attribute AudioParam frequency;
  readonly attribute AudioParam detune;
  readonly attribute AudioParam Q;
  readonly attribute AudioParam gain;
  [Throws] undefined getFrequencyResponse(Float32Array frequencyHz, Float32Array magResponse, Float32Array phaseResponse);
};

// https://webaudio.github.io/web-audio-api/#ChannelMergerNode
dictionary ChannelMergerOptions : AudioNodeOptions {
  unsigned long numberOfInputs = 6;
};

[Exposed=Window]
interface ChannelMergerNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional ChannelMergerOptions options = {});
};

// https://webaudio.github.io/web-audio-api/#ChannelSplitterNode
dictionary ChannelSplitterOptions : AudioNodeOptions {
  unsigned long numberOfOutputs = 6;
};

[Exposed=Window]
interface ChannelSplitterNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional ChannelSplitterOptions options = {});
};

// https://webaudio.github.io/web-audio-api/#DelayNode
dictionary DelayOptions : AudioNodeOptions {
  double maxDelayTime = 1;
  double delayTime = 0;
};

[Exposed=Window]
interface DelayNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional DelayOptions options = {});
  readonly attribute AudioParam delayTime;
};

// https://webaudio.github.io/web-audio-api/#StereoPannerNode
dictionary StereoPannerOptions : AudioNodeOptions {
  float pan = 0;
};

[Exposed=Window]
interface StereoPannerNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional StereoPannerOptions options = {});
  readonly attribute AudioParam pan;
};

// https://webaudio.github.io/web-audio-api/#AudioListener
[Exposed=Window]
interface AudioListener {
  readonly attribute AudioParam positionX;
  readonly attribute AudioParam positionY;
  readonly attribute AudioParam positionZ;
  readonly attribute AudioParam forwardX;
  readonly attribute AudioParam forwardY;
  readonly attribute AudioParam forwardZ;
  readonly attribute AudioParam upX;
  readonly attribute AudioParam upY;
  readonly attribute AudioParam upZ;
  undefined setPosition(float x, float y, float z);
  undefined setOrientation(float x, float y, float z, float xUp, float yUp, float zUp);
};

enum PanningModelType {
  "equalpower",
  "HRTF"
};

enum DistanceModelType {
  "linear",
  "inverse",
  "exponential"
};

dictionary PannerOptions : AudioNodeOptions {
  PanningModelType panningModel = "equalpower";
  DistanceModelType distanceModel = "inverse";
  float positionX = 0;
  float positionY = 0;
  float positionZ = 0;
  float orientationX = 1;
  float orientationY = 0;
  float orientationZ = 0;
  double refDistance = 1;
  double maxDistance = 10000;
  double rolloffFactor = 1;
  double coneInnerAngle = 360;
  double coneOuterAngle = 360;
  double coneOuterGain = 0;
};

// https://webaudio.github.io/web-audio-api/#PannerNode
[Exposed=Window]
interface PannerNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional PannerOptions options = {});
  attribute PanningModelType panningModel;
  readonly attribute AudioParam positionX;
  readonly attribute AudioParam positionY;
  readonly attribute AudioParam positionZ;
  readonly attribute AudioParam orientationX;
  readonly attribute AudioParam orientationY;
  readonly attribute AudioParam orientationZ;
  attribute DistanceModelType distanceModel;
  [SetterThrows] attribute double refDistance;
  [SetterThrows] attribute double maxDistance;
  [SetterThrows] attribute double rolloffFactor;
  attribute double coneInnerAngle;
  attribute double coneOuterAngle;
  [SetterThrows] attribute double coneOuterGain;
  undefined setPosition(float x, float y, float z);
  undefined setOrientation(float x, float y, float z);
};

// https://webaudio.github.io/web-audio-api/#ScriptProcessorNode (deprecated, still used)
[Exposed=Window]
interface ScriptProcessorNode : AudioNode {
  attribute EventHandler onaudioprocess;
  readonly attribute long bufferSize;
};

// https://webaudio.github.io/web-audio-api/#AudioProcessingEvent
[Exposed=Window]
interface AudioProcessingEvent : Event {
  constructor(DOMString type, AudioProcessingEventInit eventInitDict);
  readonly attribute double playbackTime;
  readonly attribute AudioBuffer inputBuffer;
  readonly attribute AudioBuffer outputBuffer;
};

dictionary AudioProcessingEventInit : EventInit {
  required double playbackTime;
  required AudioBuffer inputBuffer;
  required AudioBuffer outputBuffer;
};

// https://webaudio.github.io/web-audio-api/#WaveShaperNode
enum OverSampleType {
  "none",
  "2x",
  "4x"
};

dictionary WaveShaperOptions : AudioNodeOptions {
  sequence<float> curve;
  OverSampleType oversample = "none";
};

[Exposed=Window]
interface WaveShaperNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional WaveShaperOptions options = {});
  [SetterThrows] attribute Float32Array? curve;
  attribute OverSampleType oversample;
};

// https://webaudio.github.io/web-audio-api/#DynamicsCompressorNode
dictionary DynamicsCompressorOptions : AudioNodeOptions {
  float attack = 0.003;
  float knee = 30;
  float ratio = 12;
  float release = 0.25;
  float threshold = -24;
};

[Exposed=Window]
interface DynamicsCompressorNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional DynamicsCompressorOptions options = {});
  readonly attribute AudioParam threshold;
  readonly attribute AudioParam knee;
  readonly attribute AudioParam ratio;
  readonly attribute float reduction;
  readonly attribute AudioParam attack;
  readonly attribute AudioParam release;
};

// https://webaudio.github.io/web-audio-api/#ConvolverNode
dictionary ConvolverOptions : AudioNodeOptions {
  AudioBuffer? buffer;
  boolean disableNormalization = false;
};

[Exposed=Window]
interface ConvolverNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional ConvolverOptions options = {});
  [SetterThrows] attribute AudioBuffer? buffer;
  attribute boolean normalize;
};

// https://webaudio.github.io/web-audio-api/#IIRFilterNode
dictionary IIRFilterOptions : AudioNodeOptions {
  required sequence<double> feedforward;
  required sequence<double> feedback;
};

[Exposed=Window]
interface IIRFilterNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, IIRFilterOptions options);
  [Throws] undefined getFrequencyResponse(Float32Array frequencyHz, Float32Array magResponse, Float32Array phaseResponse);
};

dictionary GainOptions : AudioNodeOptions {
  float gain = 1.0;
};

// https://webaudio.github.io/web-audio-api/#GainNode
[Exposed=Window]
interface GainNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional GainOptions options = {});
  readonly attribute AudioParam gain;
};

dictionary ConstantSourceOptions {
  float offset = 1;
};

// https://webaudio.github.io/web-audio-api/#ConstantSourceNode
[Exposed=Window]
interface ConstantSourceNode : AudioScheduledSourceNode {
  [Throws] constructor(BaseAudioContext context, optional ConstantSourceOptions options = {});
  readonly attribute AudioParam offset;
};

// https://webaudio.github.io/web-audio-api/#MediaStreamAudioDestinationNode
[Exposed=Window]
interface MediaStreamAudioDestinationNode : AudioNode {
  [Throws] constructor(AudioContext context, optional AudioNodeOptions options = {});
  readonly attribute MediaStream stream;
};

dictionary OfflineAudioContextOptions {
  unsigned long numberOfChannels = 1;
  required unsigned long length;
  required float sampleRate;
};

// https://webaudio.github.io/web-audio-api/#OfflineAudioContext
[Exposed=Window]
interface OfflineAudioContext : BaseAudioContext {
  [Throws] constructor(OfflineAudioContextOptions contextOptions);
  [Throws] constructor(unsigned long numberOfChannels, unsigned long length, float sampleRate);
  Promise<AudioBuffer> startRendering();
  readonly attribute unsigned long length;
  attribute EventHandler oncomplete;
};

dictionary OfflineAudioCompletionEventInit : EventInit {
  required AudioBuffer renderedBuffer;
};

// https://webaudio.github.io/web-audio-api/#OfflineAudioCompletionEvent
[Exposed=Window]
interface OfflineAudioCompletionEvent : Event {
  constructor(DOMString type, OfflineAudioCompletionEventInit eventInitDict);
  readonly attribute AudioBuffer renderedBuffer;
};

dictionary AudioBufferOptions {
  unsigned long numberOfChannels = 1;
  required unsigned long length;
  required float sampleRate;
};

// https://webaudio.github.io/web-audio-api/#AudioBuffer
[Exposed=Window]
interface AudioBuffer {
  [Throws] constructor(AudioBufferOptions options);
  readonly attribute float sampleRate;
  readonly attribute unsigned long length;
  readonly attribute double duration;
  readonly attribute unsigned long numberOfChannels;
  [Throws] Float32Array getChannelData(unsigned long channel);
  [Throws] undefined copyFromChannel(Float32Array destination, unsigned long channelNumber,
                                     optional unsigned long bufferOffset = 0);
  [Throws] undefined copyToChannel(Float32Array source, unsigned long channelNumber,
                                   optional unsigned long bufferOffset = 0);
};

dictionary AudioBufferSourceOptions {
  AudioBuffer? buffer;
  float detune = 0;
  boolean loop = false;
  double loopEnd = 0;
  double loopStart = 0;
  float playbackRate = 1;
};

// https://webaudio.github.io/web-audio-api/#AudioBufferSourceNode
[Exposed=Window]
interface AudioBufferSourceNode : AudioScheduledSourceNode {
  [Throws] constructor(BaseAudioContext context, optional AudioBufferSourceOptions options = {});
  [SetterThrows] attribute AudioBuffer? buffer;
  readonly attribute AudioParam playbackRate;
  readonly attribute AudioParam detune;
  attribute boolean loop;
  attribute double loopStart;
  attribute double loopEnd;
  [Throws] undefined start(optional double when = 0, optional double offset, optional double duration);
};

// https://webaudio.github.io/web-audio-api/#AnalyserOptions
dictionary AnalyserOptions : AudioNodeOptions {
  unsigned long fftSize = 2048;
  double maxDecibels = -30;
  double minDecibels = -100;
  double smoothingTimeConstant = 0.8;
};

// https://webaudio.github.io/web-audio-api/#AnalyserNode
[Exposed=Window]
interface AnalyserNode : AudioNode {
  [Throws] constructor(BaseAudioContext context, optional AnalyserOptions options = {});
  undefined getFloatFrequencyData(Float32Array array);
  undefined getByteFrequencyData(Uint8Array array);
  undefined getFloatTimeDomainData(Float32Array array);
  undefined getByteTimeDomainData(Uint8Array array);
  [SetterThrows] attribute unsigned long fftSize;
  readonly attribute unsigned long frequencyBinCount;
  [SetterThrows] attribute double minDecibels;
  [SetterThrows] attribute double maxDecibels;
  [SetterThrows] attribute double smoothingTimeConstant;
};

// https://webaudio.github.io/web-audio-api/#MediaStreamAudioSourceOptions
dictionary MediaStreamAudioSourceOptions {
  required MediaStream mediaStream;
};

// https://webaudio.github.io/web-audio-api/#MediaStreamAudioSourceNode
[Exposed=Window]
interface MediaStreamAudioSourceNode : AudioNode {
  [Throws] constructor(AudioContext context, MediaStreamAudioSourceOptions options);
  [SameObject] readonly attribute MediaStream mediaStream;
};
