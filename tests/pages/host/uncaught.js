// Line 3 throws.
function f() {
  null.property;
}
f();
