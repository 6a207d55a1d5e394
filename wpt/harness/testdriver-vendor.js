// Aperture's testdriver-vendor.js. wpt-runner serves this file at
// /resources/testdriver-vendor.js in place of WPT's (empty) one; tests load it after
// /resources/testdriver.js. It routes testdriver commands to the engine's test hooks
// (`apertureTest`, see wpt/README.md). Commands without a hook keep testdriver.js's
// defaults, which reject.

/* global apertureTest */
(function () {
  "use strict";

  var internal = window.test_driver_internal;
  if (!internal) {
    return;
  }
  var hooks = typeof apertureTest !== "undefined" ? apertureTest : null;

  // Nobody is there to click: commands that would otherwise wait for a human reject.
  internal.in_automation = true;

  // The form mediacapture-streams/permission-helper.js tolerates as "not supported".
  var NOT_IMPLEMENTED = "set_permission not implemented";

  function setPermission(descriptor, state) {
    try {
      return Promise.resolve(hooks.setPermission(descriptor, state)).then(function () {
        return undefined;
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // Trusted user input (Aperture's userinput.rs): testdriver computed the in-view center point
  // of the element; the engine hit-tests it and fires pointerdown … click with user activation.
  // bless() is testdriver's own click on a button it inserts.
  if (hooks && typeof hooks.click === "function") {
    internal.click = function (element, coords) {
      return hooks.click(coords.x, coords.y);
    };
  }
  if (hooks && typeof hooks.sendKeys === "function") {
    internal.send_keys = function (element, keys) {
      return hooks.sendKeys(element, keys);
    };
  }

  if (hooks && typeof hooks.setPermission === "function") {
    internal.set_permission = function (params, context) {
      if (context !== undefined && context !== null && context !== window) {
        return Promise.reject(NOT_IMPLEMENTED + " for another browsing context");
      }
      return setPermission(params.descriptor, params.state);
    };
    if (internal.bidi && internal.bidi.permissions) {
      internal.bidi.permissions.set_permission = function (params) {
        if (params.origin !== undefined && params.origin !== location.origin) {
          return Promise.reject(NOT_IMPLEMENTED + " for another origin");
        }
        return setPermission(params.descriptor, params.state);
      };
    }
  } else {
    internal.set_permission = function () {
      return Promise.reject(NOT_IMPLEMENTED);
    };
  }
})();
