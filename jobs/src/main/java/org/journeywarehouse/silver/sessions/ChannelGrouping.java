package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.spark.Whitespace;
import org.journeywarehouse.silver.sessions.ChannelRules.ClickId;
import org.journeywarehouse.silver.sessions.ChannelRules.Condition;

/**
 * GA4's default channel group as Spark expressions: fills source / medium / campaign the way
 * GA4 does when UTMs are missing, then names the channel with one CASE WHEN built from {@link
 * ChannelRules} (first match wins). Pure: built-in functions only, no UDF, no I/O.
 */
public final class ChannelGrouping {
  /** GA4's spellings for a session with no source information. */
  static final String DIRECT = "(direct)";
  static final String NONE = "(none)";
  static final String NOT_SET = "(not set)";
  static final String ORGANIC = "organic";
  static final String REFERRAL = "referral";

  /** The host of a URL, with or without a scheme, skipping any user info. */
  private static final String URL_HOST = "^(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#@]*@)?([^/?#:@]+)";
  /** The domain label before the public suffix: www.google.co.uk and google.com give google. */
  private static final String DOMAIN_LABEL =
      "([^.]+)\\.(?:(?:co|com|net|org|gov|edu|ac|ne|or|go)\\.[a-z]{2}|[a-z0-9-]+)$";

  private static final String UTM_SOURCE = "_channel_utm_source";
  private static final String UTM_MEDIUM = "_channel_utm_medium";
  private static final String UTM_CAMPAIGN = "_channel_utm_campaign";
  private static final String REFERRER_HOST = "_channel_referrer_host";
  private static final String SOURCE_CATEGORY = "_channel_source_category";

  private ChannelGrouping() {}

  /**
   * Adds {@code source, medium, campaign} (lower-cased, GA4's pre-processing applied), {@code
   * click_id_type} (the first configured click id in the landing URL's query, else null), {@code
   * click_id} (that parameter's value), {@code channel} and {@code channel_rules_version} to rows
   * with the nullable string columns {@code utm_source, utm_medium, utm_campaign, referrer,
   * page_url}.
   */
  public static Dataset<Row> withChannel(Dataset<Row> sessions, ChannelRules rules) {
    return sessions
        .withColumn(UTM_SOURCE, cleaned(col("utm_source")))
        .withColumn(UTM_MEDIUM, cleaned(col("utm_medium")))
        .withColumn(UTM_CAMPAIGN, cleaned(col("utm_campaign")))
        .withColumn("click_id_type", clickIdType(rules.clickIds()))
        .withColumn("click_id", clickId(rules.clickIds()))
        .withColumn(REFERRER_HOST, referrerHost(rules.ignoredReferrers()))
        .withColumns(trafficSource(rules))
        .withColumn(SOURCE_CATEGORY, category(col("source"), rules.sourceCategories()))
        .withColumn("channel", channel(rules))
        .withColumn("channel_rules_version", lit(rules.version()))
        .drop(UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, REFERRER_HOST, SOURCE_CATEGORY);
  }

  /** GA4's pre-processing: UTMs, else an implying click id, else the referrer, else direct. */
  private static Map<String, Column> trafficSource(ChannelRules rules) {
    Column utm = col(UTM_SOURCE).isNotNull().or(col(UTM_MEDIUM).isNotNull());
    Column impliedSource = implied(rules.clickIds(), ClickId::source);
    Column impliedMedium = implied(rules.clickIds(), ClickId::medium);
    Column host = col(REFERRER_HOST);
    Map<String, List<String>> categories = rules.sourceCategories();
    Column search = category(host, categories).equalTo(ChannelRules.SEARCH_CATEGORY);
    // A search engine is named as Google lists it: www.google.co.uk -> google.
    Object[] engines = categories.get(ChannelRules.SEARCH_CATEGORY).toArray();
    Column engine = when(host.isin(engines), host).otherwise(domainLabel(host));
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put(
        "source",
        when(utm, coalesce(col(UTM_SOURCE), lit(NOT_SET)))
            .when(impliedSource.isNotNull(), impliedSource)
            .when(search, engine)
            .when(host.isNotNull(), host)
            .otherwise(DIRECT));
    columns.put(
        "medium",
        when(utm, coalesce(col(UTM_MEDIUM), lit(NOT_SET)))
            .when(impliedMedium.isNotNull(), impliedMedium)
            .when(search, ORGANIC)
            .when(host.isNotNull(), REFERRAL)
            .otherwise(NONE));
    columns.put(
        "campaign",
        coalesce(
            col(UTM_CAMPAIGN),
            when(utm.or(impliedSource.isNotNull()), NOT_SET)
                .when(search, "(organic)")
                .when(host.isNotNull(), "(referral)")
                .otherwise(DIRECT)));
    return columns;
  }

