package org.journeywarehouse.generate;

/**
 * What the simulators of one pass share: the window, exchange rates, the landing delivery and the
 * id sequences. Ids are handed out in simulation order, which is the same in every pass.
 */
final class SimulationContext {
  private final LandingWindow window;
  private final FxRates fxRates;
  private final LandingDelivery delivery;
  private long nextOrder = 1001;
  private long nextTicket = 501;
  private long nextResponse = 1;

  SimulationContext(LandingWindow window, FxRates fxRates, LandingDelivery delivery) {
    this.window = window;
    this.fxRates = fxRates;
    this.delivery = delivery;
  }

  LandingWindow window() {
    return window;
  }

  FxRates fxRates() {
    return fxRates;
  }

  LandingDelivery delivery() {
    return delivery;
  }

  String nextOrderId() {
    return "o-" + nextOrder++;
  }

  String nextTicketId() {
    return "t-" + nextTicket++;
  }

  String nextResponseId() {
    return "r-" + nextResponse++;
  }
}
