package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.research.FakeSearchProvider.Received;
import dev.rehearse.research.FakeSearchProvider.Reply;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.SearchClient.Found;
import org.junit.jupiter.api.Test;

class SerperClientTest extends SearchClientWireTestBase {

  @Override
  Kind kind() {
    return Kind.SERPER;
  }

  @Override
  void assertProviderRequest(Received request, String query, int max) {
    assertThat(request.headers().getFirst("X-API-KEY")).isEqualTo(KEY);
    assertThat(field(request, "q").asText()).isEqualTo(query);
    assertThat(field(request, "num").asInt()).isEqualTo(max);
    assertThat(request.body().size()).isEqualTo(2);
  }

  @Test
  void aReplyWithoutOrganicResultsFindsNothing() throws Exception {
    FakeSearchProvider server =
        server(Reply.ok("{\"searchParameters\":{\"q\":\"x\",\"type\":\"search\"},\"credits\":1}"));

    Found found = (Found) client(server).search(QUERY, 8);

    assertThat(found.snippets()).isEmpty();
  }
}
