package dev.rehearse.dashboards;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Indices.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a bundle of saved objects must pass, since no Kibana runs in the build: each returns
 * the problems it finds, described for a person; none means the bundle passes. The fields are
 * checked against the strict mappings generated from the document records ({@link Indices}).
 */
final class BundleCheck {

  /** The field Lens counts documents with. */
  static final String RECORDS = "___records___";

  /** Fields no analyst's panel may use, whatever the index. */
  static final Set<String> FORBIDDEN_FIELDS = Set.of("userId", "sessionId", "eventId");

  private static final Set<Property.Kind> NUMBERS =
      Set.of(
          Property.Kind.Double,
          Property.Kind.Float,
          Property.Kind.HalfFloat,
          Property.Kind.ScaledFloat,
          Property.Kind.Integer,
          Property.Kind.Long,
          Property.Kind.Short,
          Property.Kind.Byte);

  /** The Lens operations and the mapping types their source field may have. */
  private static final Map<String, Set<Property.Kind>> OPERATIONS =
      Map.ofEntries(
          Map.entry("date_histogram", Set.of(Property.Kind.Date)),
          Map.entry("average", NUMBERS),
          Map.entry("sum", NUMBERS),
          Map.entry("median", NUMBERS),
          Map.entry("percentile", NUMBERS),
          Map.entry("min", NUMBERS),
          Map.entry("max", NUMBERS),
          Map.entry("standard_deviation", NUMBERS),
          Map.entry("range", NUMBERS),
          Map.entry("terms", Set.of(Property.Kind.Keyword, Property.Kind.Boolean)),
          Map.entry("unique_count", Set.of(Property.Kind.Keyword)));

  private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, SavedObject> byKey = new HashMap<>();
  private final List<SavedObject> objects;
  private final Map<String, Index> indices;

  /**
   * @param indices the indices data views may read, by alias
   */
  BundleCheck(List<SavedObject> objects, Map<String, Index> indices) {
    this.objects = objects;
    this.indices = indices;
    objects.forEach(o -> byKey.put(key(o.type(), o.id()), o));
  }

  /** The checks against the analytics indices, the only ones analysts' data views may read. */
  static BundleCheck ofAnalytics(List<SavedObject> objects) {
    Map<String, Index> analytics = new HashMap<>();
    Indices.analytics().forEach(i -> analytics.put(i.alias(), i));
    return new BundleCheck(objects, analytics);
  }

  private static String key(String type, String id) {
    return type + ":" + id;
  }

