package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.silver.identity.IdentityLinks.IDENTIFIER;
import static org.journeywarehouse.silver.identity.IdentityLinks.IDENTIFIER_A;
import static org.journeywarehouse.silver.identity.IdentityLinks.IDENTIFIER_B;
import static org.journeywarehouse.silver.identity.IdentityLinks.IDENTIFIER_TYPE;
import static org.journeywarehouse.silver.identity.IdentityLinks.TYPE_A;
import static org.journeywarehouse.silver.identity.IdentityLinks.TYPE_B;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Identifiers that must not be used to merge people (a shared tablet's cookie, {@code
 * test@example.com}, an email two store accounts share), with the reason, for a table analysts
 * can read. Pure: links in, refused identifiers out. See docs/identity-links.md.
 */
public final class IdentityGuards {
  private static final String OTHER_TYPE = "other_type";
  private static final String OTHER = "other";
  private static final String REASON = "reason";
  private static final String LINKED_COUNT = "linked_count";
  private static final String ACCOUNT = IdentifierType.CUSTOMER_ID.code();

  private IdentityGuards() {}

  /**
   * Identifiers refused for merging: {@code identifier_type, identifier, linked_type, reason,
   * linked_count}, one row per identifier and other type it over-links.
   *
   * <ul>
   *   <li>Fan-out: linked to more distinct identifiers of one other type than that type's limit,
   *       e.g. "links 40 customer_id identifiers (limit 5)". A store account's cookies and devices
   *       are not counted: an account with 3,000 cookies is one person who clears them.
   *   <li>Two accounts, unless {@code mergeAccounts}: a non-account identifier linked to two or
   *       more customer_id values, e.g. "links 2 store accounts"; it would glue two accounts.
   * </ul>
   *
   * @param links as from {@link IdentityLinks#links}
   * @param maxDistinctPerOtherType limit per counted type; a type without an entry is unlimited
   * @param mergeAccounts whether an identifier may join two store accounts
   * @throws IllegalArgumentException if the limits are null or a limit is below 1
   */
  public static Dataset<Row> guarded(
      Dataset<Row> links, Map<IdentifierType, Integer> maxDistinctPerOtherType,
      boolean mergeAccounts) {
    checkLimits(maxDistinctPerOtherType);
    Column limit = limitOf(maxDistinctPerOtherType);
    Column count = col(LINKED_COUNT);
    Column gluesAccounts =
        lit(!mergeAccounts)
            .and(col(OTHER_TYPE).equalTo(ACCOUNT))
            .and(col(IDENTIFIER_TYPE).notEqual(ACCOUNT))
            .and(count.geq(2));
    // When both rules hold, the fan-out reason is given: it names the limit that was passed.
    Column reason =
        when(count.gt(limit),
                format_string("links %d %s identifiers (limit %d)", count, col(OTHER_TYPE), limit))
            .when(gluesAccounts, format_string("links %d store accounts", count));
    return fanOut(links)
        .withColumn(REASON, reason)
        .where(col(REASON).isNotNull())
        .select(col(IDENTIFIER_TYPE), col(IDENTIFIER), col(OTHER_TYPE).as("linked_type"),
            col(REASON), col(LINKED_COUNT));
  }

  /** Distinct neighbours per (identifier, other type), over both directions of every link. */
  private static Dataset<Row> fanOut(Dataset<Row> links) {
    Dataset<Row> bothWays =
        links
            .select(col(TYPE_A).as(IDENTIFIER_TYPE), col(IDENTIFIER_A).as(IDENTIFIER),
                col(TYPE_B).as(OTHER_TYPE), col(IDENTIFIER_B).as(OTHER))
            .union(links.select(col(TYPE_B), col(IDENTIFIER_B), col(TYPE_A), col(IDENTIFIER_A)));
    Column accountsOwnCookieOrDevice =
        col(IDENTIFIER_TYPE).equalTo(ACCOUNT)
            .and(col(OTHER_TYPE).isin(
                IdentifierType.ANONYMOUS_ID.code(), IdentifierType.DEVICE_ID.code()));
    return bothWays
        .where(accountsOwnCookieOrDevice.unary_$bang())
        .groupBy(IDENTIFIER_TYPE, IDENTIFIER, OTHER_TYPE)
        .agg(countDistinct(col(OTHER)).as(LINKED_COUNT));
  }

  /** The limit of the row's other type, or null (never over) for a type without one. */
  private static Column limitOf(Map<IdentifierType, Integer> limits) {
    Column limit = lit(null).cast("bigint");
    for (IdentifierType type : IdentifierType.values()) {
      if (limits.containsKey(type)) {
        limit = when(col(OTHER_TYPE).equalTo(type.code()), lit(limits.get(type).longValue()))
            .otherwise(limit);
      }
    }
    return limit;
  }

  private static void checkLimits(Map<IdentifierType, Integer> limits) {
    if (limits == null) {
      throw new IllegalArgumentException(
          "maxDistinctPerOtherType must be given (an empty map means no fan-out limit)");
    }
    limits.forEach(
        (type, limit) -> {
          if (limit == null || limit < 1) {
            throw new IllegalArgumentException(
                "The fan-out limit for %s identifiers must be at least 1, got %s"
                    .formatted(type.code(), limit));
          }
        });
  }
}
