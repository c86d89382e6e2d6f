package org.journeywarehouse.catalog;

import org.journeywarehouse.config.JourneySettings;

/** A table by layer and name; its database comes from the settings. */
public record TableId(Layer layer, String name) {
  public TableId {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table names are lower_snake_case: " + name);
    }
  }

  /** database.table as analysts type it, e.g. journey_bronze.orders. */
  public String qualifiedName(JourneySettings.Catalog catalog) {
    return layer.database(catalog) + "." + name;
  }

  /** The name under the default databases, as the job catalog and the docs show it. */
  public String defaultQualifiedName() {
    return "journey_" + layer.lowerName() + "." + name;
  }

  /** {@code <warehouse>/<database>/<table>}: explicit, so path access works without a catalog. */
  public String location(JourneySettings settings) {
    String root = settings.paths().warehouse().replaceAll("/+$", "");
    return root + "/" + layer.database(settings.catalog()) + "/" + name;
  }
}
