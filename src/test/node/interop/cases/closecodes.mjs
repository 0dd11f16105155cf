// A client that keeps sending after the server decided to close it must still see the protocol's
// close code and reason (protocol §1.9), not 1006 from a reset that swallowed the close frame.
import { assertEqual, frames, uniqueName } from "../lib.mjs";

const REPS = 6;
const FLOOD = 2_000;

/** Sends {@code bad}, then {@code FLOOD} more frames at once, and returns the close event. */
async function closeAfterFlood(s, { authenticated, bad, flood }) {
  const raw = s.raw();
  await raw.opened;
  const address = uniqueName("flood");
  if (authenticated) await raw.authenticate(address, s.token());
  raw.send(bad(address));
  for (let i = 0; i < FLOOD && raw.isOpen; i++) raw.send(flood(address, i));
  const closed = await raw.waitClose("the socket to close after a bad frame and a flood", 15_000);
  raw.close();
  return closed;
}

const undecodable = () => new Uint8Array([0x05, 0x61, 0x62]); // address length past the end
const payload = "x".repeat(512);
const stateless = (address, i) => frames.stateless(address, `${i}${payload}`);

export const closeCodeCases = {
  "close-code-survives-a-flood-after-the-error": {
    timeoutMs: 120_000,
    async run(s) {
      const seen = {};
      const expect = async (what, options, code, reason) => {
        for (let rep = 0; rep < REPS; rep++) {
          const closed = await closeAfterFlood(s, options);
          assertEqual([closed.code, closed.reason], [code, reason], `close after ${what} (repetition ${rep})`);
          seen[what] = (seen[what] ?? 0) + 1;
        }
      };
      await expect("an undecodable frame before auth, then a flood",
        { authenticated: false, bad: undecodable, flood: stateless }, 4401, "Unauthorized");
      await expect("an undecodable frame after auth, then a flood",
        { authenticated: true, bad: undecodable, flood: stateless }, 4401, "Unauthorized");
      // 1,001 frames before auth pass the pre-auth frame limit: the flood itself is the error.
      await expect("more pre-auth frames than the limit",
        { authenticated: false, bad: (a) => stateless(a, -1), flood: stateless }, 4205, "Reset Connection");
      return seen;
    },
  },
};
