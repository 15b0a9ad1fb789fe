package dev.rehearse.search.documents;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.search.Indices;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsDocumentsTest {

  @Test
  void analyticsMappingsHoldNoUserAndNoText() {
    assertThat(Indices.analytics())
        .isNotEmpty()
        .allSatisfy(
            index -> {
              Map<String, Property> fields = index.mapping().properties();
              assertThat(fields).doesNotContainKeys("userId", "sessionId");
              assertThat(fields.values())
                  .allSatisfy(
                      p ->
                          assertThat(p._kind())
                              .isIn(
                                  Property.Kind.Keyword,
                                  Property.Kind.Date,
                                  Property.Kind.Boolean,
                                  Property.Kind.Integer,
                                  Property.Kind.Long,
                                  Property.Kind.Double));
            });
  }

  @Test
  void sessionDocumentsCarryEveryDimensionGroupScoreAsANumber() {
    Map<String, Property> sessions = Mappings.properties(AnalyticsSessionDocument.class);
    Map<String, Property> cohorts = Mappings.properties(AnalyticsCohortProgressDocument.class);
    for (String group : DimensionGroup.wireNames()) {
      assertThat(sessions.get(group)).as(group).isNotNull().matches(Property::isDouble);
      assertThat(cohorts.get(group)).as(group).isNotNull().matches(Property::isDouble);
    }
  }
}
