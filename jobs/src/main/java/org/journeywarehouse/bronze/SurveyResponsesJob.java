package org.journeywarehouse.bronze;

/** NPS and CSAT responses: score range checked, email hashed, comments scrubbed of PII. */
public final class SurveyResponsesJob extends BronzeSourceJob {
  public SurveyResponsesJob() {
    super(
        SurveyResponsesStaging.SOURCE,
        "NPS and CSAT responses: score range checked, email hashed, comments scrubbed of PII.");
  }
}
