package dev.yjakarta.yjs.update;

/**
 * An item with content (info refs 1 to 9).
 *
 * <p>The parent is known only when neither origin nor right origin is set: then it is either a
 * root type name ({@code parentRoot}) or the id of the item holding the parent type ({@code
 * parentId}), plus an optional map key ({@code parentSub}). As in yjs, a decoded item with an
 * origin has no parent information, while a sliced item keeps its parent fields.
 */
public record Item(
    long client,
    long clock,
    Id origin,
    Id rightOrigin,
    String parentRoot,
    Id parentId,
    String parentSub,
    Content content)
    implements Struct {

  @Override
  public long length() {
    return content.length();
  }

  @Override
  public void write(UpdateEncoder encoder, long offset) {
    Id o = offset > 0 ? new Id(client, clock + offset - 1) : origin;
    int info =
        (content.ref() & 0x1f)
            | (o == null ? 0 : 0x80)
            | (rightOrigin == null ? 0 : 0x40)
            | (parentSub == null ? 0 : 0x20);
    encoder.writeInfo(info);
    if (o != null) {
      encoder.writeLeftId(o);
    }
    if (rightOrigin != null) {
      encoder.writeRightId(rightOrigin);
    }
    if (o == null && rightOrigin == null) {
      if (parentRoot != null) {
        encoder.writeParentInfo(true);
        encoder.writeString(parentRoot);
      } else if (parentId != null) {
        encoder.writeParentInfo(false);
        encoder.writeLeftId(parentId);
      } else {
        throw new IllegalStateException("item " + client + ":" + clock + " has no parent");
      }
      if (parentSub != null) {
        encoder.writeString(parentSub);
      }
    }
    content.write(encoder, offset);
  }

  /**
   * The right part of this item from {@code diff} on (yjs's {@code sliceStruct}): new id, origin
   * the unit just left of the cut, content spliced.
   */
  public Item sliceFrom(long diff) {
    return new Item(
        client,
        clock + diff,
        new Id(client, clock + diff - 1),
        rightOrigin,
        parentRoot,
        parentId,
        parentSub,
        content.spliceRight(diff));
  }
}
