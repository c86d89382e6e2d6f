package org.journeywarehouse.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What one run of the sample data generator writes: how many people ({@code scale} 1.0 is 100,000),
 * over which landing days, from which seed, into which folder, and with what share of dirty lines.
 * Validated on construction so a bad option fails before anything is written.
 *
 * @param scale people as a multiple of 100,000; must give at least one person
 * @param days number of landing days, 1..3660
 * @param start first landing day
 * @param seed makes the output reproducible: the same options give byte-identical files
 * @param out folder that receives one sub-folder per source and {@code _ground_truth}
 * @param dirtRate share of lines of each dirty-able source that carry one defect, 0..0.5
 */
public record GeneratorOptions(
    double scale, int days, LocalDate start, long seed, Path out, double dirtRate) {

  /** The dirt rate the command line uses when {@code --dirt-rate} is not given. */
  public static final double DEFAULT_DIRT_RATE = 0.02;

  static final int PEOPLE_AT_SCALE_ONE = 100_000;
  static final int MAX_DAYS = 3660;
  static final double MAX_DIRT_RATE = 0.5;

  public GeneratorOptions {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("--scale must be a number > 0, got " + scale);
    }
    if (Math.round(PEOPLE_AT_SCALE_ONE * scale) < 1) {
      throw new IllegalArgumentException(
          "--scale " + scale + " gives 0 people (100,000 x scale); use at least 0.00001");
    }
    if (Math.round(PEOPLE_AT_SCALE_ONE * scale) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--scale " + scale + " gives more people than supported");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("--days must be 1.." + MAX_DAYS + ", got " + days);
    }
    if (start == null) {
      throw new IllegalArgumentException("--start is required (YYYY-MM-DD)");
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required (the landing folder to write)");
    }
    if (!(dirtRate >= 0 && dirtRate <= MAX_DIRT_RATE)) {
      throw new IllegalArgumentException(
          "--dirt-rate must be 0.." + MAX_DIRT_RATE + ", got " + dirtRate);
    }
  }

  /** Options with the default dirt rate of {@value #DEFAULT_DIRT_RATE}. */
  public GeneratorOptions(double scale, int days, LocalDate start, long seed, Path out) {
    this(scale, days, start, seed, out, DEFAULT_DIRT_RATE);
  }

  /** round(100,000 x scale). */
  public int people() {
    return (int) Math.round(PEOPLE_AT_SCALE_ONE * scale);
  }

  /** The last landing day written, {@code start + days - 1}. */
  public LocalDate lastDay() {
    return start.plusDays(days - 1L);
  }
}
