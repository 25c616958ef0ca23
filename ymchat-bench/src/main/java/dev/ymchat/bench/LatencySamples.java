package dev.ymchat.bench;

import java.util.Arrays;

/**
 * Per-call latencies of one worker thread, kept as raw nanosecond samples (a few hundred thousand
 * at most per run, so sorting them is cheaper and more exact than a bucketed histogram).
 */
public final class LatencySamples {

  private long[] samples = new long[1 << 14];
  private int size;

  /**
   * Records one call.
   *
   * @param nanos the call's duration
   */
  public void record(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  /**
   * Counts the recorded calls.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Merges samples into one sorted array.
   *
   * @param parts the per-thread samples
   * @return all samples, ascending
   */
  public static long[] mergeSorted(Iterable<LatencySamples> parts) {
    int total = 0;
    for (LatencySamples p : parts) {
      total += p.size;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencySamples p : parts) {
      System.arraycopy(p.samples, 0, all, at, p.size);
      at += p.size;
    }
    Arrays.sort(all);
    return all;
  }

  /**
   * Reads a percentile from sorted samples by the nearest-rank method.
   *
   * @param sorted ascending samples
   * @param percentile 0 < p ≤ 100
   * @return the sample at that rank, or 0 when there are none
   */
  public static long percentile(long[] sorted, double percentile) {
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    if (sorted.length == 0) {
      return 0;
    }
    // the small epsilon keeps binary rounding (99.9 % of 100 000 = 99 900.000…01) off the next rank
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-7);
    return sorted[Math.max(0, rank - 1)];
  }
}
