package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A phone number from the ranges reserved for fiction (Ofcom's drama numbers in the UK,
 * 555-0100..0199 in North America), with the spellings people type it in. UK numbers are often
 * national ("020 7946 0123"), which normalizes with the default region GB.
 *
 * @param countryCode "44" or "1"
 * @param groups the national significant number in its usual groups, without trunk prefix
 */
record PhoneNumber(String countryCode, List<String> groups) {
  /** UK blocks of 1000 numbers each: national significant number prefixes. */
  private static final List<List<String>> UK_BLOCKS =
      List.of(
          List.of("7700", "900"),
          List.of("20", "7946", "0"),
          List.of("113", "496", "0"),
          List.of("114", "496", "0"),
          List.of("115", "496", "0"),
          List.of("116", "496", "0"),
          List.of("117", "496", "0"),
          List.of("118", "496", "0"),
          List.of("121", "496", "0"),
          List.of("131", "496", "0"),
          List.of("141", "496", "0"),
          List.of("151", "496", "0"),
          List.of("161", "496", "0"),
          List.of("191", "498", "0"));

  private static final int UK_CAPACITY = UK_BLOCKS.size() * 1000;
  private static final List<Integer> US_AREA_CODES = usAreaCodes();

  /** Distinct numbers available: each person with a phone gets their own. */
  static final int CAPACITY = UK_CAPACITY + US_AREA_CODES.size() * 100;

  /** The number in slot {@code 0 .. CAPACITY-1}; different slots give different numbers. */
  static PhoneNumber inSlot(int slot) {
    if (slot < UK_CAPACITY) {
      List<String> block = UK_BLOCKS.get(slot / 1000);
      String last = block.get(block.size() - 1) + Integer.toString(1000 + slot % 1000).substring(1);
      List<String> groups = new ArrayList<>(block.subList(0, block.size() - 1));
      groups.add(last);
      return new PhoneNumber("44", List.copyOf(groups));
    }
    int usSlot = slot - UK_CAPACITY;
    String area = Integer.toString(US_AREA_CODES.get(usSlot / 100));
    return new PhoneNumber(
        "1", List.of(area, "555", "01" + Integer.toString(100 + usSlot % 100).substring(1)));
  }

  /** E.164, e.g. {@code +447700900123}: the identifier ground truth lists. */
  String e164() {
    return "+" + countryCode + String.join("", groups);
  }

  /** One of the ways people write this number, e.g. "07700 900123" or "+1 (202) 555-0123". */
  String spell(SplittableRandom random) {
    String digits = String.join("", groups);
    String spaced = String.join(" ", groups);
    if (countryCode.equals("44")) {
      return switch (random.nextInt(5)) {
        case 0, 1 -> "0" + spaced;
        case 2 -> "+44 " + spaced;
        case 3 -> "0" + digits;
        default -> "+44" + digits;
      };
    }
    String area = groups.get(0);
    String exchange = groups.get(1);
    String line = groups.get(2);
    return switch (random.nextInt(4)) {
      case 0 -> "+1 " + spaced;
      case 1 -> "+1 (" + area + ") " + exchange + "-" + line;
      case 2 -> "+1-" + area + "-" + exchange + "-" + line;
      default -> "+1" + digits;
    };
  }

  /** Area codes of the form NXX that are not N11 service codes. */
  private static List<Integer> usAreaCodes() {
    List<Integer> codes = new ArrayList<>();
    for (int code = 201; code <= 989; code++) {
      boolean serviceCode = code % 100 == 11;
      boolean reservedForExpansion = code / 10 % 10 == 9;
      if (!serviceCode && !reservedForExpansion) {
        codes.add(code);
      }
    }
    return List.copyOf(codes);
  }
}
