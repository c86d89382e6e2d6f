package org.journeywarehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generator on a few hundred people and checks its promises by re-reading the files with a
 * checker that shares no code with the generator: determinism, day markers and manifests, and the
 * dirt ledger's invariant {@code lines = rows_kept + blank_lines + duplicates + sum(quarantined)}
 * for every (source, day).
 */
class SampleDataGeneratorTest {
  private static final LocalDate START = LocalDate.of(2026, 11, 1);
  private static final List<String> SOURCES =
      List.of("fx_rates", "orders", "support_tickets", "survey_responses", "web_events");
  private static final List<String> REASONS =
      List.of(
          "invalid_timestamp",
          "invalid_value",
          "malformed_json",
          "missing_required_field",
          "timestamp_without_offset");

  @TempDir Path temp;

  @Test
  void sameSeedGivesByteIdenticalFiles() throws IOException {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    SampleDataGenerator.generate(options(0.002, 3, 7, first, 0.05), null);
    SampleDataGenerator.generate(options(0.002, 3, 7, second, 0.05), null);

    assertSameTree(first, second);
  }

  @Test
  void splittingTheRunIntoPassesDoesNotChangeTheOutput() throws IOException {
    Path onePass = temp.resolve("one");
    Path threePasses = temp.resolve("three");
    SampleDataGenerator.generate(options(0.002, 5, 11, onePass, 0.05), null);
    SampleDataGenerator.generate(options(0.002, 5, 11, threePasses, 0.05), null, 2);

    assertSameTree(onePass, threePasses);
  }

  @Test
  void aTinyRunFinishesFastAndReportsProgressWithoutPersonalData() throws IOException {
    List<String> progress = new ArrayList<>();
    long started = System.nanoTime();
    GenerationSummary summary =
        SampleDataGenerator.generate(options(0.002, 3, 1, temp, 0.02), progress::add);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(summary.people()).isEqualTo(200);
    assertThat(summary.sessions()).isPositive();
    assertThat(summary.linesBySource()).containsOnlyKeys(SOURCES);
    assertThat(summary.linesBySource().get("fx_rates")).isEqualTo(3 * 4);
    assertThat(progress).hasSize(10).last().isEqualTo("generate: 100% (200/200 people)");
    assertThat(progress).noneMatch(line -> line.contains("@") || line.contains("c-"));
  }

  @Test
  void everyDayFolderIsMarkedAndItsManifestCountsItsLines() throws IOException {
    SampleDataGenerator.generate(options(0.002, 3, 3, temp, 0.1), null);

    for (String source : SOURCES) {
      for (int day = 0; day < 3; day++) {
        Path folder = temp.resolve(source).resolve(START.plusDays(day).toString());
        long lines = readLines(folder.resolve("part-00000.jsonl.gz")).size();
        assertThat(folder.resolve("_SUCCESS")).exists().isEmptyFile();
        assertThat(Files.readString(folder.resolve("manifest.json")).strip())
            .isEqualTo(
                "{\"files\":[{\"name\":\"part-00000.jsonl.gz\",\"lines\":%d}],\"lines\":%d}"
                    .formatted(lines, lines));
      }
    }
  }

  @Test
  void dirtLedgerMatchesAnIndependentRecountOfEveryDayFile() throws IOException {
    // A high dirt rate so every reason shows up in a small run.
    SampleDataGenerator.generate(options(0.01, 4, 5, temp, 0.3), null);
    Map<String, Object> dirt =
        MiniJson.parseObject(Files.readString(temp.resolve("_ground_truth/dirt.json")));
    Map<String, Object> sources = MiniJson.object(dirt.get("sources"));
    Map<String, Long> reasonsSeen = new TreeMap<>();

    assertThat(sources).containsOnlyKeys(SOURCES);
    for (String source : SOURCES) {
      Map<String, Object> days = MiniJson.object(sources.get(source));
      assertThat(days).hasSize(4);
      for (int day = 0; day < 4; day++) {
        String date = START.plusDays(day).toString();
        Map<String, Object> expected = MiniJson.object(days.get(date));
        Recount recount =
            Recount.of(
                source,
                date,
                readLines(temp.resolve(source).resolve(date).resolve("part-00000.jsonl.gz")));
        assertThat(recount.asLedger()).as(source + " " + date).isEqualTo(expected);
        recount.quarantined.forEach((reason, count) -> reasonsSeen.merge(reason, count, Long::sum));
      }
    }
    assertThat(reasonsSeen).allSatisfy((reason, count) -> assertThat(count).isPositive());
  }

