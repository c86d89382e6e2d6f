package org.journeywarehouse.job;

/** A job cannot or must not publish: missing input, failed quality gate, unbalanced ledger. */
public final class JobFailedException extends RuntimeException {
  public JobFailedException(String message) {
    super(message);
  }
}
