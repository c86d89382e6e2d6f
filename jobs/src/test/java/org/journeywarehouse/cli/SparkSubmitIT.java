package org.journeywarehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.journeywarehouse.generate.GeneratorOptions;
import org.journeywarehouse.generate.SampleDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shaded jar under Spark's real entry point, {@code org.apache.spark.deploy.SparkSubmit},
 * in local[2], as Airflow's SparkSubmitOperator would run it: every bronze job over generated
 * data. Then no raw email or phone from the input may appear anywhere under the warehouse
 * (parquet written uncompressed so a leak would be visible) or in the process's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkSubmitIT {
  private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
  private static final String SECRET = "it-secret-0123456789-0123456789-0123456789";
  private static final Pattern PII_VALUE =
      Pattern.compile("\"(?:email|phone|requester_email|requester_phone)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)+)\"");

  private Path work;
  private Path landing;
  private Path warehouse;
  private ProcessResult result;

  record ProcessResult(int exitCode, String output) {}

  @BeforeAll
  void submit() throws Exception {
    work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "journey-it-");
    landing = work.resolve("landing");
    warehouse = work.resolve("warehouse");
    SampleDataGenerator.generate(new GeneratorOptions(0.002, 2, FROM, 11L, landing, 0.05), line -> {});
    result =
        sparkSubmit(
            "all", "--from", FROM.toString(), "--to", FROM.plusDays(1).toString(), "--env", "local",
            "--conf", "journey.paths.landing=" + landing,
            "--conf", "journey.paths.warehouse=" + warehouse);
  }

  @Test
  void theShadedJarRunsEveryJobUnderSparkSubmit() {
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("orders: succeeded")
        .contains("web_events: succeeded")
        .contains("fx_rates: succeeded")
        .contains("read ")
        .doesNotContain("development key"); // the secret came from the environment
    assertThat(warehouse.resolve("journey_bronze/orders/_delta_log")).isDirectory();
    assertThat(warehouse.resolve("_metastore/metastore_db")).isDirectory();
  }

  @Test
  void noRawEmailOrPhoneReachesTheWarehouseOrTheLog() throws IOException {
    Set<String> planted = plantedPii();
    assertThat(planted).hasSizeGreaterThan(50);
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(warehouse)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        planted.stream().filter(bytes::contains).forEach(v -> leaks.add(file + " holds a planted value"));
      }
    }
    planted.stream().filter(result.output()::contains).forEach(v -> leaks.add("the log holds a planted value"));
    assertThat(leaks).isEmpty();
    assertThat(result.output()).doesNotContain(SECRET);
  }

  @Test
  void aMissingMarkerFailsTheSubmissionWithOneClearLine() throws Exception {
    Files.delete(landing.resolve("survey_responses/2026-11-02/_SUCCESS"));
    ProcessResult failed =
        sparkSubmit(
            "survey_responses", "--date", "2026-11-02",
            "--conf", "journey.paths.landing=" + landing,
            "--conf", "journey.paths.warehouse=" + warehouse);
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("journey: " + landing + "/survey_responses/2026-11-02 has no _SUCCESS marker");
  }

  /** Every email and phone value in the landing files, raw and lower-cased, as written. */
  private Set<String> plantedPii() throws IOException {
    Set<String> values = new TreeSet<>();
    try (Stream<Path> files = Files.walk(landing)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          Matcher matcher = PII_VALUE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (matcher.find()) {
            String value = matcher.group(1).strip();
            if (value.length() >= 8) {
              values.add(value);
              values.add(value.toLowerCase(java.util.Locale.ROOT));
            }
          }
        }
      }
    }
    return values;
  }

  private static ProcessResult sparkSubmit(String... jobArguments) throws Exception {
    String classpath =
        System.getProperty("journey.shaded.jar")
            + java.io.File.pathSeparator
            + Files.readString(Path.of(System.getProperty("journey.spark.classpath"))).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    command.addAll(List.of("-Xmx2g", "-cp", classpath, "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(
        List.of(
            "--master", "local[2]",
            "--class", JobRunner.class.getName(),
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.sql.shuffle.partitions=4",
            "--conf", "spark.sql.parquet.compression.codec=uncompressed",
            "--driver-java-options",
            "-Dlog4j.configurationFile=" + Path.of(System.getProperty("journey.project.root"), "conf", "log4j2.properties"),
            System.getProperty("journey.shaded.jar")));
    command.addAll(List.of(jobArguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JOURNEY_PII_HMAC_SECRET", SECRET);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new ProcessResult(process.exitValue(), output);
  }
}
