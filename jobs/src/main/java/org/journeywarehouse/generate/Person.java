package org.journeywarehouse.generate;

import java.util.List;

/**
 * Who one simulated person is: their segment, contact details, devices, home currency, when they
 * become active and their store accounts. Emails are lower-case here; records spell them with case
 * and white space variants now and then.
 *
 * @param index 0-based position in the run; the person's id is {@code p-<index + 1>}
 * @param email primary email on an example domain
 * @param secondEmail another email some records carry, or null
 * @param phone a fictional phone number, or null
 * @param currency ISO 4217 code the person pays in
 * @param deviceIds one entry per device; an entry is null when that device sends no id
 * @param activeFrom first instant the person may visit
 * @param accountBeforeWindow whether the account existed before the first landing day
 * @param customerId the store account id {@code c-<n>}, or null for anonymous visitors
 * @param secondCustomerId a duplicate account some people create, or null
 * @param favoriteChannel the channel the person returns through most
 */
record Person(
    int index,
    Segment segment,
    String email,
    String secondEmail,
    PhoneNumber phone,
    String currency,
    List<String> deviceIds,
    long activeFrom,
    boolean accountBeforeWindow,
    String customerId,
    String secondCustomerId,
    Channel favoriteChannel) {

  /** The id ground truth uses, {@code p-1} for index 0. */
  String personId() {
    return "p-" + (index + 1);
  }
}
