// The connected account and the kept app hold secrets (the token, the app's secret): they live
// in this background's own IndexedDB, which only the extension's own pages could open. Not in
// `storage.local`, which content scripts can read (and a compromised page's process with them).
// Its keys: "homeConnection" (the connected account, with the handle it was made for) and
// "homeApp" (the app registered on that server, reused by the next connect).
export const vault = {
  db: null,
  open() {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open("fedilens-secrets", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("secrets");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  },
  async run(mode, act) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("secrets", mode);
      const request = act(tx.objectStore("secrets"));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
    });
  },
  /** @param {"homeConnection" | "homeApp"} key */
  get: (key) => vault.run("readonly", (store) => store.get(key)),
  /** @param {"homeConnection" | "homeApp"} key */
  set: (key, value) => vault.run("readwrite", (store) => store.put(value, key)),
  /** @param {"homeConnection" | "homeApp"} key */
  remove: (key) => vault.run("readwrite", (store) => store.delete(key)),
};
