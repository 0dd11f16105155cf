// Where the page connects and which document it edits, read from (and written back to) the URL,
// so that a link can be shared: ?doc=name (or #name), and ?ws=ws://host/path to use another server.

const DEFAULT_DOCUMENT = 'welcome';

/** The document named by ?doc=..., else by #..., else the default. */
export function documentNameFromUrl(url = new URL(window.location.href)) {
  const fromQuery = url.searchParams.get('doc');
  if (fromQuery && fromQuery.trim()) return fromQuery.trim();
  const fromHash = decodeURIComponent(url.hash.replace(/^#/, ''));
  if (fromHash.trim()) return fromHash.trim();
  return DEFAULT_DOCUMENT;
}

/**
 * The WebSocket endpoint: ?ws=... when given, else "collab" next to the page on the same host
 * (ws: for an http: page, wss: for https:), which is /collab when the WAR's context root is "/".
 */
export function websocketUrl(url = new URL(window.location.href)) {
  const override = url.searchParams.get('ws');
  if (override) return override;
  const endpoint = new URL('collab', url);
  endpoint.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  endpoint.search = '';
  endpoint.hash = '';
  return endpoint.toString();
}

/** The page's URL for {@code name}, keeping the other query parameters (such as ws). */
export function urlForDocument(name, url = new URL(window.location.href)) {
  const next = new URL(url);
  const params = new URLSearchParams([['doc', name]]);
  url.searchParams.forEach((value, key) => {
    if (key !== 'doc') params.append(key, value);
  });
  next.search = params.toString();
  next.hash = '';
  return next.toString();
}
