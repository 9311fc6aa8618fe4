package dev.shardhouse.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The stack synthesized once per test JVM (jsii start-up and synthesis take seconds) with the context of cdk.json,
 * so the tests see the template `cdk synth` produces. The function jar is a small stand-in file.
 */
final class SynthesizedStack {

    private static Template template;
    private static Map<String, Object> json;

    private SynthesizedStack() {
    }

    static synchronized Template template() {
        if (template == null) {
            template = synthesize();
            json = template.toJSON();
        }
        return template;
    }

    /** The whole template as CloudFormation reads it. */
    static Map<String, Object> json() {
        template();
        return json;
    }

    /** Resources of one type, by logical id. */
    static Map<String, Map<String, Object>> resources(String type) {
        return template().findResources(type);
    }

    /** The one resource of a type (fails if there are more or none), with its logical id. */
    static Map.Entry<String, Map<String, Object>> onlyResource(String type) {
        Map<String, Map<String, Object>> found = resources(type);
        assertEquals(1, found.size(), "resources of type " + type + ": " + found.keySet());
        return found.entrySet().iterator().next();
    }

    /** A resource by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(String logicalId) {
        template();
        return (Map<String, Object>) ((Map<String, Object>) json.get("Resources")).get(logicalId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resource(logicalId).get("Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(String name) {
        template();
        return (Map<String, Object>) json.get(name);
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, ...]}} points at. */
    @SuppressWarnings("unchecked")
    static String target(Object reference) {
        Map<String, Object> map = (Map<String, Object>) reference;
        Object ref = map.get("Ref");
        return ref != null ? (String) ref : (String) ((List<Object>) map.get("Fn::GetAtt")).get(0);
    }

    /** A template value (a string or a list) as a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> values ? (List<Object>) values : List.of(value);
    }

    /** A number or string from the template as text: numbers come back as Integer or Double. */
    static String text(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }

    static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template synthesize() {
        App app = app();
        return Template.fromStack(new ShardhouseStack(app, ShardhouseApp.STACK_ID, StackProps.builder().build(),
                standInJar()));
    }

    /** An app with the context of cdk.json, as `cdk synth` builds it. */
    static App app() {
        try {
            return App.Builder.create().context(cdkJsonContext()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small file in place of the shaded function jar: the template only needs its asset hash. */
    static Path standInJar() {
        try {
            Path jar = Files.createTempFile("shardhouse-function", ".jar");
            jar.toFile().deleteOnExit();
            return Files.writeString(jar, "stand-in for the shaded function jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in infra/, next to cdk.json. */
    private static Map<String, Object> cdkJsonContext() throws IOException {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
        return context;
    }
}
