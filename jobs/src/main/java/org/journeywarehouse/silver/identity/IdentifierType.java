package org.journeywarehouse.silver.identity;

import java.util.Locale;

/**
 * The kinds of identifier the identity graph links. A node is (type, identifier): the same string
 * under two types is two nodes, so a cookie that happens to equal an account id never links them.
 */
public enum IdentifierType {
  /** First-party cookie id (web events, online orders). */
  ANONYMOUS_ID,
  /** Store account id: web {@code user_id} and the shop's {@code customer_id} are one namespace. */
  CUSTOMER_ID,
  /** HMAC of the normalized email, as in bronze. */
  EMAIL,
  /** HMAC of the phone in E.164, as in bronze. */
  PHONE,
  /** Device id when the tracker knows it. */
  DEVICE_ID;

  /** The value stored in {@code identifier_type} columns, e.g. {@code customer_id}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of a code such as {@code customer_id}. */
  public static IdentifierType fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
