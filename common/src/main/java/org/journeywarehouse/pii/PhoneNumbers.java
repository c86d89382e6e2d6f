package org.journeywarehouse.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers to E.164 with libphonenumber, the reference implementation of the rules. */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * The E.164 form of a phone number, or null when it cannot be a phone number. Numbers with
   * no country code are read in {@code defaultRegion}. "Possible" (right length for the
   * country) rather than "valid" keeps numbers from ranges libphonenumber does not list yet.
   */
  public static String toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      PhoneNumber number = UTIL.parse(raw.strip(), defaultRegion);
      return UTIL.isPossibleNumber(number)
          ? UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)
          : null;
    } catch (NumberParseException e) {
      return null;
    }
  }
}
