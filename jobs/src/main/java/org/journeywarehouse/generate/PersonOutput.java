package org.journeywarehouse.generate;

import java.util.SplittableRandom;

/**
 * Where one person's records go: the landing delivery, driven by the person's own delivery
 * generator (so dirt never changes what is simulated), and the person's ground-truth trace.
 */
final class PersonOutput {
  private final LandingDelivery delivery;
  private final SplittableRandom deliveryRandom;
  private final PersonTrace trace;

  PersonOutput(LandingDelivery delivery, SplittableRandom deliveryRandom, PersonTrace trace) {
    this.delivery = delivery;
    this.deliveryRandom = deliveryRandom;
    this.trace = trace;
  }

  LandingDelivery.Outcome deliver(LandingSource source, JsonRecord record, long deliveredAt) {
    return delivery.deliver(source, record, deliveredAt, deliveryRandom);
  }

  /** A newer version in the same day file as the clean line before it. */
  LandingDelivery.Outcome deliverRevision(
      LandingSource source, JsonRecord record, long deliveredAt) {
    return delivery.deliverRevision(source, record, deliveredAt, deliveryRandom);
  }

  PersonTrace trace() {
    return trace;
  }
}
