// https://w3c.github.io/webvtt/#the-vttcue-interface

enum AutoKeyword { "auto" };
typedef (double or AutoKeyword) LineAndPositionSetting;
enum DirectionSetting { "" /* horizontal */, "rl", "lr" };
enum LineAlignSetting { "start", "center", "end" };
enum PositionAlignSetting { "line-left", "center", "line-right", "auto" };
enum AlignSetting { "start", "center", "end", "left", "right" };

[Exposed=Window]
interface VTTCue : TextTrackCue {
  constructor(double startTime, unrestricted double endTime, DOMString text);
  attribute VTTRegion? region;
  attribute DirectionSetting vertical;
  attribute boolean snapToLines;
  attribute LineAndPositionSetting line;
  attribute LineAlignSetting lineAlign;
  [SetterThrows] attribute LineAndPositionSetting position;
  attribute PositionAlignSetting positionAlign;
  [SetterThrows] attribute double size;
  attribute AlignSetting align;
  attribute DOMString text;
  DocumentFragment getCueAsHTML();
};

// https://w3c.github.io/webvtt/#the-vttregion-interface
enum ScrollSetting { "" /* none */, "up" };

[Exposed=Window]
interface VTTRegion {
  constructor();
  attribute DOMString id;
  [SetterThrows] attribute double width;
  attribute unsigned long lines;
  [SetterThrows] attribute double regionAnchorX;
  [SetterThrows] attribute double regionAnchorY;
  [SetterThrows] attribute double viewportAnchorX;
  [SetterThrows] attribute double viewportAnchorY;
  attribute ScrollSetting scroll;
};