  /** Every object's id is unique within its type, and every reference names an object present. */
  List<String> references() {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SavedObject o : objects) {
      if (!seen.add(key(o.type(), o.id()))) {
        problems.add(o.type() + " " + o.id() + " is in the bundle twice");
      }
      Set<String> names = new HashSet<>();
      for (SavedObject.Reference r : o.references()) {
        if (!names.add(r.name())) {
          problems.add(o.id() + ": reference name " + r.name() + " is used twice");
        }
        if (!byKey.containsKey(key(r.type(), r.id()))) {
          problems.add(
              o.id()
                  + ": reference "
                  + r.name()
                  + " to "
                  + r.type()
                  + " "
                  + r.id()
                  + " is not in the bundle");
        }
      }
    }
    return problems;
  }

  /** Data views: their titles are analytics aliases (never a version), their time field a date. */
  List<String> dataViews() {
    List<String> problems = new ArrayList<>();
    for (SavedObject o : ofType("index-pattern")) {
      String title = o.title();
      Index index = indices.get(title);
      if (index == null) {
        problems.add(
            o.id() + ": title " + title + " is not an alias analysts may read " + indices.keySet());
        continue;
      }
      String time = o.attributes().path("timeFieldName").asText("");
      field(o.id(), "timeFieldName", title, time, Set.of(Property.Kind.Date), problems);
    }
    return problems;
  }

  /**
   * Lens visualisations: each layer's data view is referenced; each column's source field exists in
   * that data view's mapping with a type its operation takes, and is neither a user id nor text;
   * each column filter's fields exist; every accessor names a column of the layer.
   */
  List<String> lenses() {
    List<String> problems = new ArrayList<>();
    for (SavedObject o : ofType("lens")) {
      JsonNode state = o.attributes().path("state");
      JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
      Set<String> columnIds = new HashSet<>();
      Iterator<Map.Entry<String, JsonNode>> it = layers.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> layer = it.next();
        Optional<Index> index = layerIndex(o, layer.getKey(), problems);
        JsonNode columns = layer.getValue().path("columns");
        Set<String> ids = new HashSet<>();
        columns.fieldNames().forEachRemaining(ids::add);
        columnIds.addAll(ids);
        for (JsonNode order : layer.getValue().path("columnOrder")) {
          if (!ids.contains(order.asText())) {
            problems.add(o.id() + ": columnOrder names no column " + order.asText());
          }
        }
        Iterator<Map.Entry<String, JsonNode>> cols = columns.fields();
        while (cols.hasNext()) {
          Map.Entry<String, JsonNode> column = cols.next();
          index.ifPresent(
              i ->
                  column(
                      o.id() + " column " + column.getKey(), i, column.getValue(), ids, problems));
        }
      }
      for (String accessor : accessors(state.path("visualization"))) {
        if (!columnIds.contains(accessor)) {
          problems.add(o.id() + ": the visualisation shows " + accessor + ", which is no column");
        }
      }
      for (JsonNode filter : state.path("filters")) {
        problems.add(
            o.id() + ": has a saved filter " + filter + "; filters are checked on dashboards only");
      }
    }
    return problems;
  }

  private Optional<Index> layerIndex(SavedObject lens, String layerId, List<String> problems) {
    String name = "indexpattern-datasource-layer-" + layerId;
    Optional<SavedObject.Reference> ref =
        lens.references().stream().filter(r -> r.name().equals(name)).findFirst();
    if (ref.isEmpty() || !ref.get().type().equals("index-pattern")) {
      problems.add(lens.id() + ": layer " + layerId + " has no data view reference " + name);
      return Optional.empty();
    }
    SavedObject view = byKey.get(key("index-pattern", ref.get().id()));
    if (view == null || !indices.containsKey(view.title())) {
      problems.add(lens.id() + ": layer " + layerId + " reads no analytics data view");
      return Optional.empty();
    }
    return Optional.of(indices.get(view.title()));
  }

  private void column(
      String where, Index index, JsonNode column, Set<String> ids, List<String> problems) {
    String operation = column.path("operationType").asText();
    String source = column.path("sourceField").asText("");
    if (operation.equals("count")) {
      if (!source.equals(RECORDS)) {
        problems.add(where + ": count counts " + RECORDS + ", not " + source);
      }
    } else if (!OPERATIONS.containsKey(operation)) {
      problems.add(where + ": operation " + operation + " is not one the check knows");
    } else {
      field(where, operation, index.alias(), source, OPERATIONS.get(operation), problems)
          .ifPresent(
              kind -> {
                String expected = dataType(operation, kind);
                if (!expected.equals(column.path("dataType").asText())) {
                  problems.add(
                      where
                          + ": dataType "
                          + column.path("dataType").asText()
                          + " where "
                          + source
                          + " gives "
                          + expected);
                }
              });
    }
    JsonNode orderBy = column.path("params").path("orderBy");
    if (orderBy.path("type").asText().equals("column")
        && !ids.contains(orderBy.path("columnId").asText())) {
      problems.add(
          where + ": orders by " + orderBy.path("columnId").asText() + ", which is no column");
    }
    if (column.has("filter")) {
      for (String field : kqlFields(column.path("filter").path("query").asText())) {
        field(where, "filter", index.alias(), field, null, problems);
      }
    }
  }

  private static String dataType(String operation, Property.Kind kind) {
    if (!Set.of("terms", "date_histogram").contains(operation)) {
      return "number";
    }
    return switch (kind) {
      case Date -> "date";
      case Boolean -> "boolean";
      case Keyword -> "string";
      default -> "number";
    };
  }

  /** The fields a KQL query names: each {@code field :} in it. */
  static List<String> kqlFields(String kql) {
    List<String> fields = new ArrayList<>();
    Matcher m = KQL_FIELD.matcher(kql);
    while (m.find()) {
      fields.add(m.group(1));
    }
    return fields;
  }

  /** The column ids a Lens visualisation state shows. */
  static List<String> accessors(JsonNode visualization) {
    List<String> ids = new ArrayList<>();
    List<JsonNode> layers = new ArrayList<>();
    visualization.path("layers").forEach(layers::add);
    if (visualization.has("layerId")) {
      layers.add(visualization);
    }
    for (JsonNode layer : layers) {
      for (String single : List.of("xAccessor", "splitAccessor", "metricAccessor")) {
        if (layer.hasNonNull(single)) {
          ids.add(layer.get(single).asText());
        }
      }
      for (String list : List.of("accessors", "primaryGroups", "metrics")) {
        layer.path(list).forEach(n -> ids.add(n.asText()));
      }
      layer.path("columns").forEach(c -> ids.add(c.path("columnId").asText()));
    }
    return ids;
  }

  /**
   * Dashboards: each panel's reference resolves to a Lens visualisation; panels fit the 48-column
   * grid without overlapping; each control's field exists (a keyword) in its referenced data view;
   * each saved filter's field exists.
   */
  List<String> dashboards() {
    List<String> problems = new ArrayList<>();
    for (SavedObject d : ofType("dashboard")) {
      JsonNode panels =
          parse(d.id() + " panelsJSON", d.attributes().path("panelsJSON").asText(), problems);
      List<int[]> boxes = new ArrayList<>();
      for (JsonNode panel : panels) {
        String index = panel.path("panelIndex").asText("");
        String name = index + ":" + panel.path("panelRefName").asText("");
        Optional<SavedObject.Reference> ref =
            d.references().stream().filter(r -> r.name().equals(name)).findFirst();
        if (index.isEmpty() || ref.isEmpty()) {
          problems.add(d.id() + ": panel " + index + " has no reference " + name);
        } else if (!ref.get().type().equals(panel.path("type").asText())) {
          problems.add(
              d.id()
                  + ": panel "
                  + index
                  + " is a "
                  + panel.path("type").asText()
                  + " but refers to a "
                  + ref.get().type());
        }
        JsonNode g = panel.path("gridData");
        int[] box = {
          g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
        };
        if (box[0] < 0
            || box[2] < 1
            || box[3] < 1
            || box[0] + box[2] > 48
            || !index.equals(g.path("i").asText())) {
          problems.add(d.id() + ": panel " + index + " does not fit the 48-column grid: " + g);
        }
        for (int[] other : boxes) {
          if (box[0] < other[0] + other[2]
              && other[0] < box[0] + box[2]
              && box[1] < other[1] + other[3]
              && other[1] < box[1] + box[3]) {
            problems.add(d.id() + ": panel " + index + " overlaps another");
          }
        }
        boxes.add(box);
      }
      JsonNode controls = d.attributes().path("controlGroupInput");
      if (!controls.isMissingNode()) {
        JsonNode byId = parse(d.id() + " controls", controls.path("panelsJSON").asText(), problems);
        Iterator<Map.Entry<String, JsonNode>> it = byId.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> control = it.next();
          String refName = "controlGroup_" + control.getKey() + ":optionsListDataView";
          Optional<Index> index =
              d.references().stream()
                  .filter(r -> r.name().equals(refName))
                  .findFirst()
                  .map(r -> byKey.get(key(r.type(), r.id())))
                  .map(v -> indices.get(v.title()));
          if (index.isEmpty()) {
            problems.add(
                d.id()
                    + ": control "
                    + control.getKey()
                    + " reads no analytics data view ("
                    + refName
                    + ")");
            continue;
          }
          if (!control.getValue().path("type").asText().equals("optionsListControl")) {
            problems.add(d.id() + ": control " + control.getKey() + " is not an options list");
          }
          field(
              d.id() + " control " + control.getKey(),
              "options list",
              index.get().alias(),
              control.getValue().path("explicitInput").path("fieldName").asText(""),
              Set.of(Property.Kind.Keyword),
              problems);
        }
      }
      JsonNode search =
          parse(
              d.id() + " searchSourceJSON",
              d.attributes().path("kibanaSavedObjectMeta").path("searchSourceJSON").asText(),
              problems);
      for (JsonNode filter : search.path("filter")) {
        String field = filter.path("meta").path("key").asText("");
        if (indices.values().stream().noneMatch(i -> i.mapping().properties().containsKey(field))) {
          problems.add(d.id() + ": filter on " + field + ", which no analytics index has");
        }
      }
      for (String field : kqlFields(search.path("query").path("query").asText(""))) {
        if (indices.values().stream().noneMatch(i -> i.mapping().properties().containsKey(field))) {
          problems.add(d.id() + ": query on " + field + ", which no analytics index has");
        }
      }
    }
    return problems;
  }

  /**
   * The field exists in the alias's mapping, is not forbidden, is not text, and is of one of {@code
   * kinds} (any aggregatable kind when null); returns its kind when it is.
   */
  private Optional<Property.Kind> field(
      String where,
      String use,
      String alias,
      String field,
      Set<Property.Kind> kinds,
      List<String> problems) {
    if (FORBIDDEN_FIELDS.contains(field)) {
      problems.add(where + ": " + use + " on " + field + ", which names a person or a session");
      return Optional.empty();
    }
    Property property = indices.get(alias).mapping().properties().get(field);
    if (property == null) {
      problems.add(where + ": " + use + " on " + field + ", which " + alias + " does not map");
      return Optional.empty();
    }
    Property.Kind kind = property._kind();
    if (kind == Property.Kind.Text
        || kind == Property.Kind.Object
        || kind == Property.Kind.DenseVector) {
      problems.add(
          where + ": " + use + " on " + field + ", a " + kind + " field, is not aggregatable");
      return Optional.empty();
    }
    if (kinds != null && !kinds.contains(kind)) {
      problems.add(where + ": " + use + " on " + field + ", a " + kind + " field");
      return Optional.empty();
    }
    return Optional.of(kind);
  }

  private List<SavedObject> ofType(String type) {
    return objects.stream().filter(o -> o.type().equals(type)).toList();
  }

  private static JsonNode parse(String where, String json, List<String> problems) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      problems.add(where + " is not JSON: " + e.getMessage());
      return MAPPER.createObjectNode();
    }
  }

  /** Every check's problems. */
  List<String> all() {
    List<String> problems = new ArrayList<>();
    problems.addAll(references());
    problems.addAll(dataViews());
    problems.addAll(lenses());
    problems.addAll(dashboards());
    return problems;
  }
}
