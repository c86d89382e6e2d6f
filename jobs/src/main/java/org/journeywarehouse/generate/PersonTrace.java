package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Ground truth of one person: the identifiers and records seen on clean lines inside the window,
 * which is what a perfect pipeline could observe.
 */
final class PersonTrace {
  private final TreeSet<String> identities = new TreeSet<>();
  private final List<String> records = new ArrayList<>();
  private long sessions;
  private long orders;
  private long tickets;
  private long responses;
  private long countedRevenueEuroCents;

  /** Adds an identifier; null is ignored. Stored as "type,identifier" so it sorts by type. */
  void identify(String type, String identifier) {
    if (identifier != null && !identifier.isEmpty()) {
      identities.add(type + "," + identifier);
    }
  }

  void identifyEmail(String spelled) {
    if (spelled != null) {
      identify("email", EmailSpelling.normalized(spelled));
    }
  }

  void identifyPhone(String spelled, PhoneNumber phone) {
    if (spelled != null) {
      identify("phone", phone.e164());
    }
  }

  /** Adds a record: {@code source} is a landing source or {@code web_sessions}. */
  void record(String source, String recordId) {
    records.add(source + "," + recordId);
    switch (source) {
      case "web_sessions" -> sessions++;
      case "orders" -> orders++;
      case "support_tickets" -> tickets++;
      case "survey_responses" -> responses++;
      default -> throw new IllegalArgumentException("unknown record source " + source);
    }
  }

  void addCountedRevenue(long euroCents) {
    countedRevenueEuroCents += euroCents;
  }

  SortedSet<String> identities() {
    return identities;
  }

  List<String> records() {
    return records;
  }

  long sessions() {
    return sessions;
  }

  long orders() {
    return orders;
  }

  long tickets() {
    return tickets;
  }

  long responses() {
    return responses;
  }

  long countedRevenueEuroCents() {
    return countedRevenueEuroCents;
  }
}
