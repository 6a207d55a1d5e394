// https://w3c.github.io/mediacapture-main/#mediadevices

partial interface Navigator {
  [SameObject, SecureContext] readonly attribute MediaDevices mediaDevices;
};

// https://w3c.github.io/mediacapture-main/#navigatorusermedia-interface-extensions: the legacy
// callback form, and Chromium's `webkitGetUserMedia` (a second function doing the same).
partial interface Navigator {
  [SecureContext, Throws] undefined getUserMedia(MediaStreamConstraints constraints,
                                                 NavigatorUserMediaSuccessCallback successCallback,
                                                 NavigatorUserMediaErrorCallback errorCallback);
  [SecureContext, Throws] undefined webkitGetUserMedia(MediaStreamConstraints constraints,
                                               NavigatorUserMediaSuccessCallback successCallback,
                                               NavigatorUserMediaErrorCallback errorCallback);
};

callback NavigatorUserMediaSuccessCallback = undefined (MediaStream stream);
callback NavigatorUserMediaErrorCallback = undefined (DOMException error);

// `devicechange` fires when the embedder reports that its cameras changed
// (`Engine::devices_changed`); GStreamer devices plugged in or out are not watched.
[Exposed=Window, SecureContext]
interface MediaDevices : EventTarget {
  attribute EventHandler ondevicechange;
  Promise<sequence<MediaDeviceInfo>> enumerateDevices();
  MediaTrackSupportedConstraints getSupportedConstraints();
  Promise<MediaStream> getUserMedia(optional MediaStreamConstraints constraints = {});
};

// https://w3c.github.io/mediacapture-main/#devicechangeevent
// (devices and userInsertedDevices are [SameObject] in the spec: the generator does not
// support it on arrays, so each read gives a new frozen array of the same objects.)
[Exposed=Window, SecureContext]
interface DeviceChangeEvent : Event {
  constructor(DOMString type, optional DeviceChangeEventInit eventInitDict = {});
  readonly attribute FrozenArray<MediaDeviceInfo> devices;
  readonly attribute FrozenArray<MediaDeviceInfo> userInsertedDevices;
};

dictionary DeviceChangeEventInit : EventInit {
  sequence<MediaDeviceInfo> devices = [];
};

// https://w3c.github.io/mediacapture-main/#device-info
[Exposed=Window, SecureContext]
interface MediaDeviceInfo {
  readonly attribute DOMString deviceId;
  readonly attribute MediaDeviceKind kind;
  readonly attribute DOMString label;
  readonly attribute DOMString groupId;
  [Default] object toJSON();
};

// https://w3c.github.io/mediacapture-main/#input-specific-device-info
[Exposed=Window, SecureContext]
interface InputDeviceInfo : MediaDeviceInfo {
  MediaTrackCapabilities getCapabilities();
};

enum MediaDeviceKind {
  "audioinput",
  "audiooutput",
  "videoinput"
};

// https://w3c.github.io/mediacapture-main/#mediastreamconstraints
dictionary MediaStreamConstraints {
  (boolean or MediaTrackConstraints) video = false;
  (boolean or MediaTrackConstraints) audio = false;
};

// https://w3c.github.io/mediacapture-screen-share/#dom-mediadevices-getdisplaymedia
// Aperture's hosts have no display surfaces to capture: after its argument checks the method
// rejects with NotFoundError ("no sources of a given type are available").
partial interface MediaDevices {
  Promise<MediaStream> getDisplayMedia(optional DisplayMediaStreamOptions options = {});
};

dictionary DisplayMediaStreamOptions {
  (boolean or MediaTrackConstraints) video = true;
  (boolean or MediaTrackConstraints) audio = false;
};
