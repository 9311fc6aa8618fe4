package dev.shardhouse.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The environment {@code sam local invoke <function> --env-vars <file>} gives a function, built as SAM CLI 1.164 builds
 * it: every variable the template declares on the function, its value resolved by {@link SamIntrinsics}, then
 * replaced by the file's value for that name ({@code Parameters} first, the function's own section over it). A name
 * the template does not declare never reaches the function, whatever the file says.
 */
final class SamLocalEnvironment {

    private SamLocalEnvironment() {
    }

    static Map<String, String> of(Map<String, Object> template, String function, Path envVarsFile,
                                  Map<String, String> parameterOverrides) {
        SamIntrinsics intrinsics = new SamIntrinsics(template, parameterOverrides);
        Map<String, String> overrides = overrides(envVarsFile, function);
        Map<String, String> environment = new LinkedHashMap<>();
        declaredVariables(template, function).forEach((name, value) ->
                environment.put(name, overrides.containsKey(name) ? overrides.get(name) : intrinsics.asString(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> declaredVariables(Map<String, Object> template, String function) {
        Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) template.get("Resources")).get(function);
        Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
        Map<String, Object> environment = (Map<String, Object>) properties.getOrDefault("Environment", Map.of());
        return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
    }

    private static Map<String, String> overrides(Path envVarsFile, String function) {
        try {
            Map<String, Map<String, String>> file = new ObjectMapper().readValue(envVarsFile.toFile(), new TypeReference<>() {
            });
            Map<String, String> overrides = new LinkedHashMap<>(file.getOrDefault("Parameters", Map.of()));
            overrides.putAll(file.getOrDefault(function, Map.of()));
            return overrides;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
