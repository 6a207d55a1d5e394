// Answers on a BroadcastChannel (tests/pages/broadcast-channel.html).
"use strict";
const channel = new BroadcastChannel("worker-room");
channel.onmessage = e => channel.postMessage("worker got " + e.data);
postMessage("ready");