  /** The source (or medium) the session's click id implies; null when it implies none. */
  private static Column implied(List<ClickId> clickIds, Function<ClickId, Optional<String>> part) {
    Column implied = lit(null).cast(DataTypes.StringType);
    for (ClickId clickId : clickIds) {
      if (part.apply(clickId).isPresent()) {
        Column isThisOne = col("click_id_type").equalTo(clickId.parameter());
        implied = when(isThisOne, part.apply(clickId).get()).otherwise(implied);
      }
    }
    return implied;
  }

  /** Lower-cased, edge white space removed, blank as null. */
  private static Column cleaned(Column value) {
    Column trimmed = lower(regexp_replace(value, Whitespace.EDGES, ""));
    return when(trimmed.notEqual(""), trimmed);
  }

  /** The first click id parameter with a value in the landing URL's query string. */
  private static Column clickIdType(List<ClickId> clickIds) {
    Column type = lit(null).cast(DataTypes.StringType);
    // Built from the last parameter back, so the first one listed is tested first.
    for (int i = clickIds.size() - 1; i >= 0; i--) {
      String parameter = clickIds.get(i).parameter();
      type = when(col("page_url").rlike(clickIdPattern(parameter)), parameter).otherwise(type);
    }
    return type;
  }

  /**
   * The value of the {@code click_id_type} parameter in the landing URL, as written: not
   * URL-decoded, since ad platforms match the id they issued byte for byte and Spark 3.5's
   * url_decode fails the query on a malformed escape.
   */
  private static Column clickId(List<ClickId> clickIds) {
    Column value = lit(null).cast(DataTypes.StringType);
    for (ClickId clickId : clickIds) {
      String parameter = clickId.parameter();
      Column extracted = regexp_extract(col("page_url"), clickIdPattern(parameter), 1);
      value = when(col("click_id_type").equalTo(parameter), extracted).otherwise(value);
    }
    return value;
  }

  /**
   * A click id parameter with a non-empty value in a URL's query; group 1 is the value. Parameter
   * names are letters, digits and '_' (validated), so they need no quoting.
   */
  private static String clickIdPattern(String parameter) {
    return "[?&]" + parameter + "=([^&#]+)";
  }

  /** The referrer's host without "www.", null when absent or an ignored (own, payment) host. */
  private static Column referrerHost(List<String> ignored) {
    Column host =
        regexp_replace(regexp_extract(cleaned(col("referrer")), URL_HOST, 1), "^www\\.|\\.$", "");
    Column isIgnored = lit(false);
    for (String ignoredHost : ignored) {
      isIgnored = isIgnored.or(host.equalTo(ignoredHost)).or(host.endsWith("." + ignoredHost));
    }
    return when(host.notEqual("").and(isIgnored.unary_$bang()), host);
  }

  /**
   * The category a source is listed under: as written or without "www." first, then by its
   * domain label (facebook.com -> facebook), since Google's list holds mostly bare names.
   */
  private static Column category(Column source, Map<String, List<String>> categories) {
    Column bare = regexp_replace(source, "^www\\.", "");
    Column label = domainLabel(bare);
    Column exact = lit(null).cast(DataTypes.StringType);
    Column byLabel = lit(null).cast(DataTypes.StringType);
    for (Map.Entry<String, List<String>> category : categories.entrySet()) {
      Object[] sources = category.getValue().toArray();
      exact = when(source.isin(sources).or(bare.isin(sources)), category.getKey()).otherwise(exact);
      byLabel = when(label.isin(sources), category.getKey()).otherwise(byLabel);
    }
    return coalesce(exact, byLabel);
  }

  private static Column domainLabel(Column host) {
    return regexp_extract(host, DOMAIN_LABEL, 1);
  }

  /** One CASE WHEN over the rules in order; the first that holds names the channel. */
  private static Column channel(ChannelRules rules) {
    Column channel = null;
    for (ChannelRules.Rule rule : rules.rules()) {
      Column holds = holds(rule.when());
      channel = channel == null ? when(holds, rule.channel()) : channel.when(holds, rule.channel());
    }
    return channel.otherwise(rules.unmatchedChannel());
  }

  private static Column holds(Condition condition) {
    if (condition instanceof Condition.AllOf all) {
      return combined(all.conditions(), Column::and);
    }
    if (condition instanceof Condition.AnyOf any) {
      return combined(any.conditions(), Column::or);
    }
    if (condition instanceof Condition.ValueIn in) {
      return col(in.field().column()).isin(in.values().toArray());
    }
    if (condition instanceof Condition.Matches matches) {
      return col(matches.field().column()).rlike(matches.regex());
    }
    Condition.InCategory inCategory = (Condition.InCategory) condition;
    return col(SOURCE_CATEGORY).equalTo(inCategory.category());
  }

  private static Column combined(List<Condition> conditions, BinaryOperator<Column> operator) {
    return conditions.stream().map(ChannelGrouping::holds).reduce(operator).orElseThrow();
  }
}
