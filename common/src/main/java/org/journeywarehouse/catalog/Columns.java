package org.journeywarehouse.catalog;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Builds commented schemas; the comment of each column becomes its COMMENT in the catalog. */
public final class Columns {
  /** Money: decimal, never double, so cents add up exactly. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);

  private Columns() {}

  public static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  public static StructField column(String name, DataType type, String comment) {
    return new StructField(name, type, true, Metadata.empty()).withComment(comment);
  }

  public static StructField required(String name, DataType type, String comment) {
    return new StructField(name, type, false, Metadata.empty()).withComment(comment);
  }
}
