package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sequence of events of one session, before times and identities are attached: a landing page
 * view, 0 to 14 more page views with product views, an optional login or sign-up after at least one
 * anonymous page view, and the e-commerce funnel up to a purchase or abandonment.
 */
final class BrowsingScript {
  static final String PAGE_VIEW = "page_view";
  static final String VIEW_ITEM = "view_item";
  static final String ADD_TO_CART = "add_to_cart";
  static final String BEGIN_CHECKOUT = "begin_checkout";
  static final String PURCHASE = "purchase";
  static final String LOGIN = "login";
  static final String SIGN_UP = "sign_up";
  private static final List<String> PRODUCTS =
      List.of(
          "trail-runner-42",
          "rain-shell-jacket",
          "merino-base-layer",
          "city-backpack-20l",
          "wool-beanie",
          "hiking-socks-3-pack",
          "down-vest",
          "running-shorts",
          "water-bottle-750",
          "headlamp-300",
          "softshell-pants",
          "insulated-gloves");
  private static final List<String> OTHER_PAGES =
      List.of(
          "/",
          "/collections/new-arrivals",
          "/collections/jackets",
          "/collections/shoes",
          "/collections/sale",
          "/pages/shipping",
          "/pages/returns",
          "/blogs/journal/layering-guide",
          "/search?q=jacket",
          "/search?q=waterproof+shoes");

  /** One event to emit: its name and the path of the page it happened on. */
  record Step(String eventName, String path) {}

  /** What the session does beyond browsing. */
  record Intent(boolean purchase, String identityEvent, boolean identityBeforeCheckout) {}

  private BrowsingScript() {}

  static List<Step> steps(Intent intent, SplittableRandom random) {
    List<Step> steps = new ArrayList<>();
    String lastProduct = browse(steps, random);
    if (intent.purchase()) {
      if (lastProduct == null) {
        lastProduct = viewProduct(steps, random);
      }
      steps.add(new Step(ADD_TO_CART, lastProduct));
      steps.add(new Step(PAGE_VIEW, "/cart"));
      if (intent.identityEvent() != null && intent.identityBeforeCheckout()) {
        steps.add(identityStep(intent.identityEvent()));
      }
      steps.add(new Step(BEGIN_CHECKOUT, "/checkout"));
      steps.add(new Step(PURCHASE, "/checkout/thank-you"));
    } else if (lastProduct != null && Draws.chance(random, 0.25)) {
      steps.add(new Step(ADD_TO_CART, lastProduct));
      if (Draws.chance(random, 0.35)) {
        steps.add(new Step(BEGIN_CHECKOUT, "/checkout"));
      }
    }
    if (intent.identityEvent() != null && !intent.identityBeforeCheckout()) {
      // Never first: anonymous browsing comes before any login.
      steps.add(1 + random.nextInt(steps.size()), identityStep(intent.identityEvent()));
    }
    return steps;
  }

  /** Page views (landing first); returns the last product page seen, or null. */
  private static String browse(List<Step> steps, SplittableRandom random) {
    int pageViews = 1 + Math.min(14, (int) Draws.exponential(random, 3.0));
    String lastProduct = null;
    for (int i = 0; i < pageViews; i++) {
      if (Draws.chance(random, 0.45)) {
        lastProduct = viewProduct(steps, random);
      } else {
        steps.add(new Step(PAGE_VIEW, Draws.pick(random, OTHER_PAGES)));
      }
    }
    return lastProduct;
  }

  private static String viewProduct(List<Step> steps, SplittableRandom random) {
    String path = "/products/" + Draws.pick(random, PRODUCTS);
    steps.add(new Step(PAGE_VIEW, path));
    if (Draws.chance(random, 0.7)) {
      steps.add(new Step(VIEW_ITEM, path));
    }
    return path;
  }

  private static Step identityStep(String eventName) {
    return new Step(eventName, eventName.equals(SIGN_UP) ? "/account/register" : "/account/login");
  }
}
