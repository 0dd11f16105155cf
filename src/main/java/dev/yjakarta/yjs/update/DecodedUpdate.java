package dev.yjakarta.yjs.update;

import java.util.List;

/**
 * A fully decoded and validated update.
 *
 * @param groups client groups in the order of the encoding
 * @param deleteSet the delete set as read (not sorted or merged)
 */
public record DecodedUpdate(List<ClientStructs> groups, DeleteSet deleteSet) {
  /**
   * Whether the groups are in yjs's canonical order: clients strictly descending, none twice. The
   * update algorithms assume this, as yjs's do.
   */
  public boolean canonical() {
    for (int i = 1; i < groups.size(); i++) {
      if (groups.get(i - 1).client() <= groups.get(i).client()) {
        return false;
      }
    }
    return true;
  }

  /** Number of structs. */
  public int structCount() {
    int n = 0;
    for (ClientStructs g : groups) {
      n += g.structs().size();
    }
    return n;
  }
}
