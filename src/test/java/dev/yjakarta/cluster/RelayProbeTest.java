package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.server.ServerMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay probe's decisions, on a manual clock with a fake relay. */
class RelayProbeTest {
  private static final long MS = 1_000_000L;
  private final byte[] prefix = RelayEnvelope.prefixFor("me");
  private long now = 5_000 * MS;
  private boolean connected = true;
  private int reconnects;
  private int pings;
  private long lastHeard = now;
  private final List<byte[]> published = new ArrayList<>();
  private final List<Long> lags = new ArrayList<>();
  private int timeoutsCounted;

  private final RelayProbe probe = new RelayProbe(new RelayProbe.Relay() {
    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public void publishToSelf(byte[] payload) {
      published.add(payload);
    }

    @Override
    public void pingSubscriber() {
      pings++;
    }

    @Override
    public long lastHeardNanos() {
      return lastHeard;
    }

    @Override
    public void forceReconnect() {
      reconnects++;
    }
  }, prefix, 1000, 3000, new ServerMetrics() {
    @Override
    public void relayLag(long nanos) {
      lags.add(nanos);
    }

    @Override
    public void relayProbeTimedOut() {
      timeoutsCounted++;
    }
  }, () -> now);

  @Test
  void sendsOneProbePerIntervalAndMeasuresItsRoundTrip() {
    probe.tick();
    assertEquals(1, published.size());
    now += 7 * MS;
    assertTrue(probe.received(published.get(0)));
    assertEquals(List.of(7 * MS), lags);
    now += 500 * MS;
    probe.tick();
    assertEquals(1, published.size(), "not before the interval has passed");
    now += 500 * MS;
    probe.tick();
    assertEquals(2, published.size());
    assertEquals(0, reconnects);
  }

  @Test
  void pingsTheSubscriberWhileAProbeIsLateAndReconnectsOnlyWhenNothingIsHeard() {
    probe.tick();
    now += 749 * MS;
    probe.tick();
    assertEquals(0, pings);
    now += 1 * MS;
    probe.tick();
    assertEquals(1, pings, "a quarter of the timeout late: the subscriber connection is pinged");
    now += 2_249 * MS;
    probe.tick();
    assertEquals(1, published.size(), "no second probe while one is out");
    assertEquals(0, reconnects);
    now += 1 * MS;
    probe.tick();
    assertEquals(1, reconnects, "overdue and nothing heard for the whole timeout");
    assertEquals(1, timeoutsCounted);
    assertEquals(1, probe.timeouts());
    // a late probe still tells the lag, and does not count twice
    assertTrue(probe.received(published.get(0)));
    assertEquals(List.of(3_000 * MS), lags);
    probe.tick();
    assertEquals(2, published.size(), "probing goes on after the reconnect");
    assertEquals(1, reconnects);
  }

  @Test
  void aSlowPublisherWithALiveSubscriberCausesNoReconnect() {
    probe.tick();
    now += 2_000 * MS;
    lastHeard = now; // the pong came back
    now += 1_000 * MS;
    probe.tick();
    assertEquals(0, reconnects);
    assertEquals(2, published.size(), "the late probe is given up and a new one goes out");
    now += 5 * MS;
    assertTrue(probe.received(published.get(0)), "the late one still counts when it arrives");
    assertEquals(List.of(3_005 * MS), lags);
  }

  @Test
  void waitsWhileTheSubscriptionIsDown() {
    probe.tick();
    connected = false;
    now += 10_000 * MS;
    probe.tick();
    assertEquals(1, published.size());
    assertEquals(0, reconnects, "the loop is already reconnecting");
    connected = true;
    lastHeard = now;
    probe.tick();
    assertEquals(2, published.size(), "a fresh probe once the subscription is back");
    now += 2_000 * MS;
    probe.tick();
    assertEquals(0, reconnects);
  }

  @Test
  void recognisesOnlyItsOwnProbes() {
    probe.tick();
    byte[] fromPeer = RelayEnvelope.encode("peer", StatelessMessages.stateless("", "yjakarta-probe 1 1"));
    byte[] ownOther = RelayEnvelope.encode(prefix, StatelessMessages.stateless("doc", "yjakarta-probe 1 1"));
    byte[] ownText = RelayEnvelope.encode(prefix, StatelessMessages.stateless("", "hello"));
    assertFalse(probe.received(fromPeer));
    assertFalse(probe.received(ownOther));
    assertFalse(probe.received(ownText));
    assertFalse(probe.received(new byte[0]));
    assertEquals(List.of(), lags);
    assertTrue(probe.received(published.get(0)));
  }

  @Test
  void theProbeIsAnEnvelopeWithAStatelessFrameForTheEmptyName() {
    probe.tick();
    RelayEnvelope e = RelayEnvelope.decode(published.get(0));
    assertEquals("me", e.identifier());
    RelayFrame f = RelayFrame.parse(e.frame());
    assertEquals("", f.documentName());
  }
}
