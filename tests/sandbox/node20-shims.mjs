// Node 20 has no global `navigator` (Node 21 added it); Fedify's key import reads
// `navigator.userAgent`. Imported first, before Fedify.
globalThis.navigator ??= { userAgent: `Node.js/${process.versions.node}` };