  @Test
  void groundTruthNamesEveryCleanCookieAndNormalizesIdentifiers() throws IOException {
    SampleDataGenerator.generate(options(0.005, 3, 9, temp, 0.02), null);
    List<String> identities = readLines(temp.resolve("_ground_truth/identities.csv.gz"));
    List<String> records = readLines(temp.resolve("_ground_truth/records.csv.gz"));
    Set<String> cookies = new HashSet<>();
    for (String line : identities.subList(1, identities.size())) {
      String[] parts = line.split(",", -1);
      assertThat(parts).hasSize(3);
      switch (parts[1]) {
        case "email" -> assertThat(parts[2]).matches("[a-z0-9.]+@([a-z]+\\.)?example\\.(com|org)");
        case "phone" -> assertThat(parts[2]).matches("\\+(44|1)\\d{10}");
        case "anonymous_id" -> cookies.add(parts[2]);
        default -> assertThat(parts[1]).isIn("customer_id", "device_id");
      }
    }
    assertThat(identities.get(0)).isEqualTo("person_id,identifier_type,identifier");
    assertThat(records.get(0)).isEqualTo("source,record_id,person_id");
    assertThat(cookiesOfCleanWebEvents()).isNotEmpty().isSubsetOf(cookies);
    assertThat(Files.readString(temp.resolve("_ground_truth/channel_effect.json")))
        .contains("\"strongest\": \"Email\"", "\"weakest\": \"Display\"");
  }

  @Test
  void phoneSlotsNeverShareANumber() {
    Set<String> numbers = new HashSet<>();
    for (int slot = 0; slot < PhoneNumber.CAPACITY; slot++) {
      numbers.add(PhoneNumber.inSlot(slot).e164());
    }
    assertThat(numbers).hasSize(PhoneNumber.CAPACITY);
    // The stride that maps person indexes to slots must be coprime with the capacity.
    assertThat(PhoneNumber.CAPACITY % 7919).isNotZero();
  }

  @Test
  void optionsOutOfRangeAreRefusedNamingTheOption() {
    Path out = temp.resolve("x");
    assertThatThrownBy(() -> options(0, 3, 1, out, 0.02)).hasMessageContaining("--scale");
    assertThatThrownBy(() -> options(1, 0, 1, out, 0.02)).hasMessageContaining("--days");
    assertThatThrownBy(() -> options(1, 3661, 1, out, 0.02)).hasMessageContaining("--days");
    assertThatThrownBy(() -> options(1, 3, 1, out, 0.6)).hasMessageContaining("--dirt-rate");
    assertThatThrownBy(() -> options(1, 3, 1, out, -0.1)).hasMessageContaining("--dirt-rate");
    assertThat(new GeneratorOptions(0.03, 30, START, 1, out).dirtRate()).isEqualTo(0.02);
  }

  private Set<String> cookiesOfCleanWebEvents() throws IOException {
    Set<String> cookies = new HashSet<>();
    for (int day = 0; day < 3; day++) {
      String date = START.plusDays(day).toString();
      Path file = temp.resolve("web_events").resolve(date).resolve("part-00000.jsonl.gz");
      for (String line : readLines(file)) {
        if (Recount.classify("web_events", line).equals("clean")) {
          cookies.add(Recount.fields(line).get("anonymous_id"));
        }
      }
    }
    return cookies;
  }

