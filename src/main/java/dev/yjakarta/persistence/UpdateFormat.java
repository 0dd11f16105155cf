package dev.yjakarta.persistence;

import dev.yjakarta.server.DocumentStoreException;
import dev.yjakarta.yjs.Updates;

/**
 * The encoding of a stored state. We always write V1 (what Hocuspocus' database extension stores);
 * V2 rows, written by other tools or imported, stay readable.
 */
enum UpdateFormat {
  V1(1),
  V2(2);

  private final int code;

  UpdateFormat(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static UpdateFormat ofCode(int code, String documentName) {
    for (UpdateFormat f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    throw new DocumentStoreException(
        "document '" + documentName + "' is stored in unknown format " + code + " (expected 1 or 2)");
  }

  /** {@code state} in this format, as a V1 update. */
  byte[] toV1(byte[] state) {
    return this == V1 ? state : Updates.v2ToV1(state);
  }
}
