package dev.shardhouse.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Setting;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The ClickHouse password kept in Secrets Manager: the whole secret string, or its {@code password} field. */
public final class SecretPassword {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretPassword() {
    }

    public static String fetch(SecretsManagerClient secrets, String secretArn) {
        return parse(secrets.getSecretValue(request -> request.secretId(secretArn)).secretString());
    }

    /** Errors name the setting, never the secret's content. */
    static String parse(String secret) {
        String setting = Setting.CLICKHOUSE_PASSWORD_SECRET_ARN.name();
        if (secret == null) {
            throw new ConfigException(setting, "the secret has no string value");
        }
        if (!secret.stripLeading().startsWith("{")) {
            return secret;
        }
        try {
            JsonNode password = JSON.readTree(secret).get("password");
            if (password == null || !password.isTextual()) {
                throw new ConfigException(setting, "the secret is a JSON object without a text field 'password'");
            }
            return password.asText();
        } catch (JsonProcessingException e) {
            throw new ConfigException(setting, "the secret starts like a JSON object but is not valid JSON");
        }
    }
}
