// Imported from several modules: the module map evaluates it once.
self.counterEvaluations = (self.counterEvaluations || 0) + 1;
export let count = 0;
export function increment() { count += 1; }
export default "counter default";
