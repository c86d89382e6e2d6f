package org.journeywarehouse.silver.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * GA4's default channel group ("[GA4] Default channel group", rules and pre-processing as
 * summarized in shared/reference/marts.md section 2) on the real {@code conf/channels.conf}.
 * Notation in the comments: PAID = {@code ^(.*cp.*|ppc|retargeting|paid.*)$}, SHOP = {@code
 * ^(.*(([^a-df-z]|^)shop|shopping).*)$}; "rule n" is GA4's priority.
 */
class ChannelGroupingTest {
  /** The shipped file; Maven runs tests in the jobs module's folder. */
  private static final ChannelRules RULES =
      ChannelRules.fromFile(Path.of("..", "conf", "channels.conf"));
  private static final String SHOP = "https://shop.example.com/jackets";
  private static final StructType SESSIONS =
      new StructType()
          .add("case", DataTypes.StringType)
          .add("utm_source", DataTypes.StringType)
          .add("utm_medium", DataTypes.StringType)
          .add("utm_campaign", DataTypes.StringType)
          .add("referrer", DataTypes.StringType)
          .add("page_url", DataTypes.StringType);
  private static final StructType GROUPED =
      new StructType()
          .add("case", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("medium", DataTypes.StringType)
          .add("campaign", DataTypes.StringType)
          .add("click_id_type", DataTypes.StringType)
          .add("channel", DataTypes.StringType);

  /** Every GA4 channel, reached from UTMs: (source, medium, campaign) -> channel. */
  private static final List<Case> EVERY_CHANNEL =
      List.of(
          // Rule 1: source = (direct) AND medium IN ((none), (not set)); no UTM, no referrer.
          landing("direct", null, null, null, null, SHOP)
              .gives("(direct)", "(none)", "(direct)", null, "Direct"),
          // Rule 2: campaign contains cross-network, ahead of google/cpc's Paid Search.
          landing("cross-network", "google", "cpc", "pmax_cross-network_q4", null, SHOP)
              .gives("google", "cpc", "pmax_cross-network_q4", null, "Cross-network"),
          // Rule 3: cat = SHOPPING AND m ~ PAID (amazon is a shopping site, cpc is paid).
          landing("paid shopping by site", "amazon", "cpc", "spring", null, SHOP)
              .gives("amazon", "cpc", "spring", null, "Paid Shopping"),
          // Rule 3: c ~ SHOP AND m ~ PAID, for a source in no category.
          landing("paid shopping by campaign", "criteo", "ppc", "winter_shopping", null, SHOP)
              .gives("criteo", "ppc", "winter_shopping", null, "Paid Shopping"),
          // Rule 4: cat = SEARCH AND m ~ PAID.
          landing("paid search", "google", "cpc", "brand", null, SHOP + "?gclid=abc")
              .gives("google", "cpc", "brand", "gclid", "Paid Search"),
          // Rule 5: cat = SOCIAL AND m ~ PAID (paid_social matches paid.*).
          landing("paid social", "facebook", "paid_social", "autumn", null, SHOP + "?fbclid=x1")
              .gives("facebook", "paid_social", "autumn", "fbclid", "Paid Social"),
          // Rule 6: cat = VIDEO AND m ~ PAID (cpv contains cp).
          landing("paid video", "youtube", "cpv", "launch", null, SHOP)
              .gives("youtube", "cpv", "launch", null, "Paid Video"),
          // Rule 7: m IN (display, banner, expandable, interstitial, cpm).
          landing("display", "adnetwork", "banner", "q4", null, SHOP)
              .gives("adnetwork", "banner", "q4", null, "Display"),
          // Rule 8: m ~ PAID with a source in no category and no display medium.
          landing("paid other", "partnerx", "paid", "q4", null, SHOP)
              .gives("partnerx", "paid", "q4", null, "Paid Other"),
          // Rule 9: cat = SHOPPING, no paid medium.
          landing("organic shopping", "ebay", "listing", null, null, SHOP)
              .gives("ebay", "listing", "(not set)", null, "Organic Shopping"),
          // Rule 10: m IN (social, social-network, social-media, sm, social network, social media).
          landing("organic social by medium", "forum-post", "sm", null, null, SHOP)
              .gives("forum-post", "sm", "(not set)", null, "Organic Social"),
          // Rule 11: m ~ ^(.*video.*)$.
          landing("organic video", "brightcove", "video-embed", null, null, SHOP)
              .gives("brightcove", "video-embed", "(not set)", null, "Organic Video"),
          // Rule 12: m = organic, for a source in no category.
          landing("organic search by medium", "ecosia-partner", "organic", null, null, SHOP)
              .gives("ecosia-partner", "organic", "(not set)", null, "Organic Search"),
          // Rule 13: m IN (referral, app, link).
          landing("referral", "partner-blog", "link", "gift-guide", null, SHOP)
              .gives("partner-blog", "link", "gift-guide", null, "Referral"),
          // Rule 14: m IN (email, e-mail, e_mail, e mail).
          landing("email", "newsletter", "email", "weekly_digest", null, SHOP)
              .gives("newsletter", "email", "weekly_digest", null, "Email"),
          // Rule 15: m = affiliate.
          landing("affiliates", "dealfinder", "affiliate", "partner_program", null, SHOP)
              .gives("dealfinder", "affiliate", "partner_program", null, "Affiliates"),
          // Rule 16: m = audio.
          landing("audio", "spotify", "audio", "podcast_ad", null, SHOP)
              .gives("spotify", "audio", "podcast_ad", null, "Audio"),
          // Rule 17: s = sms OR m = sms.
          landing("sms", "sms", "text", "flash_sale", null, SHOP)
              .gives("sms", "text", "flash_sale", null, "SMS"),
          // Rule 18: m ends with push, contains mobile or notification, or s = firebase.
          landing("mobile push", "braze", "web-push", null, null, SHOP)
              .gives("braze", "web-push", "(not set)", null, "Mobile Push Notifications"),
          landing("mobile push by source", "firebase", "inapp", null, null, SHOP)
              .gives("firebase", "inapp", "(not set)", null, "Mobile Push Notifications"),
          // Rule 19: nothing above matches -> Unassigned.
          landing("unassigned", "flyer", "qr", null, null, SHOP)
              .gives("flyer", "qr", "(not set)", null, "Unassigned"));

  /** Orderings GA4's priority decides (marts.md section 2.3, "consequences"). */
  private static final List<Case> PRIORITIES =
      List.of(
          // google is SEARCH and cpm ~ PAID: rule 4 wins over rule 7's cpm.
          landing("google cpm", "google", "cpm", null, null, SHOP)
              .gives("google", "cpm", "(not set)", null, "Paid Search"),
          // criteo is in no category: rule 7 (cpm) comes before rule 8 (PAID).
          landing("criteo cpm", "criteo", "cpm", null, null, SHOP)
              .gives("criteo", "cpm", "(not set)", null, "Display"),
          // facebook is SOCIAL: rule 10 comes before rule 14's email medium.
          landing("facebook email", "facebook", "email", null, null, SHOP)
              .gives("facebook", "email", "(not set)", null, "Organic Social"),
          // google is SEARCH: rule 12 comes before rule 13's referral medium.
          landing("google referral", "google", "referral", null, null, SHOP)
              .gives("google", "referral", "(not set)", null, "Organic Search"),
          // GA4's email rule is exact: weekly-email is none of the four spellings.
          landing("email is exact", "newsletter", "weekly-email", null, null, SHOP)
              .gives("newsletter", "weekly-email", "(not set)", null, "Unassigned"));

  /** How source / medium are filled before the rules (marts.md section 2.1). */
  private static final List<Case> PRE_PROCESSING =
      List.of(
          // An untagged Google Ads click: gclid and no UTM -> google / cpc, over the referrer.
          landing("gclid only", null, null, null, "https://www.google.com/", SHOP + "?gclid=Cj0Kabc")
              .gives("google", "cpc", "(not set)", "gclid", "Paid Search"),
          // gbraid (iOS Google Ads click) implies google / cpc too, with no referrer at all.
          landing("gbraid only", null, null, null, null, SHOP + "?size=m&gbraid=0AAAA")
              .gives("google", "cpc", "(not set)", "gbraid", "Paid Search"),
          // Referrer on a search engine -> <engine> / organic / (organic): rule 12 by category.
          landing("google referrer", null, null, null, "https://www.google.com/", SHOP)
              .gives("google", "organic", "(organic)", null, "Organic Search"),
          landing("google.co.uk referrer", null, null, null, "https://www.google.co.uk/search?q=x", SHOP)
              .gives("google", "organic", "(organic)", null, "Organic Search"),
          landing("duckduckgo referrer", null, null, null, "https://duckduckgo.com/", SHOP)
              .gives("duckduckgo", "organic", "(organic)", null, "Organic Search"),
          // Any other referrer -> <host> / referral; facebook.com is SOCIAL: rule 10.
          landing("facebook referrer", null, null, null, "https://www.facebook.com/", SHOP)
              .gives("facebook.com", "referral", "(referral)", null, "Organic Social"),
          // fbclid implies nothing (Facebook adds it to organic links too): still the referrer.
          landing(
                  "fbclid with referrer", null, null, null,
                  "https://l.facebook.com/l.php?u=x", SHOP + "?fbclid=IwAR1")
              .gives("l.facebook.com", "referral", "(referral)", "fbclid", "Organic Social"),
          landing("t.co referrer", null, null, null, "https://t.co/abc123", SHOP)
              .gives("t.co", "referral", "(referral)", null, "Organic Social"),
          // etsy.com is SHOPPING by its domain label: rule 9 before rule 13.
          landing("etsy referrer", null, null, null, "https://www.etsy.com/listing/1", SHOP)
              .gives("etsy.com", "referral", "(referral)", null, "Organic Shopping"),
          landing("youtube referrer", null, null, null, "https://m.youtube.com/watch?v=1", SHOP)
              .gives("m.youtube.com", "referral", "(referral)", null, "Organic Video"),
          // A site in no category: rule 13 (m = referral).
          landing("news referrer", null, null, null, "https://news.example.org/gear/best-1234", SHOP)
              .gives("news.example.org", "referral", "(referral)", null, "Referral"),
          // Payment pages and the shop itself are ignored referrers: no referrer -> Direct.
          landing("paypal referrer", null, null, null, "https://www.paypal.com/", SHOP)
              .gives("(direct)", "(none)", "(direct)", null, "Direct"),
          landing("own site referrer", null, null, null, "https://shop.example.com/cart", SHOP)
              .gives("(direct)", "(none)", "(direct)", null, "Direct"),
          // UTMs win over the referrer and the click id; GA4's rules are case-insensitive, so
          // values are trimmed (no-break space included) and lower-cased first.
          landing(
                  "mixed case", " Google\u00a0", "CPC", "Brand_Search",
                  "https://www.bing.com/", SHOP + "?gclid=x")
              .gives("google", "cpc", "brand_search", "gclid", "Paid Search"),
          landing("mixed case email", "Newsletter", "E-Mail", "Winter_Sale", null, SHOP)
              .gives("newsletter", "e-mail", "winter_sale", null, "Email"),
          // Only utm_source: the medium is (not set); the source alone names no channel.
          landing("source only", "partner", null, null, null, SHOP)
              .gives("partner", "(not set)", "(not set)", null, "Unassigned"),
          // Blank UTMs count as absent: the session is direct.
          landing("blank utm", " ", "", null, null, SHOP)
              .gives("(direct)", "(none)", "(direct)", null, "Direct"),
          // No page URL at all still groups (no click id).
          landing("no page url", null, null, null, null, null)
              .gives("(direct)", "(none)", "(direct)", null, "Direct"));

  @Test
  void everyGa4ChannelComesFromItsDocumentedRule() {
    assertGroups(EVERY_CHANNEL);
    assertThat(EVERY_CHANNEL.stream().map(c -> c.expected()[5]).distinct())
        .containsExactlyInAnyOrderElementsOf(
            concat(RULES.channels(), List.of(RULES.unmatchedChannel())));
  }

  @Test
  void earlierRulesWinAsGa4OrdersThem() {
    assertGroups(PRIORITIES);
  }

  @Test
  void sourceAndMediumAreFilledFromClickIdsAndReferrersWhenUtmsAreMissing() {
    assertGroups(PRE_PROCESSING);
  }

  @Test
  void everySessionIsStampedWithTheRulesVersion() {
    Dataset<Row> grouped = ChannelGrouping.withChannel(sessions(EVERY_CHANNEL.subList(0, 2)), RULES);
    assertThat(grouped.select("channel_rules_version").as(Encoders.STRING()).collectAsList())
        .containsExactly("ga4-default-2024.1", "ga4-default-2024.1");
  }

  @Test
  void theShippedRulesAreGa4sInGa4sOrder() {
    assertThat(RULES.channels())
        .containsExactly(
            "Direct", "Cross-network", "Paid Shopping", "Paid Search", "Paid Social",
            "Paid Video", "Display", "Paid Other", "Organic Shopping", "Organic Social",
            "Organic Video", "Organic Search", "Referral", "Email", "Affiliates", "Audio", "SMS",
            "Mobile Push Notifications");
    assertThat(RULES.unmatchedChannel()).isEqualTo("Unassigned");
  }

  @Test
  void theClickIdIsTheValueOfTheClickIdTypeParameterAsWritten() {
    // click_id_type is the first parameter listed in click-ids with a non-empty value (gclid
    // before fbclid); click_id is its value up to the next '&' or '#', not URL-decoded.
    Dataset<Row> landings =
        rows(
            SESSIONS,
            landing("gclid", null, null, null, null, SHOP + "?size=m&gclid=Cj0K-a_b&x=1").input(),
            landing("fbclid and fragment", null, null, null, null, SHOP + "?fbclid=IwAR%2B1#top").input(),
            landing("both, gclid first", null, null, null, null, SHOP + "?fbclid=f1&gclid=g1").input(),
            landing("empty gclid", null, null, null, null, SHOP + "?gclid=&fbclid=f2").input(),
            landing("in the path only", null, null, null, null, SHOP + "/gclid=no").input(),
            landing("none", null, null, null, null, SHOP).input());
    Dataset<Row> grouped =
        ChannelGrouping.withChannel(landings, RULES)
            .select("case", "click_id_type", "click_id");
    assertThat(grouped.collectAsList().stream().map(Row::toString))
        .containsExactlyInAnyOrder(
            "[gclid,gclid,Cj0K-a_b]",
            "[fbclid and fragment,fbclid,IwAR%2B1]",
            "[both, gclid first,gclid,g1]",
            "[empty gclid,fbclid,f2]",
            "[in the path only,null,null]",
            "[none,null,null]");
  }

  @Test
  void theJobsRulesComeFromTheConfFolderOrTheJarsCopy() {
    // bin/journey sets journey.conf.dir to the repository's conf/; without it the copy Maven
    // packs under conf/ in the jar (target/classes here) is read. Both are the shipped file.
    assertThat(ChannelRules.load(Optional.of(TestSpark.confDir()))).isEqualTo(RULES);
    assertThat(ChannelRules.load(Optional.empty())).isEqualTo(RULES);
    Path missing = TestSpark.temporaryFolder("no-conf");
    assertThatThrownBy(() -> ChannelRules.load(Optional.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel rules:")
        .hasMessageContaining("channels.conf");
  }

  @Test
  void anUnknownConditionKeyNamesTheRuleAndTheKey() {
    assertThatThrownBy(() -> rulesWith("{ channel = \"Paid Search\", when { medium-match = cpc } }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journey.channels.rules[1] (Paid Search)")
        .hasMessageContaining("unknown condition key when.medium-match")
        .hasMessageContaining("known: source-in, medium-in");
  }

  @Test
  void aTypoInTheShippedFileNamesTheRuleTheKeyAndTheLine() throws IOException {
    Path shipped = Path.of("..", "conf", "channels.conf");
    String text = Files.readString(shipped);
    Path edited = TestSpark.temporaryFolder("channels").resolve("channels.conf");
    Files.writeString(edited, text.replace("medium-in = [affiliate]", "medium-is = [affiliate]"));
    // Affiliates is GA4's 15th rule: index 14. The line is the one holding the typo.
    long line = text.lines().takeWhile(l -> !l.contains("medium-in = [affiliate]")).count() + 1;
    assertThatThrownBy(() -> ChannelRules.fromFile(edited))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journey.channels.rules[14] (Affiliates)")
        .hasMessageContaining("unknown condition key when.medium-is")
        .hasMessageContaining("channels.conf: " + line);
  }

  @Test
  void aBadRegexNamesTheRuleAndTheKey() {
    assertThatThrownBy(
            () -> rulesWith(
                """
                { channel = "Paid Other", when { any-of = [
                    { source-in = [x] }, { medium-matches = "^(cp" }
                ] } }
                """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journey.channels.rules[1] (Paid Other)")
        .hasMessageContaining("when.any-of[1].medium-matches = \"^(cp\"")
        .hasMessageContaining("is not a valid regex");
  }

  @Test
  void anUnknownCategoryNamesTheRuleAndTheKnownOnes() {
    assertThatThrownBy(() -> rulesWith("{ channel = Video, when { source-in-category = vidoe } }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journey.channels.rules[1] (Video): when.source-in-category = 'vidoe'")
        .hasMessageContaining("known: search, video");
  }

  private static void assertGroups(List<Case> cases) {
    Dataset<Row> grouped =
        ChannelGrouping.withChannel(sessions(cases), RULES)
            .select("case", "source", "medium", "campaign", "click_id_type", "channel");
    Dataset<Row> expected = rows(GROUPED, cases.stream().map(Case::expected).toArray(Object[][]::new));
    // Row by row first: a failure then names the case and the values that differ.
    assertThat(grouped.collectAsList()).containsExactlyInAnyOrderElementsOf(expected.collectAsList());
    assertSameRows(expected, grouped);
  }

  private static Dataset<Row> sessions(List<Case> cases) {
    return rows(SESSIONS, cases.stream().map(Case::input).toArray(Object[][]::new));
  }

  /** A minimal valid file whose second rule (index 1, after Direct) is the one given. */
  private static ChannelRules rulesWith(String rule) {
    return ChannelRules.from(
        ConfigFactory.parseString(
                """
                journey.channels {
                  rules-version = test, unmatched-channel = Unassigned
                  source-categories { search = [google], video = [youtube] }
                  pre-processing {
                    click-ids = [{ parameter = gclid, source = google, medium = cpc }]
                    ignored-referrers = []
                  }
                  rules = [
                    { channel = Direct, when { source-in = ["(direct)"], medium-in = ["(none)"] } }
                    %s
                  ]
                }
                """
                    .formatted(rule))
            .resolve());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static Landing landing(
      String name,
      String utmSource,
      String utmMedium,
      String utmCampaign,
      String referrer,
      String pageUrl) {
    return new Landing(new Object[] {name, utmSource, utmMedium, utmCampaign, referrer, pageUrl});
  }

  private record Landing(Object[] input) {
    Case gives(String source, String medium, String campaign, String clickIdType, String channel) {
      return new Case(input, new Object[] {input[0], source, medium, campaign, clickIdType, channel});
    }
  }

  private record Case(Object[] input, Object[] expected) {}
}
