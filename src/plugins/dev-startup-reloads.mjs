// `astro dev`: drops the page reloads sent while the server starts, before it has served anything.
//
// Why: Vite keeps a `full-reload` sent while no browser is connected and hands it to the first page
// that connects. While starting, Astro's content layer writes its data store (on a fresh clone, or
// after the Astro config changed, e.g. another `--port`) and asks for a reload (astro 7.3: the store's
// write notification calls invalidateDataStore; see withastro/astro#17283 for the same trap in an
// earlier path), and a file it writes can make its SSR HMR ask for one too. The first page a reader
// opened then reloaded at once, by itself, dropping whatever they had started (such as picking a photo).
// A reload sent before any request cannot concern a page: every page is rendered after it. Reloads
// sent once a request has come (edits, new dependencies) go through as before.

/** @returns {import('vite').Plugin} */
export function dropStartupReloads() {
  return {
    name: 'drop-startup-reloads',
    apply: 'serve',
    configureServer(server) {
      let served = false;
      server.middlewares.use((_req, _res, next) => {
        served = true;
        next();
      });
      // The client environment's channel is the WebSocket server itself (Vite 8); wrap each once.
      for (const channel of new Set([server.ws, server.environments['client']?.hot])) {
        if (!channel) continue;
        const send = channel.send.bind(channel);
        channel.send = /** @type {typeof channel.send} */ (
          (/** @type {any[]} */ ...args) => {
            const payload = args[0];
            if (!served && typeof payload === 'object' && payload?.type === 'full-reload') return;
            return /** @type {(...a: any[]) => void} */ (send)(...args);
          }
        );
      }
    },
  };
}
