package org.journeywarehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import org.junit.jupiter.api.Test;

/**
 * docs/tables/ holds one data-dictionary page per table, generated from the table definitions
 * (the same comments the catalog shows). Regenerate deliberately with
 * {@code mvn -pl jobs test -Dtest=DataDictionaryTest -Djourney.docs.regenerate=true} and review
 * the diff; otherwise this test fails when a page is missing or stale.
 */
class DataDictionaryTest {
  private static final Path DOCS = Path.of("..", "docs", "tables");

  @Test
  void everyTableHasAnUpToDatePage() throws Exception {
    boolean regenerate = Boolean.getBoolean("journey.docs.regenerate");
    for (TableDefinition table : tables()) {
      Path page = DOCS.resolve(table.id().defaultQualifiedName() + ".md");
      String expected = page(table);
      if (regenerate) {
        Files.createDirectories(DOCS);
        Files.writeString(page, expected);
      }
      assertThat(page).as("data dictionary page").exists();
      assertThat(Files.readString(page)).as(page.toString()).isEqualTo(expected);
    }
  }

  @Test
  void everyTableDeclaresGrainKeyAndCommentsOnEveryColumn() {
    for (TableDefinition table : tables()) {
      assertThat(table.comment()).as(table.id().name()).isNotBlank();
      assertThat(table.grain()).as(table.id().name()).isNotBlank();
      assertThat(table.primaryKey()).as(table.id().name()).isNotEmpty();
      for (StructField field : table.schema().fields()) {
        assertThat(field.getComment().isDefined()).as(table.id().name() + "." + field.name()).isTrue();
      }
    }
  }

  private static Set<TableDefinition> tables() {
    Set<TableDefinition> tables = new LinkedHashSet<>(OpsTables.ALL);
    for (Job job : JobCatalog.all()) {
      tables.addAll(job.spec().outputs());
    }
    return tables;
  }

  static String page(TableDefinition table) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(table.id().defaultQualifiedName()).append("\n\n");
    md.append(table.comment()).append("\n\n");
    md.append("- **Grain:** ").append(table.grain()).append('\n');
    md.append("- **Primary key:** `").append(String.join("`, `", table.primaryKey())).append("`\n");
    md.append("- **Partitioned by:** ")
        .append(table.partitionColumns().isEmpty() ? "(not partitioned)" : "`" + String.join("`, `", table.partitionColumns()) + "`")
        .append('\n');
    md.append("- **Replaced per run:** ")
        .append(table.sliceColumn() == null ? table.refresh().description() : "the `" + table.sliceColumn() + "` range of the run")
        .append("\n\n");
    md.append("| column | type | nullable | meaning |\n|---|---|---|---|\n");
    for (StructField field : table.schema().fields()) {
      md.append("| `").append(field.name()).append("` | ").append(field.dataType().sql().toLowerCase(java.util.Locale.ROOT))
          .append(" | ").append(field.nullable() ? "yes" : "no").append(" | ")
          .append(field.getComment().get().replace("|", "\\|")).append(" |\n");
    }
    md.append("\n_Generated from the table definition by DataDictionaryTest; edit the definition, then regenerate._\n");
    return md.toString();
  }
}
