// https://w3c.github.io/permissions/#navigator-and-workernavigator-extension

partial interface Navigator {
  [SameObject] readonly attribute Permissions permissions;
};

// https://w3c.github.io/permissions/#permissions-interface
[Exposed=Window]
interface Permissions {
  Promise<PermissionStatus> query(object permissionDesc);
};

dictionary PermissionDescriptor {
  required DOMString name;
};

// https://w3c.github.io/permissions/#permissionstatus-interface
[Exposed=Window]
interface PermissionStatus : EventTarget {
  readonly attribute PermissionState state;
  readonly attribute DOMString name;
  attribute EventHandler onchange;
};

enum PermissionState { "granted", "denied", "prompt" };

// https://w3c.github.io/mediacapture-main/#permissions-integration
dictionary CameraDevicePermissionDescriptor : PermissionDescriptor {
  boolean panTiltZoom = false;
};
