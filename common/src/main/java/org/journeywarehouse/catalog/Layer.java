package org.journeywarehouse.catalog;

import org.journeywarehouse.config.JourneySettings;

/** The medallion layers; each maps to one configurable database. */
public enum Layer {
  BRONZE,
  SILVER,
  MARTS,
  OPS;

  public String database(JourneySettings.Catalog catalog) {
    return switch (this) {
      case BRONZE -> catalog.bronzeDatabase();
      case SILVER -> catalog.silverDatabase();
      case MARTS -> catalog.martsDatabase();
      case OPS -> catalog.opsDatabase();
    };
  }

  public String lowerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
