"use strict";
throw new TypeError("top-level failure");
