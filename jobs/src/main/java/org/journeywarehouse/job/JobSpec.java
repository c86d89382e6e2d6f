package org.journeywarehouse.job;

import java.util.List;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.TableDefinition;

/**
 * A job's edges as the catalog, the DAG and the docs see them.
 *
 * @param inputs table names under the default databases ({@code journey_bronze.orders}) or
 *     landing sources ({@code landing.orders})
 * @param dependsOnPast whether a date needs the previous date done first (cumulative state)
 */
public record JobSpec(
    String name,
    Layer layer,
    String description,
    List<String> inputs,
    List<TableDefinition> outputs,
    boolean dependsOnPast) {

  public JobSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The input name of a landing source, as listed in the job catalog. */
  public static String landing(String source) {
    return "landing." + source;
  }
}
