package dev.yjakarta.yjs.update;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The content of an {@link Item}, one record per content ref. Lengths are clock units (UTF-16 code
 * units for strings). JSON payloads of V1 (ContentJSON, embeds, format values) are kept as the JSON
 * text they were read as, so that re-encoding writes them back unchanged.
 */
public sealed interface Content {
  /** The content ref (low 5 bits of the info byte). */
  int ref();

  /** Clock units covered. */
  long length();

  /** Whether the units are visible positions in a list (yjs's {@code isCountable}). */
  boolean countable();

  /** Writes the content from {@code offset} on. */
  void write(UpdateEncoder encoder, long offset);

  /** The part from {@code offset} on (yjs's {@code splice}, keeping the right half). */
  default Content spliceRight(long offset) {
    throw new IllegalStateException("content ref " + ref() + " cannot be split");
  }

  /** ContentDeleted (ref 1): deleted units whose content was dropped. */
  record Deleted(long length) implements Content {
    @Override
    public int ref() {
      return 1;
    }

    @Override
    public boolean countable() {
      return false;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeLen(length - offset);
    }

    @Override
    public Content spliceRight(long offset) {
      return new Deleted(length - offset);
    }
  }

  /** ContentJSON (ref 2, legacy): JSON texts, the literal {@code undefined} allowed. */
  record Json(List<String> values) implements Content {
    @Override
    public int ref() {
      return 2;
    }

    @Override
    public long length() {
      return values.size();
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeLen(values.size() - offset);
      for (int i = (int) offset; i < values.size(); i++) {
        encoder.writeString(values.get(i));
      }
    }

    @Override
    public Content spliceRight(long offset) {
      return new Json(Collections.unmodifiableList(new ArrayList<>(values.subList((int) offset, values.size()))));
    }
  }

  /** ContentBinary (ref 3): one Uint8Array. */
  record Binary(byte[] bytes) implements Content {
    @Override
    public int ref() {
      return 3;
    }

    @Override
    public long length() {
      return 1;
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeBuf(bytes);
    }
  }

  /** ContentString (ref 4): text, one clock unit per UTF-16 code unit. */
  record Str(String value) implements Content {
    @Override
    public int ref() {
      return 4;
    }

    @Override
    public long length() {
      return value.length();
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeString(offset == 0 ? value : value.substring((int) offset));
    }

    /**
     * Splitting inside a surrogate pair replaces the right half's first unit by U+FFFD, as yjs
     * does (yjs issue 248), so the result stays valid UTF-16 and keeps its length.
     */
    @Override
    public Content spliceRight(long offset) {
      String right = value.substring((int) offset);
      if (Character.isHighSurrogate(value.charAt((int) offset - 1))) {
        right = '\uFFFD' + right.substring(1);
      }
      return new Str(right);
    }
  }

  /** ContentEmbed (ref 5): one embedded JSON value. */
  record Embed(String json) implements Content {
    @Override
    public int ref() {
      return 5;
    }

    @Override
    public long length() {
      return 1;
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeJson(json);
    }
  }

  /** ContentFormat (ref 6): a formatting mark boundary; value {@code null} ends the mark. */
  record Format(String key, String json) implements Content {
    @Override
    public int ref() {
      return 6;
    }

    @Override
    public long length() {
      return 1;
    }

    @Override
    public boolean countable() {
      return false;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeKey(key);
      encoder.writeJson(json);
    }
  }

  /**
   * ContentType (ref 7): a nested shared type. {@code name} is the node name of an XmlElement or
   * the hook name of an XmlHook, else null.
   */
  record Type(int typeRef, String name) implements Content {
    public static final int ARRAY = 0;
    public static final int MAP = 1;
    public static final int TEXT = 2;
    public static final int XML_ELEMENT = 3;
    public static final int XML_FRAGMENT = 4;
    public static final int XML_HOOK = 5;
    public static final int XML_TEXT = 6;

    /** Whether the type ref carries a name. */
    public static boolean hasName(int typeRef) {
      return typeRef == XML_ELEMENT || typeRef == XML_HOOK;
    }

    @Override
    public int ref() {
      return 7;
    }

    @Override
    public long length() {
      return 1;
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeTypeRef(typeRef);
      if (hasName(typeRef)) {
        encoder.writeKey(name);
      }
    }
  }

  /** ContentAny (ref 8): lib0 {@code any} values, see {@link dev.yjakarta.yjs.lib0.Any}. */
  record AnyValues(List<Object> values) implements Content {
    @Override
    public int ref() {
      return 8;
    }

    @Override
    public long length() {
      return values.size();
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeLen(values.size() - offset);
      for (int i = (int) offset; i < values.size(); i++) {
        encoder.writeAny(values.get(i));
      }
    }

    @Override
    public Content spliceRight(long offset) {
      return new AnyValues(
          Collections.unmodifiableList(new ArrayList<>(values.subList((int) offset, values.size()))));
    }
  }

  /**
   * ContentDoc (ref 9): a sub-document reference. {@code opts} is already normalised the way yjs
   * rebuilds it ({@code gc: false}, {@code autoLoad: true} and {@code meta} only when they apply).
   */
  record Doc(String guid, Map<String, Object> opts) implements Content {
    @Override
    public int ref() {
      return 9;
    }

    @Override
    public long length() {
      return 1;
    }

    @Override
    public boolean countable() {
      return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
      encoder.writeString(guid);
      encoder.writeAny(opts);
    }
  }
}
