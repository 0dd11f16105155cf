package dev.yjakarta.it.persistence;

import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.LoadContext;
import dev.yjakarta.server.hooks.SkipFurtherHooks;
import dev.yjakarta.server.hooks.StoreContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * An application's hooks around persistence, deployed inside the WAR by {@link StoreHooksIT}:
 * stores of documents named {@code veto-*} are vetoed (the built-in store never runs); every other
 * store is first copied to a file (the application's own storage); documents named
 * {@code seeded-*} get initial content on load. Files go to the directory named by the WAR
 * resource {@code /store-hooks.dir}: {@code <name>.stored} (the last state stored) and
 * {@code <name>.vetoed} (a store was vetoed).
 */
@ApplicationScoped
public class StoreHooksProbe implements CollabHook {
  /** Y.Text "text" = "seeded by onLoadDocument;" (clientID 4242), encoded by the real yjs. */
  static final byte[] SEED = HexFormat.of().parseHex(
      "01019221000401047465787419736565646564206279206f6e4c6f6164446f63756d656e743b00");

  private final Path dir = directory();

  @Override
  public void onLoadDocument(LoadContext ctx) {
    if (ctx.documentName().startsWith("seeded-") && ctx.document().encodeState().length <= 2) {
      ctx.document().applyUpdate(SEED); // only when nothing was stored
    }
  }

  @Override
  public void onStoreDocument(StoreContext ctx) throws Exception {
    if (ctx.documentName().startsWith("veto-")) {
      write(ctx.documentName() + ".vetoed", new byte[0]);
      throw new SkipFurtherHooks("documents named veto-* are not stored");
    }
    write(ctx.documentName() + ".stored", ctx.state());
  }

  private void write(String file, byte[] bytes) throws IOException {
    Path target = dir.resolve(URLEncoder.encode(file, StandardCharsets.UTF_8));
    Path tmp = Files.createTempFile(dir, "store", ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path directory() {
    try (InputStream in = StoreHooksProbe.class.getResourceAsStream("/store-hooks.dir")) {
      if (in == null) {
        throw new IllegalStateException("the WAR resource /store-hooks.dir is missing");
      }
      return Files.createDirectories(Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
