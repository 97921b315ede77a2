// Fedilens: registered by the background, for this browser session, on the hosts whose NodeInfo
// said they are not fediverse. It runs before the gate (document_start; the gate waits for
// document_idle), which then takes no `/@name` URL there for a sign: a look-alike page (YouTube's,
// Medium's) costs no message after the host's first. Markup signals are still looked for.
globalThis.fedilensLookAlikeHost = true;
