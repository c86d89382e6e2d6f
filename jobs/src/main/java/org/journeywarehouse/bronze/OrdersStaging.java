package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.pii.PiiFunctions;

/** Parsing rules for store orders (Shopify-like exports, re-delivered as they change). */
final class OrdersStaging {
  static final List<String> FINANCIAL_STATUSES =
      List.of(
          "paid", "pending", "authorized", "partially_paid", "refunded", "partially_refunded",
          "voided", "expired");

  static final LandingSource SOURCE =
      new LandingSource(
          "orders",
          BronzeTables.ORDERS,
          strings(
              "order_id", "updated_at", "created_at", "customer_id", "email", "phone",
              "total_price", "currency", "financial_status", "refunded_amount", "cancelled_at",
              "source_name", "anonymous_id"),
          List.of("order_id", "updated_at", "created_at", "total_price", "currency", "financial_status"),
          List.of("updated_at", "created_at", "cancelled_at"),
          "created_at",
          List.of("order_id"),
          "updated_at",
          Values.firstFailing(
              List.of("total_price", "refunded_amount", "currency", "financial_status"),
              List.of(
                  Values.notMoney("total_price"),
                  Values.notMoney("refunded_amount"),
                  Values.notCurrency("currency"),
                  Values.notOneOf("financial_status", FINANCIAL_STATUSES))),
          "email",
          "phone",
          OrdersStaging::toBronze);

  private OrdersStaging() {}

  private static Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
    Column createdAt = Timestamps.parse(col("created_at"));
    return valid.select(
        col("order_id"),
        Timestamps.parse(col("updated_at")).as("updated_at"),
        createdAt.as("created_at"),
        Timestamps.reportingDate(createdAt, rules.reportingZone()).as("order_date"),
        col("customer_id"),
        PiiFunctions.emailHash(col("email")).as("email_hash"),
        PiiFunctions.phoneHash(col("phone"), rules.defaultPhoneRegion()).as("phone_hash"),
        lit(rules.keyVersion()).as("pii_key_version"),
        Values.money("total_price").as("total_price_local"),
        col("currency"),
        col("financial_status"),
        Values.money("refunded_amount").as("refunded_amount_local"),
        Timestamps.parse(col("cancelled_at")).as("cancelled_at"),
        col("source_name"),
        col("anonymous_id"),
        col("source_file"),
        col("landing_date"));
  }
}
