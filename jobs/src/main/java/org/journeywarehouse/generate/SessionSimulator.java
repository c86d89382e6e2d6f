package org.journeywarehouse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays one web session into {@code web_events}: picks the device and cookie, runs the {@link
 * BrowsingScript}, spaces events under 30 minutes apart, and attaches identities. Events carry
 * {@code user_id} only from a login or sign-up on, or from the start when the cookie is remembered
 * from an earlier login. A fifth of sessions have no session id.
 */
final class SessionSimulator {
  static final double SESSION_ID_SHARE = 0.8;
  private static final double REMEMBERED_LOGIN_SHARE = 0.6;
  private static final double PAYMENT_REFERRER_SHARE = 0.15;
  private static final long SECOND = 1000;
  private static final long MAX_GAP = 25 * 60 * SECOND;

  /** What the person sets out to do in this session. */
  record Plan(long start, Channel channel, boolean purchase, boolean signUp, boolean logIn) {}

  /** How the session ended; {@code orderId} is null without a purchase. */
  record Result(long end, String orderId, long purchaseAt, String customerId, String cookie) {}

  private final SimulationContext context;

  SessionSimulator(SimulationContext context) {
    this.context = context;
  }

  Result play(
      Person person, PersonState state, Plan plan, SplittableRandom random, PersonOutput output) {
    int device = state.pickDevice(random);
    String cookie = state.cookie(device, random);
    boolean remembered =
        state.hasAccount()
            && state.cookieLoggedIn(device)
            && !plan.signUp()
            && Draws.chance(random, REMEMBERED_LOGIN_SHARE);
    String identityEvent =
        plan.signUp()
            ? BrowsingScript.SIGN_UP
            : plan.logIn() && !remembered ? BrowsingScript.LOGIN : null;
    List<BrowsingScript.Step> steps =
        BrowsingScript.steps(
            new BrowsingScript.Intent(plan.purchase(), identityEvent, plan.purchase()), random);
    String sessionId = Draws.chance(random, SESSION_ID_SHARE) ? "s-" + Draws.uuid(random) : null;
    SessionEvents events =
        new SessionEvents(
            person.deviceIds().get(device), cookie, sessionId, OffsetStyle.pick(random), output);
    if (remembered) {
      events.userId = state.loginAccount(random);
    }
    Result result = emitSteps(person, state, plan, steps, events, random);
    if (events.userId != null) {
      state.markLoggedIn(device);
    }
    events.recordSession();
    return result;
  }

  /** Emits the steps in order; the landing step carries the channel's URL and referrer. */
  private Result emitSteps(
      Person person,
      PersonState state,
      Plan plan,
      List<BrowsingScript.Step> steps,
      SessionEvents events,
      SplittableRandom random) {
    ChannelMix.Landing landing = ChannelMix.landing(plan.channel(), steps.get(0).path(), random);
    long time = plan.start();
    String orderId = null;
    long purchaseAt = 0;
    for (int i = 0; i < steps.size(); i++) {
      BrowsingScript.Step step = steps.get(i);
      time += i == 0 ? 0 : gap(random);
      String name = step.eventName();
      if (name.equals(BrowsingScript.SIGN_UP)) {
        state.openAccount();
        events.userId = person.customerId();
      } else if (name.equals(BrowsingScript.LOGIN)) {
        events.userId = state.loginAccount(random);
      }
      // Later pages name the previous shop page as referrer, as browsers do.
      String url = i == 0 ? landing.pageUrl() : ChannelMix.SHOP + step.path();
      String referrer = i == 0 ? landing.referrer() : ChannelMix.SHOP + steps.get(i - 1).path();
      if (name.equals(BrowsingScript.PURCHASE)) {
        orderId = context.nextOrderId();
        purchaseAt = time;
        referrer = paymentReturn(referrer, random);
      }
      events.emit(random, time, name, url, referrer, i == 0 ? landing : null, orderId);
    }
    return new Result(time, orderId, purchaseAt, events.userId, events.cookie);
  }

  /** Off-site payment pages send the buyer back with their own referrer now and then. */
  private static String paymentReturn(String referrer, SplittableRandom random) {
    return Draws.chance(random, PAYMENT_REFERRER_SHARE) ? "https://www.paypal.com/" : referrer;
  }

  /** Seconds to minutes between events, never the 30 minutes that would end the session. */
  private static long gap(SplittableRandom random) {
    if (Draws.chance(random, 0.03)) {
      return Draws.between(random, 5 * 60 * SECOND, MAX_GAP);
    }
    return Math.min(MAX_GAP, 2 * SECOND + (long) Draws.exponential(random, 40 * SECOND));
  }

  /** The identities shared by a session's events, and its ground-truth record. */
  private static final class SessionEvents {
    private final String deviceId;
    private final String cookie;
    private final String sessionId;
    private final OffsetStyle offset;
    private final PersonOutput output;
    private String userId;
    private String firstCleanEventId;

    SessionEvents(
        String deviceId, String cookie, String sessionId, OffsetStyle offset, PersonOutput output) {
      this.deviceId = deviceId;
      this.cookie = cookie;
      this.sessionId = sessionId;
      this.offset = offset;
      this.output = output;
    }

    void emit(
        SplittableRandom random,
        long time,
        String name,
        String url,
        String referrer,
        ChannelMix.Landing landing,
        String orderId) {
      String eventId = "e-" + Draws.uuid(random);
      JsonRecord event =
          new JsonRecord()
              .put("event_id", eventId)
              .put("event_ts", new JsonRecord.Timestamp(time, offset))
              .put("event_name", name)
              .put("anonymous_id", cookie)
              .put("user_id", userId)
              .put("device_id", deviceId)
              .put("session_id", sessionId)
              .put("page_url", url)
              .put("referrer", referrer)
              .put("utm_source", landing == null ? null : landing.utmSource())
              .put("utm_medium", landing == null ? null : landing.utmMedium())
              .put("utm_campaign", landing == null ? null : landing.utmCampaign())
              .put("order_id", name.equals(BrowsingScript.PURCHASE) ? orderId : null);
      if (output.deliver(LandingSource.WEB_EVENTS, event, time).observable()) {
        PersonTrace trace = output.trace();
        trace.identify("anonymous_id", cookie);
        trace.identify("device_id", deviceId);
        trace.identify("customer_id", userId);
        firstCleanEventId = firstCleanEventId == null ? eventId : firstCleanEventId;
      }
    }

    void recordSession() {
      if (firstCleanEventId != null) {
        output.trace().record("web_sessions", sessionId != null ? sessionId : firstCleanEventId);
      }
    }
  }
}
