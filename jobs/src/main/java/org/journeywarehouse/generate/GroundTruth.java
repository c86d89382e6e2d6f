package org.journeywarehouse.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code <out>/_ground_truth/}: who each identifier and record belongs to, the planted
 * channel effect, the dirt ledger and a summary. Records and identities stream out person by
 * person; the rest is written at the end. The leading underscore keeps ingestion out.
 */
final class GroundTruth implements Closeable {
  static final String FOLDER = "_ground_truth";

  private final Path folder;
  private final Writer identities;
  private final Writer records;
  private final Map<String, Long> peopleBySegment = new TreeMap<>();
  private final Map<String, Long> revenueBySegment = new TreeMap<>();
  private long sessions;
  private long orders;
  private long tickets;
  private long responses;

  GroundTruth(Path out) throws IOException {
    this.folder = out.resolve(FOLDER);
    Files.createDirectories(folder);
    this.identities =
        openCsv(folder.resolve("identities.csv.gz"), "person_id,identifier_type,identifier");
    this.records = openCsv(folder.resolve("records.csv.gz"), "source,record_id,person_id");
  }

  Path folder() {
    return folder;
  }

  /** Streams one simulated person's identities and records. */
  void add(Person person, PersonTrace trace) throws IOException {
    String personId = person.personId();
    for (String identity : trace.identities()) {
      identities.write(personId + "," + identity + "\n");
    }
    for (String record : trace.records()) {
      records.write(record + "," + personId + "\n");
    }
    String segment = person.segment().label();
    peopleBySegment.merge(segment, 1L, Long::sum);
    revenueBySegment.merge(segment, trace.countedRevenueEuroCents(), Long::sum);
    sessions += trace.sessions();
    orders += trace.orders();
    tickets += trace.tickets();
    responses += trace.responses();
  }

  long sessions() {
    return sessions;
  }

  long orders() {
    return orders;
  }

  /** Closes the CSV files and writes the JSON files. */
  void finish(GeneratorOptions options, DeliveryLedger ledger, Map<String, Long> linesBySource)
      throws IOException {
    close();
    Map<String, Object> dirt = new TreeMap<>();
    dirt.put("dirt_rate", options.dirtRate());
    dirt.put("seed", options.seed());
    dirt.put("sources", ledger.bySourceAndDay());
    dirt.put("totals", ledger.totals());
    Files.writeString(folder.resolve("dirt.json"), PrettyJson.render(dirt));
    Files.writeString(folder.resolve("channel_effect.json"), PrettyJson.render(channelEffect()));
    Files.writeString(
        folder.resolve("summary.json"), PrettyJson.render(summary(options, linesBySource)));
  }

  @Override
  public void close() throws IOException {
    try {
      identities.close();
    } finally {
      records.close();
    }
  }

  private static Map<String, Object> channelEffect() {
    Map<String, Object> multipliers = new TreeMap<>();
    for (Channel channel : Channel.values()) {
      multipliers.put(channel.label(), channel.conversionMultiplier());
    }
    Map<String, Object> effect = new TreeMap<>();
    effect.put("conversion_multiplier", multipliers);
    effect.put("strongest", Channel.strongest().label());
    effect.put("weakest", Channel.weakest().label());
    return effect;
  }

  private Map<String, Object> summary(GeneratorOptions options, Map<String, Long> lines) {
    long totalRevenue = revenueBySegment.values().stream().mapToLong(Long::longValue).sum();
    long loyalRevenue = revenueBySegment.getOrDefault(Segment.LOYAL_BUYER.label(), 0L);
    Map<String, Object> summary = new TreeMap<>();
    summary.put("people", (long) options.people());
    summary.put("people_by_segment", new TreeMap<>(peopleBySegment));
    summary.put("sessions", sessions);
    summary.put("orders", orders);
    summary.put("tickets", tickets);
    summary.put("responses", responses);
    summary.put("lines", new TreeMap<>(lines));
    summary.put("counted_revenue_eur", BigDecimal.valueOf(totalRevenue, 2));
    summary.put(
        "loyal_revenue_share",
        totalRevenue == 0
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(loyalRevenue)
                .divide(BigDecimal.valueOf(totalRevenue), 4, RoundingMode.HALF_UP));
    summary.put("scale", options.scale());
    summary.put("days", (long) options.days());
    summary.put("start", options.start().toString());
    summary.put("seed", options.seed());
    summary.put("dirt_rate", options.dirtRate());
    return summary;
  }

  private static Writer openCsv(Path path, String header) throws IOException {
    Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(path), 1 << 15), StandardCharsets.UTF_8),
            1 << 15);
    writer.write(header + "\n");
    return writer;
  }
}
