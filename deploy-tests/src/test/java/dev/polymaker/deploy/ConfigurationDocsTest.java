package dev.polymaker.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/configuration.md cannot drift from the code: every key a service binds (its
 * spring-configuration-metadata.json, or docs/architecture.md's contract before the code exists) has a row,
 * every documented key exists, and a default the code states is the default the row states.
 * Skipped by rule: deprecated keys, and entries below a Map-typed property (documented by the
 * property's own row).
 */
class ConfigurationDocsTest {

    /** First cell of a table row that is a single `key`: the documented keys and the rest of their row. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9.\\-*\\[\\]]+)` \\|(.*)$");

    private static Map<String, String> documentedRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(RepositoryLayout.read("docs/configuration.md"));
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"market-data-service", "trading-service"})
    void everyKeyTheServiceBindsIsDocumented(String service) {
        ConfigurationKeys keys = ConfigurationKeys.of(service);
        Map<String, String> rows = documentedRows();
        Set<String> missing = new TreeSet<>();
        for (String key : keys.names()) {
            if (!rows.containsKey(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys of " + service + " without a row in docs/configuration.md ("
                + (keys.fromMetadata() ? "configuration metadata" : "docs/architecture.md contract") + ")").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"market-data-service", "trading-service"})
    void everyDocumentedKeyExists(String service) {
        ConfigurationKeys keys = ConfigurationKeys.of(service);
        // docs/architecture.md's list is a minimum, not the whole set: only the code's metadata can refute a row.
        assumeTrue(keys.fromMetadata(), service + " has no configuration metadata (not built, or no @ConfigurationProperties yet); skipping");
        String prefix = ConfigurationKeys.PREFIX.get(service);
        Set<String> unknown = new TreeSet<>();
        for (String documented : documentedRows().keySet()) {
            if (documented.startsWith(prefix) && !keys.binds(documented)) {
                unknown.add(documented);
            }
        }
        assertThat(unknown).as("documented keys " + service + " does not bind ("
                + (keys.fromMetadata() ? "configuration metadata" : "docs/architecture.md contract") + ")").isEmpty();
    }

    /**
     * The effective default: the service's packaged application.properties when it sets the key,
     * else the field initializer the metadata records.
     */
    @ParameterizedTest
    @ValueSource(strings = {"market-data-service", "trading-service"})
    void documentedDefaultsMatchTheCode(String service) throws IOException {
        ConfigurationKeys keys = ConfigurationKeys.of(service);
        Properties packaged = new Properties();
        Path file = RepositoryLayout.path(service + "/src/main/resources/application.properties");
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file)) {
                packaged.load(in);
            }
        }
        Map<String, String> rows = documentedRows();
        Map<String, String> wrong = new LinkedHashMap<>();
        keys.properties().values().forEach(p -> {
            String row = rows.get(p.name());
            String effective = packaged.getProperty(p.name(), normalize(p.defaultValue()));
            if (row == null || effective == null || effective.isBlank()) {
                return;
            }
            String defaultCell = row.split("\\|")[0].trim();
            if (!defaultCell.equals("`" + effective + "`")) {
                wrong.put(p.name(), "code says " + effective + ", docs say " + defaultCell);
            }
        });
        assertThat(wrong).as("defaults in docs/configuration.md that differ from " + service).isEmpty();
    }

    /** The metadata records BigDecimal.ONE and friends by constant name. */
    private static String normalize(String metadataDefault) {
        if (metadataDefault == null) {
            return null;
        }
        return switch (metadataDefault) {
            case "zero" -> "0";
            case "one" -> "1";
            case "ten" -> "10";
            default -> metadataDefault.equals("True") || metadataDefault.equals("False")
                    ? metadataDefault.toLowerCase(java.util.Locale.ROOT) : metadataDefault;
        };
    }
}
