package org.journeywarehouse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks a session's channel and spells how it arrives: the landing URL with its UTM and click id
 * parameters and the referrer, so GA4's channel rules give back the planted channel. Campaign names
 * avoid "shop" and "cross-network", which would trigger other GA4 rules.
 */
final class ChannelMix {
  static final String SHOP = "https://shop.example.com";
  private static final Channel[] CHANNELS = Channel.values();
  private static final double FAVORITE_SHARE = 0.35;
  private static final double EMAIL_WITHOUT_SUBSCRIPTION = 0.2;

  private static final List<String> SEARCH_ENGINES =
      List.of(
          "https://www.google.com/",
          "https://www.google.com/",
          "https://www.google.co.uk/",
          "https://www.bing.com/",
          "https://duckduckgo.com/");
  // Followed by a random token: t.co links are unique, the others get a harmless path.
  private static final List<String> SOCIAL_SITES =
      List.of(
          "https://www.facebook.com/",
          "https://l.facebook.com/l.php?u=",
          "https://www.instagram.com/",
          "https://t.co/",
          "https://www.reddit.com/r/");
  // Followed by a number, like a forum thread or article id.
  private static final List<String> REFERRING_PAGES =
      List.of(
          "https://news.example.org/gear/best-running-jackets-",
          "https://blog.example.net/reviews/trail-shoes-",
          "https://forum.example.com/t/sizing-advice/");
  private static final List<String> EMAIL_CAMPAIGNS =
      List.of("weekly_digest", "winter_sale", "cart_reminder", "welcome_series");
  private static final List<String> AFFILIATES = List.of("dealfinder", "cashback_club");
  private static final List<String> DISPLAY_NETWORKS = List.of("criteo", "adnetwork");
  private static final List<String> DISPLAY_MEDIUMS =
      List.of("display", "display", "banner", "cpm");
  private static final List<String> DISPLAY_CAMPAIGNS =
      List.of("retargeting_q4", "prospecting_banners");

  /** How a session arrives; any part may be null. */
  record Landing(
      String pageUrl, String referrer, String utmSource, String utmMedium, String utmCampaign) {}

  private ChannelMix() {}

  /**
   * A session's channel: the person's favorite a third of the time, else the overall mix, with
   * Email rare for people not (yet) on the mailing list.
   */
  static Channel draw(SplittableRandom random, Channel favorite, boolean onMailingList) {
    if (Draws.chance(random, FAVORITE_SHARE)) {
      return favorite;
    }
    double[] weights = new double[CHANNELS.length];
    for (Channel channel : CHANNELS) {
      boolean muted = channel == Channel.EMAIL && !onMailingList;
      weights[channel.ordinal()] =
          channel.sessionShare() * (muted ? EMAIL_WITHOUT_SUBSCRIPTION : 1);
    }
    return CHANNELS[Draws.pickWeighted(random, weights)];
  }

  /** A person's favorite channel, drawn from the overall session mix. */
  static Channel favorite(SplittableRandom random) {
    double[] weights = new double[CHANNELS.length];
    for (Channel channel : CHANNELS) {
      weights[channel.ordinal()] = channel.sessionShare();
    }
    return CHANNELS[Draws.pickWeighted(random, weights)];
  }

  static Landing landing(Channel channel, String path, SplittableRandom random) {
    String page = SHOP + path;
    return switch (channel) {
      case DIRECT -> new Landing(page, null, null, null, null);
      case ORGANIC_SEARCH -> referred(page, Draws.pick(random, SEARCH_ENGINES));
      case PAID_SEARCH -> paidSearch(page, random);
      case PAID_SOCIAL -> paidSocial(page, random);
      case ORGANIC_SOCIAL ->
          referred(page, Draws.pick(random, SOCIAL_SITES) + Draws.token(random, 10));
      case EMAIL ->
          tagged(
              page, null, "newsletter", "email", Draws.pick(random, EMAIL_CAMPAIGNS), null, random);
      case REFERRAL ->
          referred(page, Draws.pick(random, REFERRING_PAGES) + (1000 + random.nextInt(9000)));
      case AFFILIATES ->
          tagged(
              page,
              "https://deals.example.net/",
              Draws.pick(random, AFFILIATES),
              "affiliate",
              "partner_program",
              null,
              random);
      case DISPLAY ->
          tagged(
              page,
              null,
              Draws.pick(random, DISPLAY_NETWORKS),
              Draws.pick(random, DISPLAY_MEDIUMS),
              Draws.pick(random, DISPLAY_CAMPAIGNS),
              null,
              random);
    };
  }

  /** Arrives by a link on another site: only a referrer, no UTM. */
  private static Landing referred(String page, String referrer) {
    return new Landing(page, referrer, null, null, null);
  }

  private static Landing paidSearch(String page, SplittableRandom random) {
    String campaign = Draws.pick(random, List.of("brand_search", "generic_running", "jackets"));
    if (Draws.chance(random, 0.2)) {
      return tagged(
          page,
          "https://www.bing.com/",
          "bing",
          "cpc",
          campaign,
          "msclkid=" + Draws.token(random, 32).replace('-', '0').replace('_', '1'),
          random);
    }
    String gclid = "gclid=Cj0K" + Draws.token(random, 40);
    if (Draws.chance(random, 0.3)) {
      // Auto-tagged ads carry only the click id; GA4 reads gclid without UTMs as google / cpc.
      return new Landing(page + "?" + gclid, "https://www.google.com/", null, null, null);
    }
    return tagged(page, "https://www.google.com/", "google", "cpc", campaign, gclid, random);
  }

  private static Landing paidSocial(String page, SplittableRandom random) {
    boolean instagram = Draws.chance(random, 0.4);
    String referrer =
        Draws.chance(random, 0.3)
            ? null
            : instagram ? "https://l.instagram.com/" : "https://l.facebook.com/";
    return tagged(
        page,
        referrer,
        instagram ? "instagram" : "facebook",
        Draws.pick(random, List.of("paid_social", "cpc")),
        Draws.pick(random, List.of("autumn_launch", "lookalike_buyers")),
        "fbclid=IwAR" + Draws.token(random, 40),
        random);
  }

  private static Landing tagged(
      String page,
      String referrer,
      String source,
      String medium,
      String campaign,
      String clickId,
      SplittableRandom random) {
    StringBuilder url =
        new StringBuilder(page)
            .append(page.contains("?") ? '&' : '?')
            .append("utm_source=")
            .append(source)
            .append("&utm_medium=")
            .append(medium);
    if (campaign != null) {
      url.append("&utm_campaign=").append(campaign);
    }
    if (clickId != null) {
      url.append('&').append(clickId);
    }
    if (Draws.chance(random, 0.2)) {
      url.append("&utm_content=").append(Draws.pick(random, List.of("hero", "footer", "v2")));
    }
    return new Landing(url.toString(), referrer, source, medium, campaign);
  }
}
