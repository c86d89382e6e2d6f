package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.Columns;

/** Shape checks and typing of raw text values, shared by the sources' staging rules. */
final class Values {
  private static final String DECIMAL = "^-?\\d{1,16}(\\.\\d{1,2})?$";
  private static final String INTEGER = "^-?\\d{1,9}$";

  private Values() {}

  /** True when a present value is not a plain decimal with at most two decimals ("12,50"). */
  static Column notMoney(String field) {
    return col(field).isNotNull().and(col(field).rlike(DECIMAL).unary_$bang());
  }

  static Column money(String field) {
    return col(field).cast(Columns.MONEY);
  }

  /** True when a present value is not an ISO 4217-shaped code ("EURO", "€"). */
  static Column notCurrency(String field) {
    return col(field).rlike("^[A-Z]{3}$").unary_$bang();
  }

  /** True when a present value is not one of the allowed codes. */
  static Column notOneOf(String field, List<String> allowed) {
    return col(field).isNotNull().and(col(field).isin(allowed.toArray()).unary_$bang());
  }

  /** True when a present value is not an integer in [min, max]. */
  static Column notIntegerBetween(String field, int min, int max) {
    Column number = col(field).cast(DataTypes.IntegerType);
    return col(field)
        .isNotNull()
        .and(col(field).rlike(INTEGER).unary_$bang().or(number.lt(min)).or(number.gt(max)));
  }

  /** The name of the first field whose check is true, or null. */
  static Column firstFailing(List<String> fields, List<Column> failing) {
    Column result = lit(null).cast(DataTypes.StringType);
    for (int i = fields.size() - 1; i >= 0; i--) {
      result = org.apache.spark.sql.functions.when(failing.get(i), lit(fields.get(i))).otherwise(result);
    }
    return result;
  }
}
