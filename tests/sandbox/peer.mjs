// The peer: Fedify's own lookupWebFinger + lookupObject resolving a target, to compare Fedilens
// with. Runs inside a process where the sandbox's dispatcher is installed (see sandbox.mjs).
import "./node20-shims.mjs";
import { isActor, lookupObject } from "@fedify/vocab";
import { getDocumentLoader } from "@fedify/vocab-runtime";
import { lookupWebFinger } from "@fedify/webfinger";

const documentLoader = getDocumentLoader({ allowPrivateAddress: true });
const ACTIVITYPUB = /^application\/(activity\+json|ld\+json)/;

function acct(jrd) {
  const names = [jrd?.subject, ...(jrd?.aliases ?? [])].filter((n) => n?.startsWith("acct:"));
  return names[0]?.slice("acct:".length) ?? null;
}

/**
 * Resolves `target` (a handle or URL) the Fedify way. Returns `{ handle, actor, error }`:
 * the actor id Fedify reached, the handle the actor's server gives it, and what stopped it.
 */
export async function fedifyResolve(target) {
  try {
    let actorUrl;
    let handle = null;
    if (/^https?:\/\//.test(target)) {
      let object = await lookupObject(target, { documentLoader, contextLoader: documentLoader });
      if (object && !isActor(object)) object = await object.getAttribution({ documentLoader, contextLoader: documentLoader });
      if (!object) return { handle: null, actor: null, error: "lookupObject found nothing" };
      actorUrl = object.id;
    } else {
      const resource = `acct:${target.replace(/^@/, "")}`;
      const jrd = await lookupWebFinger(resource, { allowPrivateAddress: true });
      if (!jrd) return { handle: null, actor: null, error: "lookupWebFinger found nothing" };
      const self = jrd.links?.find((l) => l.rel === "self" && ACTIVITYPUB.test(l.type ?? ""));
      if (!self?.href) return { handle: null, actor: null, error: "no self link" };
      handle = acct(jrd);
      const actor = await lookupObject(self.href, { documentLoader, contextLoader: documentLoader });
      if (!actor) return { handle, actor: null, error: "lookupObject could not fetch the actor (unsigned)" };
      actorUrl = actor.id;
    }
    // The handle as the actor's own server states it (what Fedify's getActorHandle starts from).
    const own = await lookupWebFinger(actorUrl, { allowPrivateAddress: true });
    return { handle: acct(own) ?? handle, actor: actorUrl.href, error: null };
  } catch (error) {
    return { handle: null, actor: null, error: String(error?.message ?? error) };
  }
}
