// A worker that talks through the MessagePorts it is given (tests/pages/worker-ports.html).
"use strict";
let kept = null;
onmessage = event => {
  const {op} = event.data;
  const port = event.ports[0];
  if (op === "double") {
    // Doubles every number that comes in on the port, and says how many ports came.
    port.onmessage = e => port.postMessage({value: e.data * 2, ports: event.ports.length});
  } else if (op === "collect") {
    // Answers with every message that waited for the port, once "end" arrives.
    const seen = [];
    port.onmessage = e => {
      if (e.data === "end") port.postMessage(seen);
      else seen.push(e.data);
    };
  } else if (op === "channel") {
    // Makes a channel here and hands one end to the owner.
    const channel = new MessageChannel();
    channel.port1.onmessage = e => channel.port1.postMessage("worker heard " + e.data);
    postMessage("here is a port", [channel.port2]);
  } else if (op === "relay") {
    // Sends what the owner says to the port given (another worker's).
    kept = port;
    postMessage("ready");
  } else if (op === "say") {
    kept.postMessage(event.data.text);
  } else if (op === "listen") {
    // Reports what arrives on the port (from another worker) to the owner.
    port.onmessage = e => postMessage("heard: " + e.data);
    postMessage("listening");
  } else if (op === "watch-close") {
    port.onclose = () => postMessage("closed");
    port.start();
    postMessage("watching");
  } else if (op === "bitmap") {
    port.onmessage = e => {
      const bitmap = e.data;
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext("2d");
      ctx.drawImage(bitmap, 0, 0);
      port.postMessage(Array.from(ctx.getImageData(1, 1, 1, 1).data).join(","));
    };
  } else if (op === "return") {
    // Gives the port straight back.
    postMessage("back", [port]);
  }
};
