// https://w3c.github.io/performance-timeline/ and https://w3c.github.io/user-timing/
// The entry types Aperture records are "mark" and "measure" (User Timing); it has no
// navigation, resource, paint or event timing.

typedef sequence<PerformanceEntry> PerformanceEntryList;

partial interface Performance {
  PerformanceEntryList getEntries();
  PerformanceEntryList getEntriesByType(DOMString type);
  PerformanceEntryList getEntriesByName(DOMString name, optional DOMString type);
};

[Exposed=(Window,Worker)]
interface PerformanceEntry {
  readonly attribute DOMString name;
  readonly attribute DOMString entryType;
  readonly attribute DOMHighResTimeStamp startTime;
  readonly attribute DOMHighResTimeStamp duration;
  object toJSON();
};

callback PerformanceObserverCallback = undefined (PerformanceObserverEntryList entries,
                                                  PerformanceObserver observer,
                                                  optional PerformanceObserverCallbackOptions options = {});

[Exposed=(Window,Worker)]
interface PerformanceObserver {
  constructor(PerformanceObserverCallback callback);
  [Throws] undefined observe(optional PerformanceObserverInit options = {});
  undefined disconnect();
  PerformanceEntryList takeRecords();
  static readonly attribute any supportedEntryTypes;
};

dictionary PerformanceObserverInit {
  sequence<DOMString> entryTypes;
  DOMString type;
  boolean buffered;
};

dictionary PerformanceObserverCallbackOptions {
  unsigned long long droppedEntriesCount;
};

[Exposed=(Window,Worker)]
interface PerformanceObserverEntryList {
  PerformanceEntryList getEntries();
  PerformanceEntryList getEntriesByType(DOMString type);
  PerformanceEntryList getEntriesByName(DOMString name, optional DOMString type);
};

// FIXME: the spec's PerformanceMarkOptions and PerformanceMeasureOptions also have an
// `any detail` member, which the generator cannot store in a dictionary. The arguments are
// therefore `any`: usertiming.rs reads `detail` first (its place in the dictionaries' member
// order), converts the rest with these dictionaries, and does the
// (DOMString or PerformanceMeasureOptions) union conversion itself.
dictionary PerformanceMarkOptions {
  DOMHighResTimeStamp startTime;
};

dictionary PerformanceMeasureOptions {
  (DOMString or DOMHighResTimeStamp) start;
  DOMHighResTimeStamp duration;
  (DOMString or DOMHighResTimeStamp) end;
};

partial interface Performance {
  [Throws] PerformanceMark mark(DOMString markName, optional any markOptions);
  undefined clearMarks(optional DOMString markName);
  [Throws] PerformanceMeasure measure(DOMString measureName, optional any startOrMeasureOptions, optional DOMString endMark);
  undefined clearMeasures(optional DOMString measureName);
};

[Exposed=(Window,Worker)]
interface PerformanceMark : PerformanceEntry {
  [Throws] constructor(DOMString markName, optional any markOptions);
  readonly attribute any detail;
};

[Exposed=(Window,Worker)]
interface PerformanceMeasure : PerformanceEntry {
  readonly attribute any detail;
};
