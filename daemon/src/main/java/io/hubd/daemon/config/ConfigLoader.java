package io.hubd.daemon.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Merges the configuration in one place, each layer overriding the one before: built-in defaults, the profile's
 * defaults, the YAML file, environment variables ({@code HUBD_} + the setting's path in UPPER_SNAKE), and
 * command-line overrides ({@code path=value}). Then binds the result to {@link HubdConfig}, whose records validate
 * it. Every problem becomes a {@link ConfigException} naming the setting.
 */
public final class ConfigLoader {
  private static final String RESOURCES = "/io/hubd/daemon/config/";

  private final ObjectMapper yaml;
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
    this.yaml = mapper();
  }

  /** Loads {@code file} (optional) with the environment and {@code overrides} (setting path → value) on top. */
  public HubdConfig load(Optional<Path> file, Map<String, String> overrides) {
    ObjectNode fileTree = file.map(this::readFile).orElseGet(JsonNodeFactory.instance::objectNode);
    String profileName =
        Optional.ofNullable(overrides.get("profile"))
            .or(() -> Optional.ofNullable(environment.get("HUBD_PROFILE")))
            .or(() -> Optional.ofNullable(fileTree.path("profile").textValue()))
            .orElse("local");
    Profile profile;
    try {
      profile = Profile.parse(profileName);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    ObjectNode tree = resource("defaults.yml");
    merge(tree, resource("profile-" + profile.id() + ".yml"));
    merge(tree, fileTree);
    applyEnvironment(tree, "");
    overrides.forEach((path, value) -> set(tree, path, value));
    tree.put("profile", profile.id());
    return bind(tree);
  }

  /** The environment variable that overrides {@code path}, e.g. chain.rpcUrls → HUBD_CHAIN_RPC_URLS. */
  public static String environmentName(String path) {
    StringBuilder out = new StringBuilder("HUBD_");
    for (char c : path.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  private HubdConfig bind(ObjectNode tree) {
    try {
      return yaml.treeToValue(tree, HubdConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          "unknown setting " + pathOf(e) + "; known here: " + e.getKnownPropertyIds().stream()
              .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    } catch (JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String detail = root instanceof IllegalArgumentException || root instanceof NullPointerException
          ? root.getMessage() : e.getOriginalMessage();
      String path = pathOf(e);
      throw new ConfigException(detail.startsWith(path) || path.isEmpty() ? detail : path + ": " + detail, e);
    } catch (IOException e) {
      throw new ConfigException("cannot bind configuration: " + e.getMessage(), e);
    }
  }

  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private ObjectNode readFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("cannot read configuration file " + file);
    }
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + " must hold a YAML mapping of settings");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new ConfigException(file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private ObjectNode resource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in configuration " + name);
      }
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in configuration " + name, e);
    }
  }

  /** Deep merge: objects merge key by key, anything else in {@code over} replaces what {@code base} holds. */
  static void merge(ObjectNode base, ObjectNode over) {
    for (Map.Entry<String, JsonNode> field : over.properties()) {
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overObject) {
        merge(existingObject, overObject);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private void applyEnvironment(ObjectNode node, String prefix) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      JsonNode child = node.get(name);
      if (child instanceof ObjectNode object && !object.isEmpty()) {
        applyEnvironment(object, path);
      } else {
        String value = environment.get(environmentName(path));
        if (value != null) {
          set(node, name, value, child);
        }
      }
    }
  }

  private static void set(ObjectNode root, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        next = node.putObject(parts[i]);
      }
      node = (ObjectNode) next;
    }
    String leaf = parts[parts.length - 1];
    set(node, leaf, value, node.get(leaf));
  }

  private static void set(ObjectNode node, String name, String value, JsonNode previous) {
    if (previous instanceof ArrayNode) {
      ArrayNode list = node.putArray(name);
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
    } else {
      node.set(name, TextNode.valueOf(value));
    }
  }

  private static ObjectMapper mapper() {
    SimpleModule types = new SimpleModule("hubd-config");
    types.addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return Durations.parse(p.getValueAsString());
      }
    });
    types.addDeserializer(IpRange.class, new StdDeserializer<>(IpRange.class) {
      @Override
      public IpRange deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return IpRange.parse(p.getValueAsString());
      }
    });
    types.addDeserializer(BigInteger.class, new StdDeserializer<>(BigInteger.class) {
      @Override
      public BigInteger deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String text = p.getValueAsString().replace("_", "").trim();
        if (!text.matches("-?\\d+")) {
          throw new IllegalArgumentException("'" + p.getValueAsString() + "' is not a whole number of base units");
        }
        return new BigInteger(text);
      }
    });
    return new ObjectMapper(new YAMLFactory())
        .registerModule(new Jdk8Module())
        .registerModule(types)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }
}
