// https://w3c.github.io/mathml-core/#dom-and-javascript
// Every element in the MathML namespace (no MathML layout in Aperture).

[Exposed=Window]
interface MathMLElement : Element { };
MathMLElement includes GlobalEventHandlers;
MathMLElement includes HTMLOrSVGElement;
MathMLElement includes ElementCSSInlineStyle;
