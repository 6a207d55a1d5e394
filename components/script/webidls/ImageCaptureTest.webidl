// Test-only: the `ImageCaptureTest` global that web-platform-tests'
// mediacapture-image/resources/imagecapture-helpers.js looks for before it
// falls back to Chromium's Mojo mock (wpt resources/chromium/mock-imagecapture.js).
// Exposed only with --wpt or --pref dom_testing_enabled=true
// (docs/imagecapture-test.md).
//
// While a mock is initialized, its state() object stands in for the photo
// state of every video source (camera and canvas tracks); the settings the
// engine pushes to the "device" show up in options(). The dictionaries below
// are Chromium's media.mojom.PhotoState / PhotoSettings / Range, with Mojo's
// integer enums: MeteringMode 0 none, 1 manual, 2 single-shot, 3 continuous;
// RedEyeReduction 0 never, 1 always, 2 controllable; FillLightMode 0 off,
// 1 auto, 2 flash.

[Exposed=Window, Pref=dom_testing_enabled]
interface ImageCaptureTest {
  constructor();
  // Installs a fresh mock (Chromium's default state). Rejects with
  // InvalidStateError while one is installed.
  Promise<undefined> initialize();
  // Removes the mock; sources report their own photo state again. Rejects
  // with InvalidStateError when none is installed.
  Promise<undefined> reset();
  // The installed mock, or null.
  MockImageCapture? mockImageCapture();
};

[Exposed=Window, Pref=dom_testing_enabled]
interface MockImageCapture {
  // The live, mutable photo state (a MockPhotoState-shaped plain object; the
  // same object until reset()). Read before every request that consults the
  // photo state; applied settings are written back into it.
  object state();
  // The last settings pushed to the device (a MockPhotoSettings-shaped plain
  // object), or null before the first push.
  object? options();
};

// A Mojo enum value (checked against its enum by the engine).
typedef [EnforceRange] octet MojoEnum;

// media.mojom.Range. min == max means the control is absent.
dictionary MockRange {
  double min = 0;
  double max = 0;
  double current = 0;
  double step = 0;
};

// media.mojom.PhotoState (without Chromium's background blur, face framing
// and eye gaze members, which no WPT file reads).
dictionary MockPhotoState {
  sequence<MojoEnum> supportedWhiteBalanceModes = [];
  [EnforceRange] octet currentWhiteBalanceMode = 0;
  sequence<MojoEnum> supportedExposureModes = [];
  [EnforceRange] octet currentExposureMode = 0;
  sequence<MojoEnum> supportedFocusModes = [];
  [EnforceRange] octet currentFocusMode = 0;
  sequence<Point2D> pointsOfInterest = [];
  MockRange exposureCompensation = {};
  MockRange exposureTime = {};
  MockRange colorTemperature = {};
  MockRange iso = {};
  MockRange brightness = {};
  MockRange contrast = {};
  MockRange saturation = {};
  MockRange sharpness = {};
  MockRange focusDistance = {};
  MockRange pan = {};
  MockRange tilt = {};
  MockRange zoom = {};
  boolean supportsTorch = false;
  boolean torch = false;
  [EnforceRange] octet redEyeReduction = 0;
  MockRange height = {};
  MockRange width = {};
  sequence<MojoEnum> fillLightMode = [];
};

// media.mojom.PhotoSettings: each value with its has… flag.
dictionary MockPhotoSettings {
  boolean hasWhiteBalanceMode = false;
  octet whiteBalanceMode = 0;
  boolean hasExposureMode = false;
  octet exposureMode = 0;
  boolean hasFocusMode = false;
  octet focusMode = 0;
  sequence<Point2D> pointsOfInterest = [];
  boolean hasExposureCompensation = false;
  double exposureCompensation = 0;
  boolean hasExposureTime = false;
  double exposureTime = 0;
  boolean hasColorTemperature = false;
  double colorTemperature = 0;
  boolean hasIso = false;
  double iso = 0;
  boolean hasBrightness = false;
  double brightness = 0;
  boolean hasContrast = false;
  double contrast = 0;
  boolean hasSaturation = false;
  double saturation = 0;
  boolean hasSharpness = false;
  double sharpness = 0;
  boolean hasFocusDistance = false;
  double focusDistance = 0;
  boolean hasPan = false;
  double pan = 0;
  boolean hasTilt = false;
  double tilt = 0;
  boolean hasZoom = false;
  double zoom = 0;
  boolean hasTorch = false;
  boolean torch = false;
  boolean hasFillLightMode = false;
  octet fillLightMode = 0;
  boolean hasWidth = false;
  double width = 0;
  boolean hasHeight = false;
  double height = 0;
  boolean hasRedEyeReduction = false;
  boolean redEyeReduction = false;
};
