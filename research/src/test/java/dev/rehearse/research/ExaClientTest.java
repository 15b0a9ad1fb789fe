package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.research.FakeSearchProvider.Received;
import dev.rehearse.research.FakeSearchProvider.Reply;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.SearchClient.Found;
import org.junit.jupiter.api.Test;

class ExaClientTest extends SearchClientWireTestBase {

  @Override
  Kind kind() {
    return Kind.EXA;
  }

  @Override
  void assertProviderRequest(Received request, String query, int max) {
    assertThat(request.headers().getFirst("x-api-key")).isEqualTo(KEY);
    assertThat(request.headers().containsKey("Authorization")).isFalse();
    assertThat(field(request, "query").asText()).isEqualTo(query);
    assertThat(field(request, "numResults").asInt()).isEqualTo(max);
    assertThat(field(request, "contents").path("highlights").isObject()).isTrue();
    assertThat(field(request, "contents").path("text").path("maxCharacters").isInt()).isTrue();
  }

  @Test
  void withoutHighlightsThePageTextIsTaken() throws Exception {
    FakeSearchProvider server =
        server(
            Reply.ok(
                "{\"requestId\":\"r1\",\"results\":[{\"id\":\"https://example.com/a\","
                    + "\"title\":\"Acme\",\"url\":\"https://example.com/a\","
                    + "\"text\":\"Acme opened an office in Lisbon.\"}]}"));

    Found found = (Found) client(server).search(QUERY, 8);

    assertThat(found.snippets())
        .extracting(ResearchSnippet::text)
        .containsExactly("Acme opened an office in Lisbon.");
  }
}
