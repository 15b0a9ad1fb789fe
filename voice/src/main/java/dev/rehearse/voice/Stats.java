package dev.rehearse.voice;

import java.util.Arrays;

/** Order statistics and moments of small arrays. */
final class Stats {

  private Stats() {}

  /** The {@code q}-quantile (0..1) of {@code values}, interpolating between order statistics. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sortedQuantile(sorted, q);
  }

  static double sortedQuantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The population standard deviation. */
  static double std(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length);
  }

  /** The entries of {@code values} where {@code mask} is true. */
  static double[] select(double[] values, boolean[] mask) {
    int n = 0;
    for (boolean m : mask) {
      n += m ? 1 : 0;
    }
    double[] out = new double[n];
    int j = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        out[j++] = values[i];
      }
    }
    return out;
  }
}
