package dev.shardhouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the ClickHouse password from a Secrets Manager secret: either the plain secret string or a JSON object with
 * a {@code password} field (the shape of secrets created for database credentials).
 */
public final class SecretsManagerPasswords implements Function<String, String> {

    /** Built for the first secret that is a JSON document: without one, a cold start never pays for a mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Override
    public String apply(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return passwordIn(client.getSecretValue(request -> request.secretId(secretArn)).secretString(), secretArn);
        }
    }

    static String passwordIn(String secret, String secretArn) {
        if (secret == null) {
            throw new ConfigException(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN.name(),
                    "secret " + secretArn + " has no string value (binary secrets are not supported)");
        }
        if (!secret.trim().startsWith("{")) {
            return secret;
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(secret);
        } catch (IOException e) {
            // neither the parser's message nor its cause goes on: both may quote the secret
            throw new ConfigException(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN.name(),
                    "secret " + secretArn + " starts like a JSON object but is not valid JSON");
        }
        JsonNode password = document.get("password");
        if (password == null || !password.isTextual()) {
            throw new ConfigException(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN.name(),
                    "secret " + secretArn + " is a JSON document without a string field 'password'");
        }
        return password.asText();
    }
}
