package org.journeywarehouse.bronze;

/** Clickstream events: typed, UTC, deduplicated by event_id; late events keep their own event date. */
public final class WebEventsJob extends BronzeSourceJob {
  public WebEventsJob() {
    super(
        WebEventsStaging.SOURCE,
        "Clickstream events: typed, UTC, deduplicated by event_id; late events keep their own event date.");
  }
}
