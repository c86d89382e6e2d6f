package org.journeywarehouse.job;

/**
 * One batch job: it declares the tables it reads and writes ({@link #spec()}) and, given a
 * context for a range of logical dates, reads, calls pure transformations and writes. A night
 * is the one-day case of a backfill: the same code runs once over the whole range.
 */
public interface Job {
  JobSpec spec();

  /** Runs the job for {@code context.from()} to {@code context.to()}, replacing that slice. */
  JobResult run(JobContext context);
}
