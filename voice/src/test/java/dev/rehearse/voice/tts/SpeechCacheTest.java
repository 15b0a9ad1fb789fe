package dev.rehearse.voice.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeechCacheTest {

  @Test
  void theKeyIsTheSha256OfVoiceAndNormalisedText() {
    String key = SpeechCache.key("Why this company?", Voice.INTERVIEWER);

    assertThat(key).matches("[0-9a-f]{64}");
    assertThat(SpeechCache.key("  Why  this\tcompany? ", Voice.INTERVIEWER)).isEqualTo(key);
    // "é" composed and decomposed are the same text
    assertThat(SpeechCache.key("caf\u00e9", Voice.INTERVIEWER))
        .isEqualTo(SpeechCache.key("cafe\u0301", Voice.INTERVIEWER));
    assertThat(SpeechCache.key("Why this company?", new Voice("narrator"))).isNotEqualTo(key);
    assertThat(SpeechCache.key("Why this role?", Voice.INTERVIEWER)).isNotEqualTo(key);
    // voice and text cannot run into each other
    assertThat(SpeechCache.key("b c", new Voice("a")))
        .isNotEqualTo(SpeechCache.key("c", new Voice("a-b")));
  }

  @Test
  void theInMemoryCacheEvictsTheLeastRecentlyUsedPastItsSize() {
    InMemorySpeechCache cache = new InMemorySpeechCache(250);
    Speech a = new Speech(new byte[100], 1, "x");
    Speech b = new Speech(new byte[100], 1, "x");
    Speech c = new Speech(new byte[100], 1, "x");
    cache.put("a", a);
    cache.put("b", b);
    assertThat(cache.get("a")).containsSame(a); // a is now the most recently used
    cache.put("c", c);

    assertThat(cache.get("b")).isEmpty();
    assertThat(cache.get("a")).containsSame(a);
    assertThat(cache.get("c")).containsSame(c);
    assertThat(cache.bytes()).isEqualTo(200);
    cache.put("huge", new Speech(new byte[300], 1, "x"));
    assertThat(cache.get("huge")).isEmpty();
    assertThat(cache.size()).isEqualTo(2);
  }
}
