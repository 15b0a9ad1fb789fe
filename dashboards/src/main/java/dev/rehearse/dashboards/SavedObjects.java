package dev.rehearse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kibana saved objects of Rehearse, kept as code: one JSON file per object under {@code
 * dashboards/src/main/kibana/<type>/<id>.json} (on the classpath under {@code kibana/}), and the
 * NDJSON bundle Kibana's import API takes. The bundle lists data views first, then visualisations,
 * then dashboards, each type by id, so an object comes after what it refers to.
 */
public final class SavedObjects {

  /** The saved-object types kept, in bundle order; each is a folder of the same name. */
  public static final List<String> TYPES = List.of("index-pattern", "lens", "dashboard");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SavedObjects() {}

  /** The objects shipped on the classpath. */
  public static List<SavedObject> bundled() {
    URL root = SavedObjects.class.getResource("/kibana/" + TYPES.get(0));
    if (root == null) {
      throw new IllegalStateException("no saved objects on the classpath under kibana/");
    }
    try {
      URI uri = root.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = jarFileSystem(uri)) {
          return load(jar.provider().getPath(uri).getParent());
        } catch (FileSystemAlreadyExistsException e) {
          return load(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
        }
      }
      return load(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the saved objects at " + root, e);
    }
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    return FileSystems.newFileSystem(uri, Map.of());
  }

  /**
   * The objects under {@code root}, one per {@code <type>/<id>.json} file, in bundle order.
   *
   * @throws IllegalArgumentException when a file's type or id differs from its path
   */
  public static List<SavedObject> load(Path root) throws IOException {
    List<SavedObject> objects = new ArrayList<>();
    for (String type : TYPES) {
      Path folder = root.resolve(type);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> listed = Files.list(folder)) {
        files =
            listed
                .filter(p -> p.getFileName().toString().endsWith(".json"))
                .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                .toList();
      }
      for (Path file : files) {
        SavedObject object = parse(Files.readString(file, StandardCharsets.UTF_8));
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        if (!object.type().equals(type) || !object.id().equals(id)) {
          throw new IllegalArgumentException(
              file + " holds " + object.type() + " " + object.id() + ", not " + type + " " + id);
        }
        objects.add(object);
      }
    }
    return List.copyOf(objects);
  }

  /** The saved object in one JSON text. */
  public static SavedObject parse(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("a saved object is a JSON object");
      }
      return SavedObject.of(object);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON saved object: " + e.getMessage(), e);
    }
  }

  /** The NDJSON bundle: one object a line, each line ending in a newline. */
  public static String ndjson(List<SavedObject> objects) {
    StringBuilder out = new StringBuilder();
    for (SavedObject object : objects) {
      try {
        out.append(MAPPER.writeValueAsString(object.json())).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /** The objects of an NDJSON bundle, blank lines skipped. */
  public static List<SavedObject> parseNdjson(String ndjson) {
    return ndjson.lines().filter(l -> !l.isBlank()).map(SavedObjects::parse).toList();
  }
}
