package kz.monetix.integration.routes;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GatePaths;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No silent drift between the YAML routes and the Java side: every name a route uses (direct: endpoint, bean and
 * method, exchange property, branch value, mapping file, Gate path) exists where it points.
 */
@QuarkusTest
class RouteVocabularyTest {

    static final Path ROUTES = Path.of("routes");
    static String yaml;

    @Inject
    CamelContext camel;

    @BeforeAll
    static void readRoutes() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    static Set<String> all(String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(yaml);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyDirectEndpointCalledHasARoute() {
        Set<String> consumed = camel.getRoutes().stream().map(r -> r.getEndpoint().getEndpointUri()).collect(Collectors.toSet());
        Set<String> called = all("(?:to|uri): (direct:[\\w-]+)");
        assertFalse(called.isEmpty());
        called.forEach(uri -> assertTrue(consumed.contains(uri.replace("direct:", "direct://")), uri + " has no route"));
    }

    @Test
    void everyBeanAndMethodExists() {
        Matcher m = Pattern.compile("ref: (\\w+)\\n\\s+method: \"?(\\w+)").matcher(yaml);
        int checked = 0;
        while (m.find()) {
            Object bean = camel.getRegistry().lookupByName(m.group(1));
            assertTrue(bean != null, "no bean " + m.group(1));
            String method = m.group(2);
            assertTrue(Arrays.stream(bean.getClass().getMethods()).map(Method::getName).anyMatch(method::equals),
                    m.group(1) + " has no method " + method);
            checked++;
        }
        assertTrue(checked > 30, "bean steps found: " + checked);
    }

    @Test
    void everyPropertyReadIsSetByARoute() {
        Set<String> set = all("setProperty:\\n\\s+name: (\\w+)");
        Set<String> read = all("exchangeProperty\\.(\\w+)");
        read.removeAll(set);
        assertEquals(Set.of(), read, "exchange properties read but never set");
    }

    @Test
    void everyBranchValueIsAJavaConstant() {
        Set<String> constants = RouteBranches.VALUES.stream()
                .flatMap(e -> Arrays.stream(e.getEnumConstants())).map(Enum::name).collect(Collectors.toSet());
        Set<String> used = all("== '([A-Z_]+)'");
        assertFalse(used.isEmpty());
        used.forEach(value -> assertTrue(constants.contains(value), value + " is no constant the steps return"));
    }

    /** Simple compares a branch value through one registered converter each way, not a search of the registry. */
    @Test
    void everyBranchValueConvertsByADirectLookup() {
        for (Class<? extends Enum<?>> type : RouteBranches.VALUES) {
            Enum<?> first = type.getEnumConstants()[0];
            assertTrue(camel.getTypeConverterRegistry().lookup(String.class, type) != null, type.getName());
            assertTrue(camel.getTypeConverterRegistry().lookup(type, String.class) != null, type.getName());
            assertEquals(first.name(), camel.getTypeConverter().convertTo(String.class, first));
            assertEquals(first, camel.getTypeConverter().convertTo(type, first.name()));
        }
    }

    @Test
    void everyMappingFileExists() {
        Set<String> mappings = all("mappings/([\\w-]+\\.jq)");
        assertTrue(mappings.size() >= 6, mappings.toString());
        mappings.forEach(file -> assertTrue(Files.isRegularFile(ROUTES.resolve("mappings").resolve(file)), file));
    }

    @Test
    void everyGatePathIsAGateEndpoint() throws IllegalAccessException {
        Set<String> endpoints = new TreeSet<>();
        for (Field field : GatePaths.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                endpoints.add((String) field.get(null));
            }
        }
        Set<String> used = all("name: gatePath\\n\\s+constant: (\\S+)");
        assertEquals(endpoints, used, "each Gate endpoint is posted by a route, and only those");
    }
}
