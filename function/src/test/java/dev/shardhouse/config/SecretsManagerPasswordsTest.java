package dev.shardhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Secret shapes beyond those {@link IngestConfigTest} reads: braces inside a plain secret, broken JSON, binary. */
class SecretsManagerPasswordsTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbCdEf";

    @Test
    void aPlainSecretMayContainABrace() {
        assertEquals("pa ss{word", SecretsManagerPasswords.passwordIn("pa ss{word", ARN));
    }

    @Test
    void brokenJsonIsRefusedWithoutShowingTheSecret() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> SecretsManagerPasswords.passwordIn("{\"password\":\"s3cret", ARN));

        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN: secret " + ARN + " starts like a JSON object but is not valid JSON",
                error.getMessage());
        assertNull(error.getCause(), "the parser's exception may quote the secret");
    }

    @Test
    void aBinarySecretIsRefusedNamingTheSetting() {
        ConfigException error = assertThrows(ConfigException.class, () -> SecretsManagerPasswords.passwordIn(null, ARN));

        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN: secret " + ARN + " has no string value (binary secrets are not supported)",
                error.getMessage());
    }
}
