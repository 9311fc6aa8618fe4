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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            JsonNode password = JSON.readTree(secret).get("password");
            if (password != null && password.isTextual()) {
                return password.asText();
            }
        } catch (IOException e) {
            // a secret that looks like JSON but is not is reported below, without its content
        }
        throw new ConfigException(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN.name(),
                "secret " + secretArn + " is a JSON document without a string field 'password'");
    }
}
