// Test-only hooks for user input (see ApertureTest.webidl): WPT's testdriver click, bless and
// send_keys, and the project's page tests. The input is delivered from a task, as a user's would
// be, and the promise settles once its events were dispatched.

partial interface ApertureTestHooks {
  // A primary-button click at (x, y) of the viewport.
  Promise<undefined> click(double x, double y);
  // WebDriver's Element Send Keys: focuses `element` (the caret goes to the end of a text
  // control) and types `keys` into it.
  Promise<undefined> sendKeys(Element element, DOMString keys);
};
