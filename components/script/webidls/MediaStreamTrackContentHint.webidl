// https://w3c.github.io/mst-content-hint/#extensions-to-mediastreamtrack

partial interface MediaStreamTrack {
  attribute DOMString contentHint;
};
