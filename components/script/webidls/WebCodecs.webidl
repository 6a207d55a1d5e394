// https://w3c.github.io/webcodecs/#videoframe-interface and #videocolorspace-interface,
// #videoencoder-interface and #encodedvideochunk-interface
// and #videodecoder-interface
// The raw-frame interfaces of WebCodecs and the video encoder and decoder; the audio interfaces
// (AudioData, AudioEncoder/AudioDecoder, EncodedAudioChunk) and ImageDecoder are absent.
// Differences from the spec's IDL, and why:
// - copyTo()'s destination is `object` (checked in Rust to be an ArrayBuffer or a view, else a
//   TypeError): the bindings pass BufferSource arguments as copies, and copyTo() writes into
//   the page's buffer. No SharedArrayBuffer exists here.
// - VideoFrameBufferInit has no `transfer` member (the bytes are always copied, which the
//   spec allows; transferring to detach the page's buffers is not implemented).
// - `metadata()` returns the empty dictionary: no metadata member of the registry is produced.
// - AllowSharedBufferSource is taken as BufferSource (no SharedArrayBuffer here);
//   EncodedVideoChunk.copyTo()'s destination is `object` for the same reason as
//   VideoFrame.copyTo()'s.
// - EncodedVideoChunkInit has no `transfer` (the data is always copied, as for
//   VideoFrameBufferInit).
// - EncodedVideoChunkMetadata has no `svc` or `alphaSideData`: encoders are configured for
//   one temporal layer ("L1T1") and without alpha (other configurations are not supported).
// - VideoEncoderConfig carries the codec registry's `avc` extension only; VideoEncoderEncodeOptions
//   none (per-frame quantizers need the "quantizer" bitrate mode, which is not supported).

// Serializable and Transferable: structured clone handles it by hand (structuredclone.rs).
[Exposed=(Window,DedicatedWorker)]
interface VideoFrame {
  [Throws] constructor(CanvasImageSource image, optional VideoFrameInit init = {});
  [Throws] constructor((ArrayBufferView or ArrayBuffer) data, VideoFrameBufferInit init);

  readonly attribute VideoPixelFormat? format;
  readonly attribute unsigned long codedWidth;
  readonly attribute unsigned long codedHeight;
  readonly attribute DOMRectReadOnly? codedRect;
  readonly attribute DOMRectReadOnly? visibleRect;
  readonly attribute double rotation;
  readonly attribute boolean flip;
  readonly attribute unsigned long displayWidth;
  readonly attribute unsigned long displayHeight;
  readonly attribute unsigned long long? duration;
  readonly attribute long long timestamp;
  readonly attribute VideoColorSpace colorSpace;

  [Throws] VideoFrameMetadata metadata();

  [Throws] unsigned long allocationSize(optional VideoFrameCopyToOptions options = {});
  Promise<sequence<PlaneLayout>> copyTo(object destination, optional VideoFrameCopyToOptions options = {});
  [Throws] VideoFrame clone();
  undefined close();
};

dictionary VideoFrameInit {
  unsigned long long duration;
  long long timestamp;
  AlphaOption alpha = "keep";
  DOMRectInit visibleRect;
  double rotation = 0;
  boolean flip = false;
  [EnforceRange] unsigned long displayWidth;
  [EnforceRange] unsigned long displayHeight;
  VideoFrameMetadata metadata;
};

dictionary VideoFrameBufferInit {
  required VideoPixelFormat format;
  [EnforceRange] required unsigned long codedWidth;
  [EnforceRange] required unsigned long codedHeight;
  [EnforceRange] required long long timestamp;
  [EnforceRange] unsigned long long duration;
  sequence<PlaneLayout> layout;
  DOMRectInit visibleRect;
  double rotation = 0;
  boolean flip = false;
  [EnforceRange] unsigned long displayWidth;
  [EnforceRange] unsigned long displayHeight;
  VideoColorSpaceInit colorSpace;
  VideoFrameMetadata metadata;
};

dictionary VideoFrameMetadata {
};

dictionary VideoFrameCopyToOptions {
  DOMRectInit rect;
  sequence<PlaneLayout> layout;
  VideoPixelFormat format;
  PredefinedColorSpace colorSpace;
};

dictionary PlaneLayout {
  [EnforceRange] required unsigned long offset;
  [EnforceRange] required unsigned long stride;
};

enum AlphaOption { "keep", "discard" };

enum VideoPixelFormat {
  "I420", "I420P10", "I420P12",
  "I420A", "I420AP10", "I420AP12",
  "I422", "I422P10", "I422P12",
  "I422A", "I422AP10", "I422AP12",
  "I444", "I444P10", "I444P12",
  "I444A", "I444AP10", "I444AP12",
  "NV12",
  "RGBA", "RGBX", "BGRA", "BGRX"
};

[Exposed=(Window,DedicatedWorker)]
interface VideoColorSpace {
  constructor(optional VideoColorSpaceInit init = {});
  readonly attribute VideoColorPrimaries? primaries;
  readonly attribute VideoTransferCharacteristics? transfer;
  readonly attribute VideoMatrixCoefficients? matrix;
  readonly attribute boolean? fullRange;
  [Default] VideoColorSpaceInit toJSON();
};