  private static GeneratorOptions options(
      double scale, int days, long seed, Path out, double dirtRate) {
    return new GeneratorOptions(scale, days, START, seed, out, dirtRate);
  }

  private static void assertSameTree(Path expected, Path actual) throws IOException {
    List<Path> expectedFiles = files(expected);
    assertThat(files(actual)).isEqualTo(expectedFiles);
    for (Path relative : expectedFiles) {
      assertThat(Files.mismatch(expected.resolve(relative), actual.resolve(relative)))
          .as(relative.toString())
          .isEqualTo(-1L);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  /** Physical lines, split on '\n' only, as Spark's line reader sees them. */
  private static List<String> readLines(Path gzip) throws IOException {
    String text;
    try (var in = new GZIPInputStream(Files.newInputStream(gzip))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (text.isEmpty()) {
      return List.of();
    }
    assertThat(text).endsWith("\n");
    return List.of(text.substring(0, text.length() - 1).split("\n", -1));
  }

  /** An independent classification of one day file's lines, in the ledger's shape. */
  private static final class Recount {
    private static final Map<String, List<String>> REQUIRED =
        Map.of(
            "web_events", List.of("event_id", "event_ts", "event_name", "anonymous_id"),
            "orders",
                List.of(
                    "order_id",
                    "updated_at",
                    "created_at",
                    "total_price",
                    "currency",
                    "financial_status"),
            "support_tickets",
                List.of("ticket_id", "updated_at", "created_at", "channel", "status"),
            "survey_responses", List.of("response_id", "created_at", "survey_type", "score"),
            "fx_rates", List.of("date", "currency", "rate_to_reporting"));
    private static final Map<String, List<String>> TIMESTAMPS =
        Map.of(
            "web_events",
            List.of("event_ts"),
            "orders",
            List.of("updated_at", "created_at"),
            "support_tickets",
            List.of("updated_at", "created_at"),
            "survey_responses",
            List.of("created_at"),
            "fx_rates",
            List.of());
    private static final Pattern FIELD =
        Pattern.compile(
            "\"(\\w+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|null|-?\\d+(?:\\.\\d+)?|\\[[^\\]]*\\])");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d\\d:\\d\\d)");

    private final Map<String, Long> quarantined = new TreeMap<>();
    private final Set<String> keys = new HashSet<>();
    private long lines;
    private long blankLines;
    private long cleanLines;
    private long lateRows;

    static Recount of(String source, String date, List<String> lines) {
      Recount recount = new Recount();
      REASONS.forEach(reason -> recount.quarantined.put(reason, 0L));
      for (String line : lines) {
        recount.lines++;
        String kind = classify(source, line);
        switch (kind) {
          case "blank" -> recount.blankLines++;
          case "clean" -> recount.countClean(source, date, fields(line));
          default -> recount.quarantined.merge(kind, 1L, Long::sum);
        }
      }
      return recount;
    }

    private void countClean(String source, String date, Map<String, String> fields) {
      cleanLines++;
      String key =
          source.equals("fx_rates")
              ? fields.get("date") + fields.get("currency")
              : fields.get(REQUIRED.get(source).get(0));
      boolean firstOfKey = keys.add(key);
      if (firstOfKey && source.equals("web_events")) {
        LocalDate eventDay =
            OffsetDateTime.parse(fields.get("event_ts"))
                .atZoneSameInstant(ZoneOffset.UTC)
                .toLocalDate();
        lateRows += eventDay.isBefore(LocalDate.parse(date)) ? 1 : 0;
      }
    }

    static String classify(String source, String line) {
      if (line.isBlank()) {
        return "blank";
      }
      if (!line.startsWith("{") || !line.endsWith("}")) {
        return "malformed_json";
      }
      Map<String, String> fields = fields(line);
      for (String name : REQUIRED.get(source)) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
          return "missing_required_field";
        }
      }
      for (String name : TIMESTAMPS.get(source)) {
        if (!HAS_OFFSET.matcher(fields.get(name)).matches()) {
          return "timestamp_without_offset";
        }
        try {
          OffsetDateTime.parse(fields.get(name));
        } catch (DateTimeParseException e) {
          return "invalid_timestamp";
        }
      }
      return hasInvalidValue(source, fields) ? "invalid_value" : "clean";
    }

    private static boolean hasInvalidValue(String source, Map<String, String> fields) {
      return switch (source) {
        case "orders" ->
            !fields.get("total_price").matches("\\d+\\.\\d\\d")
                || !fields.get("currency").matches("[A-Z]{3}")
                || !Set.of(
                        "paid",
                        "pending",
                        "authorized",
                        "partially_paid",
                        "refunded",
                        "partially_refunded",
                        "voided",
                        "expired")
                    .contains(fields.get("financial_status"));
        case "support_tickets" ->
            !Set.of("new", "open", "pending", "hold", "solved", "closed")
                    .contains(fields.get("status"))
                || !Set.of("email", "chat", "phone", "web").contains(fields.get("channel"));
        case "survey_responses" -> invalidScore(fields.get("survey_type"), fields.get("score"));
        default -> false;
      };
    }

    private static boolean invalidScore(String surveyType, String score) {
      int value = Integer.parseInt(score);
      return switch (surveyType) {
        case "nps" -> value < 0 || value > 10;
        case "csat" -> value < 1 || value > 5;
        default -> true;
      };
    }

    /** Top-level fields; strings unquoted (escapes kept), JSON null as a missing field. */
    static Map<String, String> fields(String line) {
      Map<String, String> fields = new HashMap<>();
      Matcher matcher = FIELD.matcher(line);
      while (matcher.find()) {
        String raw = matcher.group(2);
        if (!raw.equals("null")) {
          fields.put(
              matcher.group(1), raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw);
        }
      }
      return fields;
    }

    Map<String, Object> asLedger() {
      Map<String, Object> ledger = new LinkedHashMap<>();
      ledger.put("blank_lines", blankLines);
      ledger.put("duplicates", cleanLines - keys.size());
      ledger.put("late_rows", lateRows);
      ledger.put("lines", lines);
      ledger.put("quarantined", new TreeMap<>(quarantined));
      ledger.put("rows_kept", (long) keys.size());
      return ledger;
    }
  }

