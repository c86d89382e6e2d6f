package org.journeywarehouse.bronze;

/** Helpdesk tickets: typed, requester email and phone hashed, subjects scrubbed of PII. */
public final class SupportTicketsJob extends BronzeSourceJob {
  public SupportTicketsJob() {
    super(
        SupportTicketsStaging.SOURCE,
        "Helpdesk tickets: typed, requester email and phone hashed, subjects scrubbed of PII.");
  }
}