dictionary VideoColorSpaceInit {
  VideoColorPrimaries? primaries = null;
  VideoTransferCharacteristics? transfer = null;
  VideoMatrixCoefficients? matrix = null;
  boolean? fullRange = null;
};

enum VideoColorPrimaries { "bt709", "bt470bg", "smpte170m", "bt2020", "smpte432" };
enum VideoTransferCharacteristics { "bt709", "smpte170m", "iec61966-2-1", "linear", "pq", "hlg" };
enum VideoMatrixCoefficients { "rgb", "bt709", "bt470bg", "smpte170m", "bt2020-ncl" };

[Exposed=(Window,DedicatedWorker), SecureContext]
interface VideoEncoder : EventTarget {
  [Throws] constructor(VideoEncoderInit init);

  readonly attribute CodecState state;
  readonly attribute unsigned long encodeQueueSize;
  attribute EventHandler ondequeue;

  [Throws] undefined configure(VideoEncoderConfig config);
  [Throws] undefined encode(VideoFrame frame, optional VideoEncoderEncodeOptions options = {});
  Promise<undefined> flush();
  [Throws] undefined reset();
  [Throws] undefined close();

  static Promise<VideoEncoderSupport> isConfigSupported(VideoEncoderConfig config);
};

dictionary VideoEncoderInit {
  required EncodedVideoChunkOutputCallback output;
  required WebCodecsErrorCallback error;
};

callback EncodedVideoChunkOutputCallback =
    undefined (EncodedVideoChunk chunk,
               optional EncodedVideoChunkMetadata metadata = {});

callback WebCodecsErrorCallback = undefined(DOMException error);

dictionary EncodedVideoChunkMetadata {
  VideoDecoderConfig decoderConfig;
};

dictionary VideoDecoderConfig {
  required DOMString codec;
  BufferSource description;
  [EnforceRange] unsigned long codedWidth;
  [EnforceRange] unsigned long codedHeight;
  [EnforceRange] unsigned long displayAspectWidth;
  [EnforceRange] unsigned long displayAspectHeight;
  VideoColorSpaceInit colorSpace;
  HardwareAcceleration hardwareAcceleration = "no-preference";
  boolean optimizeForLatency;
  double rotation = 0;
  boolean flip = false;
};

dictionary VideoEncoderConfig {
  required DOMString codec;
  [EnforceRange] required unsigned long width;
  [EnforceRange] required unsigned long height;
  [EnforceRange] unsigned long displayWidth;
  [EnforceRange] unsigned long displayHeight;
  [EnforceRange] unsigned long long bitrate;
  double framerate;
  HardwareAcceleration hardwareAcceleration = "no-preference";
  AlphaOption alpha = "discard";
  DOMString scalabilityMode;
  VideoEncoderBitrateMode bitrateMode = "variable";
  LatencyMode latencyMode = "quality";
  DOMString contentHint;
  AvcEncoderConfig avc;
};

dictionary AvcEncoderConfig {
  AvcBitstreamFormat format = "avc";
};

enum AvcBitstreamFormat { "annexb", "avc" };

dictionary VideoEncoderSupport {
  boolean supported;
  VideoEncoderConfig config;
};

dictionary VideoEncoderEncodeOptions {
  boolean keyFrame = false;
};

[Exposed=(Window,DedicatedWorker), SecureContext]
interface VideoDecoder : EventTarget {
  [Throws] constructor(VideoDecoderInit init);

  readonly attribute CodecState state;
  readonly attribute unsigned long decodeQueueSize;
  attribute EventHandler ondequeue;

  [Throws] undefined configure(VideoDecoderConfig config);
  [Throws] undefined decode(EncodedVideoChunk chunk);
  Promise<undefined> flush();
  [Throws] undefined reset();
  [Throws] undefined close();

  static Promise<VideoDecoderSupport> isConfigSupported(VideoDecoderConfig config);
};

dictionary VideoDecoderInit {
  required VideoFrameOutputCallback output;
  required WebCodecsErrorCallback error;
};

callback VideoFrameOutputCallback = undefined(VideoFrame output);

dictionary VideoDecoderSupport {
  boolean supported;
  VideoDecoderConfig config;
};

enum HardwareAcceleration { "no-preference", "prefer-hardware", "prefer-software" };
enum LatencyMode { "quality", "realtime" };
enum VideoEncoderBitrateMode { "constant", "variable", "quantizer" };
enum CodecState { "unconfigured", "configured", "closed" };

// Serializable: structured clone handles it by hand (structuredclone.rs).
[Exposed=(Window,DedicatedWorker)]
interface EncodedVideoChunk {
  [Throws] constructor(EncodedVideoChunkInit init);
  readonly attribute EncodedVideoChunkType type;
  readonly attribute long long timestamp;             // microseconds
  readonly attribute unsigned long long? duration;    // microseconds
  readonly attribute unsigned long byteLength;

  [Throws] undefined copyTo(object destination);
};

dictionary EncodedVideoChunkInit {
  required EncodedVideoChunkType type;
  [EnforceRange] required long long timestamp;        // microseconds
  [EnforceRange] unsigned long long duration;         // microseconds
  required BufferSource data;
};

enum EncodedVideoChunkType { "key", "delta" };