  /** Just enough JSON to read the generator's own pretty-printed ground truth. */
  private static final class MiniJson {
    private final String text;
    private int position;

    private MiniJson(String text) {
      this.text = text;
    }

    static Map<String, Object> parseObject(String text) {
      return object(new MiniJson(text).value());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
      return (Map<String, Object>) value;
    }

    private Object value() {
      skipSpace();
      char c = text.charAt(position);
      if (c == '{') {
        Map<String, Object> map = new TreeMap<>();
        position++;
        while (peek() != '}') {
          String key = string();
          expect(':');
          map.put(key, value());
          if (peek() == ',') {
            position++;
          }
        }
        position++;
        return map;
      }
      if (c == '"') {
        return string();
      }
      int start = position;
      while (position < text.length() && "-+.eE0123456789".indexOf(text.charAt(position)) >= 0) {
        position++;
      }
      String number = text.substring(start, position);
      return number.contains(".") ? (Object) Double.parseDouble(number) : Long.parseLong(number);
    }

    private String string() {
      expect('"');
      int end = text.indexOf('"', position);
      String value = text.substring(position, end);
      position = end + 1;
      return value;
    }

    private char peek() {
      skipSpace();
      return text.charAt(position);
    }

    private void expect(char c) {
      assertThat(peek()).isEqualTo(c);
      position++;
    }

    private void skipSpace() {
      while (Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }
  }
}
