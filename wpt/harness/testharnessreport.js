// Aperture's testharnessreport.js. wpt-runner serves this file at
// /resources/testharnessreport.js in place of WPT's own (see wpt/README.md).
//
// When testharness.js has finished, it hands the results to the engine's test hook
// `apertureTest.reportResult(json)`. Without the hook (a page opened by hand in any
// browser) it prints the same JSON with console.log, after the same marker.
//
// wpt-runner defines `__apertureTimeoutMultiplier` just above this text.

/* global add_completion_callback, setup, apertureTest, __apertureTimeoutMultiplier */
(function () {
  "use strict";

  var MARKER = "@@APERTURE-WPT-RESULT@@";
  var hooks = typeof apertureTest !== "undefined" ? apertureTest : null;

  var properties = {};
  if (hooks) {
    // No results table in the document: rendering it needs much of the DOM, and a failure
    // there would keep our completion callback from running.
    properties.output = false;
  }
  if (typeof __apertureTimeoutMultiplier === "number" &&
      isFinite(__apertureTimeoutMultiplier) &&
      __apertureTimeoutMultiplier > 0 &&
      __apertureTimeoutMultiplier !== 1) {
    properties.timeout_multiplier = __apertureTimeoutMultiplier;
  }
  if (Object.keys(properties).length > 0) {
    setup(properties);
  }

  function text(value) {
    return value === undefined || value === null ? null : String(value);
  }

  var reported = false;
  add_completion_callback(function (tests, harness_status) {
    if (reported) {
      return;
    }
    reported = true;
    var results = [];
    for (var i = 0; i < tests.length; i++) {
      var t = tests[i];
      results.push({
        name: String(t.name),
        status: t.status,
        message: text(t.message),
        stack: text(t.stack)
      });
    }
    var json = JSON.stringify({
      status: harness_status.status,
      message: text(harness_status.message),
      stack: text(harness_status.stack),
      tests: results
    });
    if (hooks && typeof hooks.reportResult === "function") {
      hooks.reportResult(json);
    } else {
      console.log(MARKER + " " + json);
    }
  });
})();
