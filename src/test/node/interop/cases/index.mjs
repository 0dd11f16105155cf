// Every interop case by name. Each is independent (own documents, own sockets) and order-free.
import { syncCases } from "./sync.mjs";
import { presenceCases } from "./presence.mjs";
import { authCases } from "./auth.mjs";
import { lifecycleCases } from "./lifecycle.mjs";
import { malformedCases } from "./malformed.mjs";
import { keepaliveCases } from "./keepalive.mjs";
import { closeCodeCases } from "./closecodes.mjs";

export const cases = {
  ...syncCases,
  ...presenceCases,
  ...authCases,
  ...lifecycleCases,
  ...malformedCases,
  ...keepaliveCases,
  ...closeCodeCases,
};
