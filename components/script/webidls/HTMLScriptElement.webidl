// https://html.spec.whatwg.org/multipage/scripting.html#htmlscriptelement

[Exposed=Window]
interface HTMLScriptElement : HTMLElement {
  attribute USVString src;
  attribute DOMString type;
  attribute boolean async;
  attribute boolean defer;
  attribute DOMString text;

  // onload and onerror come from GlobalEventHandlers (on HTMLElement).
};
