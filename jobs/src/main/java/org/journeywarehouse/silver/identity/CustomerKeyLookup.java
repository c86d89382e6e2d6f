package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gives source records (sessions, orders, tickets, survey responses) the customer_key of their
 * identifiers in {@code journey_silver.identity_map}. Pure: records and map in, records out.
 */
public final class CustomerKeyLookup {
  private CustomerKeyLookup() {}

  /** A record column holding identifiers of one type, e.g. orders' {@code email_hash}. */
  public record Candidate(IdentifierType type, String column) {}

  /**
   * Adds {@code customer_key}: the key of the first candidate, in the given order, whose value is
   * in the map and not guarded; failing that, of the first candidate in the map at all (a guarded
   * identifier is a customer of its own, so a record carrying only a shared tablet's cookie still
   * has a key). Null only when no candidate is in the map. Records on one record are linked, so
   * the candidates normally agree; the order matters for guarded values and for two accounts.
   *
   * @param identityMap {@code identifier_type, identifier, customer_key, is_guarded}
   * @param candidates in order of preference, e.g. account before email before cookie
   */
  public static Dataset<Row> withCustomerKey(
      Dataset<Row> records, Dataset<Row> identityMap, List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("at least one identifier column is needed");
    }
    Dataset<Row> joined = records;
    List<Column> trusted = new ArrayList<>();
    List<Column> any = new ArrayList<>();
    List<String> helpers = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate candidate = candidates.get(i);
      String id = "_lookup_id_" + i;
      String key = "_lookup_key_" + i;
      String guarded = "_lookup_guarded_" + i;
      Dataset<Row> ofType =
          identityMap
              .where(col("identifier_type").equalTo(candidate.type().code()))
              .select(col("identifier").as(id), col("customer_key").as(key),
                  col("is_guarded").as(guarded));
      joined = joined.join(ofType, col(candidate.column()).equalTo(col(id)), "left");
      trusted.add(when(not(col(guarded)), col(key)));
      any.add(col(key));
      helpers.addAll(List.of(id, key, guarded));
    }
    List<Column> preference = new ArrayList<>(trusted);
    preference.addAll(any);
    return joined
        .withColumn("customer_key", coalesce(preference.toArray(Column[]::new)))
        .drop(helpers.toArray(String[]::new));
  }
}
