package dev.rehearse.voice;

/**
 * The silences inside speech: runs of non-speech frames with speech before and after them. Silence
 * before the first and after the last speech frame is not a pause.
 *
 * @param count pauses of at least {@value #PAUSE_MS} ms
 * @param longCount pauses of at least {@value #LONG_PAUSE_MS} ms
 * @param longestMs the longest pause, 0 when there is none
 */
record Pauses(int count, int longCount, long longestMs) {

  static final long PAUSE_MS = 250;
  static final long LONG_PAUSE_MS = 1000;

  static Pauses of(boolean[] speech, int frameMs) {
    int count = 0;
    int longCount = 0;
    long longest = 0;
    int i = 0;
    while (i < speech.length && !speech[i]) {
      i++;
    }
    while (i < speech.length) {
      while (i < speech.length && speech[i]) {
        i++;
      }
      int start = i;
      while (i < speech.length && !speech[i]) {
        i++;
      }
      if (i == speech.length) {
        break; // trailing silence
      }
      long ms = (long) (i - start) * frameMs;
      if (ms >= PAUSE_MS) {
        count++;
        longest = Math.max(longest, ms);
      }
      if (ms >= LONG_PAUSE_MS) {
        longCount++;
      }
    }
    return new Pauses(count, longCount, longest);
  }
}
