package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.research.FakeSearchProvider.Received;
import dev.rehearse.research.ResearchSettings.Kind;

class TavilyClientTest extends SearchClientWireTestBase {

  @Override
  Kind kind() {
    return Kind.TAVILY;
  }

  @Override
  void assertProviderRequest(Received request, String query, int max) {
    assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(field(request, "query").asText()).isEqualTo(query);
    assertThat(field(request, "max_results").isInt()).isTrue();
    assertThat(field(request, "max_results").asInt()).isEqualTo(max);
    assertThat(field(request, "search_depth").asText()).isEqualTo("basic");
    assertThat(field(request, "include_answer").asBoolean()).isFalse();
    // the key goes in the header only
    assertThat(request.body().has("api_key")).isFalse();
  }
}
