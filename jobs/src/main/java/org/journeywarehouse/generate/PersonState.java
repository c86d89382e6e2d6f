package org.journeywarehouse.generate;

import java.util.SplittableRandom;

/**
 * What changes while one person is simulated: the cookie on each device (cleared now and then),
 * which cookies have seen a login, and whether the account exists yet.
 */
final class PersonState {
  private static final double COOKIE_CLEAR_RATE = 0.03;
  private static final double PRIMARY_DEVICE_SHARE = 0.6;

  private final Person person;
  private final String[] cookies;
  private final boolean[] cookieLoggedIn;
  private boolean hasAccount;

  PersonState(Person person) {
    this.person = person;
    this.cookies = new String[person.deviceIds().size()];
    this.cookieLoggedIn = new boolean[cookies.length];
    this.hasAccount = person.accountBeforeWindow() && person.customerId() != null;
  }

  /** The device of a session: mostly the primary one. */
  int pickDevice(SplittableRandom random) {
    if (cookies.length == 1 || Draws.chance(random, PRIMARY_DEVICE_SHARE)) {
      return 0;
    }
    return 1 + random.nextInt(cookies.length - 1);
  }

  /** The device's cookie for a new session: a fresh one on first use or after clearing. */
  String cookie(int device, SplittableRandom random) {
    if (cookies[device] == null || Draws.chance(random, COOKIE_CLEAR_RATE)) {
      cookies[device] = "a-" + Draws.uuid(random);
      cookieLoggedIn[device] = false;
    }
    return cookies[device];
  }

  boolean cookieLoggedIn(int device) {
    return cookieLoggedIn[device];
  }

  void markLoggedIn(int device) {
    cookieLoggedIn[device] = true;
  }

  boolean hasAccount() {
    return hasAccount;
  }

  void openAccount() {
    hasAccount = true;
  }

  /** The account a login uses: the duplicate account now and then, for people who have one. */
  String loginAccount(SplittableRandom random) {
    String second = person.secondCustomerId();
    return second != null && Draws.chance(random, 0.3) ? second : person.customerId();
  }

  /** The email a record carries, spelled as typed: the second address now and then. */
  String spelledEmail(SplittableRandom random) {
    String second = person.secondEmail();
    String email = second != null && Draws.chance(random, 0.3) ? second : person.email();
    return EmailSpelling.spell(email, random);
  }

  /** The phone a record carries with the given probability, spelled as typed, or null. */
  String spelledPhone(double probability, SplittableRandom random) {
    PhoneNumber phone = person.phone();
    return phone != null && Draws.chance(random, probability) ? phone.spell(random) : null;
  }
}
